"""Build or serve the browsable site of a policy set, without a mkdocs.yml of your own.

`docs build -d DIR` writes a static site into DIR (relative to the current directory). It
refuses a DIR that is not empty unless it built the site there before (a `.responsibility-site`
marker) or --force is given. The site is built beside DIR and moved into place only when it is
complete (it has its index.html), so a failed build leaves the previous site as it was.
`docs serve` serves the site and rebuilds it when a policy file changes.
Needs the `docs` extra: pip install '.[docs]' in a checkout of the project."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from responsibility.cli.commands._common import POLICIES, include_shipped, install_extra, load_from
from responsibility.core.safewrite import new_mode
from responsibility.site.render import html_text

PARENTS: tuple[argparse.ArgumentParser, ...] = ()
MARKER = ".responsibility-site"

# Material's own separator for Chinese plus the full-width punctuation of policy texts; U+200B is
# where jieba's segments meet in the index. In a single-quoted YAML string, as written.
SEARCH_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：（）《》「」“”]+"

CONFIG_TEMPLATE = """\
site_name: {site_name}
site_url: {site_url}
docs_dir: {docs_dir}
site_dir: {site_dir}
use_directory_urls: true
theme:
  name: material
  font: false  # no web-font request: the site works offline, e.g. on an intranet
  language: zh
  features: [navigation.instant, navigation.tabs, navigation.sections, navigation.top,
             search.highlight, search.suggest]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: red
      accent: amber
      toggle: {{icon: material/brightness-7, name: 切换到深色模式}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: red
      accent: amber
      toggle: {{icon: material/brightness-4, name: 切换到浅色模式}}
plugins:
  - search:
      lang: [zh, en]
      separator: '{separator}'
  - responsibility:
      policies: {policies}
      include_shipped: {include_shipped}
      prefix: ''
markdown_extensions:
  - tables
  - attr_list
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="docs_command", metavar="ACTION", required=True)
    build = sub.add_parser(
        "build", help="write the site into a directory", description=__doc__, parents=[POLICIES]
    )
    build.add_argument(
        "-d", "--site-dir", default="site", metavar="DIR", help="output directory (default: site)"
    )
    build.add_argument("--force", action="store_true", help="replace DIR even if it holds other files")
    serve = sub.add_parser("serve", help="serve the site locally", description=__doc__, parents=[POLICIES])
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    for q in (build, serve):
        q.add_argument("--site-name", default="脱贫攻坚责任制 · responsibility", help="the site's title")
        q.add_argument(
            "--site-url",
            default=None,
            metavar="URL",
            help="the address the site is published at (fills sitemap.xml and canonical links)",
        )


def write_config(
    workdir: Path,
    site_dir: Path,
    policies: list[str],
    include_shipped: bool,
    site_name: str,
    site_url: str | None = None,
) -> Path:
    """A complete mkdocs.yml in `workdir` (with an empty docs dir), for the given policies."""
    docs_dir = workdir / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    # JSON strings are YAML strings: user values cannot change the config's structure. The theme
    # prints the site name into every page as HTML, unescaped: it is given escaped for HTML.
    text = CONFIG_TEMPLATE.format(
        site_name=json.dumps(html_text(site_name), ensure_ascii=False),
        site_url=json.dumps(site_url) if site_url else "null",
        separator=SEARCH_SEPARATOR,
        docs_dir=json.dumps(str(docs_dir)),
        site_dir=json.dumps(str(site_dir)),
        policies=json.dumps([str(Path(p).resolve()) for p in policies], ensure_ascii=False),
        include_shipped=json.dumps(include_shipped),
    )
    path = workdir / "mkdocs.yml"
    path.write_text(text, "utf-8")
    return path


def _check_target(target: Path, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise ValueError(f"{target} exists and is not a directory")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists() and not force:
        raise ValueError(
            f"{target} is not empty and was not built by `responsibility docs build`; "
            "choose an empty directory or pass --force to replace it"
        )


def _import_mkdocs() -> tuple[object, object]:
    # Material prints a banner about MkDocs 2 on every build; keep the command's output to the point.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        from mkdocs.commands import build as mk_build
        from mkdocs.config import load_config
    except ImportError:
        raise ValueError(f"the site needs the docs extra: {install_extra('docs')}") from None
    return mk_build, load_config


def build_site(
    target: Path,
    policies: list[str],
    include_shipped: bool = True,
    site_name: str = "脱贫攻坚责任制 · responsibility",
    force: bool = False,
    site_url: str | None = None,
) -> None:
    """Build the site into `target`, replacing it only once the new site is complete."""
    # MkDocs resolves a relative site_dir against the folder of its config file, which is a
    # temporary folder here: every path handed to it is made absolute first.
    target = Path(os.path.abspath(target))
    _check_target(target, force)
    mk_build, load_config = _import_mkdocs()
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    target.parent.mkdir(parents=True, exist_ok=True)
    # mkdtemp makes the folder 0700 whatever the umask. The site is a new folder each time (an
    # old 0700 site is not kept that way): it gets what mkdir gives.
    mode = new_mode(directory=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        os.chmod(staging, mode)
        with tempfile.TemporaryDirectory(prefix="responsibility-docs-") as work:
            config_file = write_config(Path(work), staging, policies, include_shipped, site_name, site_url)
            try:
                cfg = load_config(config_file=str(config_file))  # type: ignore[operator]
                cfg.plugins.on_startup(command="build", dirty=False)
                try:
                    mk_build.build(cfg)  # type: ignore[attr-defined]
                finally:
                    cfg.plugins.on_shutdown()
            except (Abort, ConfigurationError, PluginError) as exc:
                raise ValueError(str(exc)) from None
        if not (staging / "index.html").is_file():
            raise ValueError(f"the build wrote no index.html; {target} is left as it was")
        (staging / MARKER).write_text("built by `responsibility docs build`\n", "utf-8")
        _swap(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` at `target` by renames; the old site is removed only after the swap."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        os.rmdir(old)
        os.replace(target, old)
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old)


def serve_site(
    policies: list[str], include_shipped: bool, site_name: str, dev_addr: str, site_url: str | None = None
) -> None:
    _import_mkdocs()
    from mkdocs.commands.serve import serve

    with tempfile.TemporaryDirectory(prefix="responsibility-docs-") as work:
        config_file = write_config(
            Path(work), Path(work) / "site", policies, include_shipped, site_name, site_url
        )
        # MkDocs logs its address only when its logging is set up, which it is not here.
        print(f"serving the site at {serve_url(dev_addr)} (Ctrl+C stops it)", file=sys.stderr, flush=True)
        serve(config_file=str(config_file), dev_addr=dev_addr)


def serve_url(dev_addr: str) -> str:
    """The address `docs serve` listens on, as a browser opens it."""
    host, _, port = dev_addr.rpartition(":")
    host = host or "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def run(args: argparse.Namespace) -> int:
    load_from(args)  # policy errors surface here as file:line:col diagnostics (exit 1)
    shipped = include_shipped(args, args.policies)
    if args.docs_command == "build":
        target = Path(args.site_dir)
        build_site(target, args.policies, shipped, args.site_name, args.force, args.site_url)
        print(f"site written to {target}", file=sys.stderr)
        print(
            f"to view it: open {target / 'index.html'} in a browser, or serve the folder "
            f"(python3 -m http.server -d {target}, then http://127.0.0.1:8000/)",
            file=sys.stderr,
        )
        return 0
    serve_site(args.policies, shipped, args.site_name, args.dev_addr, args.site_url)
    return 0
