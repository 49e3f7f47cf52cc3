"""The MkDocs plugin: policy pages generated at build time, in any mkdocs-material site.

```yaml
plugins:
  - search
  - responsibility:
      policies: [policies/]     # directories or files, relative to mkdocs.yml (optional)
      include_shipped: true     # the policies shipped with the package (default true)
      prefix: policies          # where the pages go below the site root ('' for the root)
```

The pages come from :mod:`responsibility.site.pages`; this module only loads the policies, adds
the pages to the build as generated files (MkDocs 1.6 ``File.generated``), puts the index pages
into the navigation where ``PREFIX/index.md`` is listed, gives the theme a Chinese-first
``404.html`` linking back to them, enables the Mermaid fence the chain diagrams need, keeps
jieba's dictionary cache in the user cache folder, and watches the policy files under
``mkdocs serve``.
"""

from __future__ import annotations

import gc
import json
import logging
import posixpath
import re
import shutil
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from responsibility.core.errors import LookupFailure, PolicyError
from responsibility.policy.cache import user_cache_dir
from responsibility.policy.loader import load
from responsibility.policy.model import Division
from responsibility.policy.policyset import PolicySet, provision_paths
from responsibility.site.pages import (
    STYLESHEET,
    Paths,
    SitePages,
    iter_pages,
    not_found_page,
)
from responsibility.site.views import INDEX_NAMES, not_found

log = logging.getLogger("mkdocs.plugins.responsibility")

MERMAID_JS = Path(__file__).parent / "assets" / "mermaid" / "mermaid.min.js"
# The theme templates the plugin gives a site: its 404.html (Chinese first, with links back).
OVERRIDES = Path(__file__).parent / "overrides"
MERMAID_URI = "assets/responsibility/mermaid.min.js"
SEARCH_ASSETS = Path(__file__).parent / "assets" / "search"
ZWSP_URI = "assets/responsibility/search-results.js"
OFFLINE_URI = "assets/responsibility/offline.js"
# The most search index one page loads (5 MB): beyond it the index is split by section.
SEARCH_INDEX_LIMIT = 5_000_000
# Material's search worker segments a Chinese query greedily by the words of its index, but its
# loop stops one character short: a query that is itself a word of the index (项目库, 第十九条,
# 武邑县人民政府) is never taken whole and falls back to its first part (项目). The fix lets the
# loop reach the end of the query.
_SEGMENT_LOOP = re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")
MERMAID_FENCE = {
    "name": "mermaid",
    "class": "mermaid",
    "format": "pymdownx.superfences.fence_code_format",
}


class ResponsibilityConfig(base.Config):  # type: ignore[no-untyped-call]
    policies = c.ListOfItems(c.Type(str), default=[])
    include_shipped = c.Type(bool, default=True)
    prefix = c.Type(str, default="policies")
    nav = c.Type(bool, default=True)
    xlsx = c.Type(bool, default=True)
    # Serve the vendored mermaid.min.js instead of letting Material fetch it from a CDN.
    local_mermaid = c.Type(bool, default=True)


class ResponsibilityPlugin(BasePlugin[ResponsibilityConfig]):  # type: ignore[no-untyped-call]
    """Adds the pages of a policy set to a MkDocs build."""

    def __init__(self) -> None:
        self.roots: list[Path] = []
        self.scratch: Path | None = None  # jieba's cache when no cache folder can be made
        # The generated pages' Markdown is written here and read by MkDocs from disk, and their
        # HTML is kept compressed between MkDocs's two passes (it renders every page before it
        # writes any): a nationwide site otherwise held all of both in memory at once.
        self.sources: Path | None = None
        self.stashed: dict[str, bytes] = {}
        self.urls: dict[str, str] = {}  # the URLs of the pages the 404 page links to

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self.roots = [(base_dir / p).resolve() for p in self.config.policies]
        prefix = self.config.prefix.strip("/")
        if prefix != self.config.prefix:
            self.config.prefix = prefix
        _ensure_mermaid(config)
        _add_overrides(config)
        self.scratch = _keep_jieba_cache_out_of_tmp()
        config.extra_css.append(Paths(prefix).stylesheet())
        if self.config.local_mermaid:
            config.extra_javascript.append(MERMAID_URI)
        config.extra_javascript.append(ZWSP_URI)
        # before Material's bundle: the section's search index, and the site opened from disk
        polyfills = config.extra.setdefault("polyfills", [])
        if OFFLINE_URI not in polyfills:
            polyfills.append(OFFLINE_URI)
        return config

    def load_policies(self) -> PolicySet:
        try:
            return load([str(r) for r in self.roots], include_shipped=self.config.include_shipped)
        except PolicyError as exc:
            lines = "\n".join(d.format() for d in exc.diagnostics)
            raise PluginError(f"responsibility: the policies do not load:\n{lines}") from None
        except LookupFailure as exc:  # pragma: no cover - loading never looks ids up
            raise PluginError(f"responsibility: {exc}") from None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        ps = self.load_policies()
        paths = Paths(self.config.prefix)
        site = SitePages(ps, self.config.prefix, directory_urls=config.use_directory_urls)
        with_xlsx = (
            [a for a in ps.actors if any(p.sheets for p in site.list_parts(a))] if self.config.xlsx else []
        )
        generated: dict[str, str | bytes | Path] = {paths.stylesheet(): STYLESHEET}
        if self.config.local_mermaid:
            generated[MERMAID_URI] = MERMAID_JS.read_bytes()
        generated[ZWSP_URI] = (SEARCH_ASSETS / "zwsp.js").read_bytes()
        generated[OFFLINE_URI] = (SEARCH_ASSETS / "offline.js").read_bytes()
        teach_jieba(search_terms(ps))
        self._new_sources()
        assert self.sources is not None
        # written one by one, so that a nationwide site's pages are never all in memory at once
        pages = iter_pages(ps, self.config.prefix, with_xlsx, site=site)
        written = {uri: self._source(uri, markdown.encode("utf-8")) for uri, markdown in pages}
        generated.update(sorted(written.items()))  # in path order, as build_pages gives them
        for uri, data in _downloads(site, with_xlsx):
            generated[uri] = self._source(uri, data)
        # With an explicit nav, on_nav lists the index pages (mkdocs checks inclusion before it);
        # with an automatic nav, the index pages are what it should list.
        indexes = {paths.home()} if config.nav is not None else set(_index_pages(paths))
        for uri, content in generated.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(
                    f"responsibility: {uri} exists in docs_dir and is also a generated page; "
                    f"set the plugin's 'prefix' to a directory of its own"
                )
            # Per-body pages are reached from the index pages; listing hundreds of them in the
            # navigation would make every page of a nationwide site carry the whole list.
            inclusion = InclusionLevel.UNDEFINED if uri in indexes else InclusionLevel.NOT_IN_NAV
            if isinstance(content, Path):
                f = File.generated(config, uri, abs_src_path=str(content), inclusion=inclusion)
            else:
                f = File.generated(config, uri, content=content, inclusion=inclusion)
            files.append(f)
        self.urls = _urls(files, paths)
        # The policy set and the pages' indexes are not needed again: a nationwide set is a large
        # share of the build's memory, which MkDocs's own passes then need.
        del ps, site, written
        gc.collect()
        return files

    def _source(self, uri: str, data: bytes) -> Path:
        assert self.sources is not None
        path = self.sources / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def _new_sources(self) -> None:
        self._drop_sources()
        self.sources = Path(tempfile.mkdtemp(prefix="responsibility-pages-"))
        self.stashed = {}

    def _drop_sources(self) -> None:
        if self.sources is not None:
            shutil.rmtree(self.sources, ignore_errors=True)
            self.sources = None

    def _ours(self, page: Page) -> bool:
        path = page.file.abs_src_path
        return self.sources is not None and path is not None and Path(path).is_relative_to(self.sources)

    @event_priority(-100)  # after every other plugin has seen the HTML
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Keep a generated page's HTML compressed until the page is written (on_page_context)."""
        if not self._ours(page):
            return html
        self.stashed[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        # Drop the Markdown, but not to None: MkDocs's Page.title is None for a page whose
        # markdown is None, and the home page's nav tab read "None".
        page.markdown = ""
        return ""

    @event_priority(100)  # before the search plugin indexes it
    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        found = self.stashed.pop(page.file.src_uri, None)
        if found is not None:
            page.content = zlib.decompress(found).decode("utf-8")
        return context

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Replace a nav entry for PREFIX/index.md by a section of the index pages; in an
        automatic navigation, name the sections of the policy pages in Chinese (their folder
        names, capitalised, would be the tabs: Regulations, Actors …)."""
        paths = Paths(self.config.prefix)
        if config.nav is None:
            names = _index_pages(paths)
            _name_sections(nav.items, names)
            # the tabs in the order of the policy section: 规定, 责任主体, 领域, 中央职责的地方落实
            order = list(names)

            def rank(item: Any) -> int:
                uris = [c.file.src_uri for c in getattr(item, "children", None) or [] if isinstance(c, Page)]
                return min((order.index(u) for u in uris if u in order), default=-1)

            nav.items.sort(key=rank)
            nav.pages = _flatten(nav.items)
            return nav
        if not self.config.nav:
            return nav
        home = files.get_file_from_path(paths.home())
        if home is None:
            return nav
        _replace_page(nav.items, home, lambda title: _policy_section(title, paths, files, config))
        nav.pages = _flatten(nav.items)
        return nav

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if self._ours(page):
            page.content = None  # written: its HTML is not needed again
        return zh_cn(output, config)

    def on_template_context(self, context: Any, /, *, template_name: str, config: MkDocsConfig) -> Any:
        """The 404 page's article: Chinese first, with links to the home and index pages."""
        if template_name == "404.html":
            base_url = str(context.get("base_url") or "/")
            view = not_found(Paths(self.config.prefix), self.urls.get, base_url)
            context["rsp_not_found"] = not_found_page(view)
        return context

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """404.html and the theme's other static pages declare the language too."""
        return zh_cn(output_content, config) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        self._drop_sources()
        fix_search_worker(site_dir)
        index = site_dir / "search" / "search_index.json"
        index_whole_names(index, self.config.prefix)
        if index.is_file():
            split_search_index(site_dir, self.config.prefix, config.use_directory_urls)

    def on_shutdown(self) -> None:
        self._drop_sources()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        for root in self.roots:
            if root.exists():
                server.watch(str(root))
        return server


_LANG_ZH = re.compile(r'<html lang="zh"')


def zh_cn(output: str, config: MkDocsConfig) -> str:
    """``<html lang="zh-CN">`` where Material says ``lang="zh"``: with a bare ``zh`` Chromium
    may draw the text with Japanese or Traditional glyph shapes; ``zh-CN`` selects Simplified."""
    theme_lang = str(config.theme.get("language", "") or "")
    if theme_lang != "zh":
        return output
    return _LANG_ZH.sub('<html lang="zh-CN"', output, count=1)


def search_terms(ps: PolicySet) -> list[str]:
    """Words search must keep whole: the shipped list of policy terms, and the Chinese names of
    every actor, artefact kind and topic and every article label of the policy set.

    Material's search matches a query word against the start of an indexed word (项目 finds
    项目库), never its middle. A word holding another word of the list after its start (扶贫项目库
    holds 项目库, 驻村第一书记 holds 第一书记) is therefore left to jieba, which cuts it into
    扶贫 + 项目库, so that 项目库 and 第一书记 find it."""
    words = {
        line.strip()
        for line in (SEARCH_ASSETS / "terms.txt").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    words |= {a.name.zh for a in ps.actors.values()}
    words |= {k.name.zh for k in ps.artefact_kinds.values()}
    words |= {t.name.zh for t in ps.topics.values()}
    words |= {p.label for r in ps.regulations.values() for p, _, _ in provision_paths(r) if p.label}
    words |= {d.title.zh for r in ps.regulations.values() for d in _divisions(r.divisions)}
    # only words of two or more Han characters: a word with spaces or punctuation would never be
    # a segment of the index, and single characters are jieba's own business
    words = {w for w in words if _HAN_WORD.fullmatch(w)}
    return sorted(w for w in words if not any(o != w and o in w[1:] for o in words))


def _divisions(divs: list[Division]) -> Iterator[Division]:
    for d in divs:
        yield d
        yield from _divisions(d.divisions)


_HAN_WORD = re.compile(r"[\u3400-\u9fff]{2,}")


def teach_jieba(words: list[str]) -> None:
    """Add `words` to jieba's dictionary, each with the frequency that keeps it one segment, so
    Material's search indexes 项目库 and 武邑县人民政府 whole rather than as 项目 + 库."""
    try:
        import jieba
    except ImportError:
        return
    for w in words:
        jieba.add_word(w)


def index_whole_names(index_file: Path, prefix: str) -> None:
    """Put each generated page's Chinese name, unsegmented, at the start of its page entry.

    jieba cuts 武邑县扶贫办 into 武邑 + 县扶贫办 (so 县扶贫办 finds it); the whole name as a word of
    its own lets the exact name find its page first. Shown in a result, it reads as the page's
    name before its first lines."""
    if not index_file.is_file():
        return
    data = json.loads(index_file.read_text("utf-8"))
    base = f"{prefix}/" if prefix else ""
    for doc in data.get("docs", []):
        location = str(doc.get("location", ""))
        if "#" in location or not location.startswith(base):
            continue
        name = str(doc.get("title", "")).replace("\u200b", "").split(" ", 1)[0]
        if _HAN.search(name):
            doc["text"] = f"{name} {doc.get('text', '')}"
    index_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


_HAN = re.compile(r"[\u3400-\u9fff]")


def split_search_index(
    site_dir: Path, prefix: str, directory_urls: bool, limit: int = SEARCH_INDEX_LIMIT
) -> int:
    """Keep the index a page loads within `limit` bytes; returns the number of shards written.

    A site whose index fits is left with its one index (and its copy as a script,
    ``search/search_index.js``, which Material reads when the site is opened from disk). A
    larger one is split by section (the policy pages' kinds, the other pages), a section into
    shards of whole pages in order: a shard holds its pages' entries and, for every other page,
    an entry of its name alone, so a body's or a regulation's name finds its page from anywhere.
    Each page names its shard in ``<meta name="rsp-search-index">`` (read by offline.js), and
    loses Material's instant navigation, which would keep the first page's shard."""
    folder = site_dir / "search"
    raw = (folder / "search_index.json").read_text("utf-8")
    if len(raw.encode("utf-8")) <= limit:
        (folder / "search_index.js").write_text(f"var __index = {raw}", "utf-8")
        return 0
    data = json.loads(raw)
    pages: dict[str, list[dict[str, Any]]] = {}
    for doc in data["docs"]:
        pages.setdefault(str(doc.get("location", "")).split("#", 1)[0], []).append(doc)
    names = [_name_entry(docs[0]) for docs in pages.values()]
    names_size = _size({"config": data["config"], "docs": names})
    shards: list[list[str]] = []
    size, section = limit, None
    for location, docs in sorted(pages.items(), key=lambda kv: (_section(kv[0], prefix), kv[0])):
        own = sum(_size(d) + 1 for d in docs)  # and a comma
        here = _section(location, prefix)
        if here != section or size + own > limit - names_size - 1024:
            shards.append([])
            size, section = 0, here
        shards[-1].append(location)
        size += own
    (folder / "shards").mkdir(exist_ok=True)
    shard_of: dict[str, int] = {}
    for n, members in enumerate(shards):
        inside = set(members)
        docs = [d for loc in members for d in pages[loc]]
        docs += [_name_entry(pages[loc][0]) for loc in pages if loc not in inside]
        body = _dump({"config": data["config"], "docs": docs})
        (folder / "shards" / f"{n}.json").write_text(body, "utf-8")
        (folder / "shards" / f"{n}.js").write_text(f"var __index = {body}", "utf-8")
        shard_of.update(dict.fromkeys(members, n))
    # pages outside every shard (404.html) search the names alone
    names_body = _dump({"config": data["config"], "docs": names})
    (folder / "search_index.json").write_text(names_body, "utf-8")
    (folder / "search_index.js").write_text(f"var __index = window.__index || {names_body}", "utf-8")
    for page in site_dir.rglob("*.html"):
        location = _location(page.relative_to(site_dir).as_posix(), directory_urls)
        shard = shard_of.get(location)
        target = f"search/shards/{shard}.json" if shard is not None else "search/search_index.json"
        rel = posixpath.relpath(target, posixpath.dirname(page.relative_to(site_dir).as_posix()) or ".")
        html_text = page.read_text("utf-8")
        html_text = html_text.replace(
            "<head>", f'<head>\n<meta name="rsp-search-index" content="{rel}">', 1
        ).replace('"navigation.instant", ', "", 1)
        page.write_text(html_text, "utf-8")
    return len(shards)


def _size(obj: object) -> int:
    return len(_dump(obj).encode("utf-8"))


def _dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _name_entry(doc: dict[str, Any]) -> dict[str, Any]:
    """A page's entry with its name alone (the whole name, as index_whole_names put it first)."""
    title = str(doc.get("title", ""))
    name = str(doc.get("text", "")).split(" ", 1)[0] if _HAN.search(title) else ""
    return {"location": doc.get("location", ""), "title": title, "text": name}


def _section(location: str, prefix: str) -> str:
    """The section a page's index entries go with: a kind of policy page, or the other pages."""
    base = f"{prefix}/" if prefix else ""
    if not location.startswith(base):
        return ""
    kind = location[len(base) :].split("/", 1)
    return kind[0] if len(kind) > 1 else ""


def _location(path: str, directory_urls: bool) -> str:
    """The search index's location of a built page: regulations/central/ for
    regulations/central/index.html (or the file itself without directory URLs)."""
    if path == "index.html":
        return ""
    if directory_urls and path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path


def fix_search_worker(site_dir: Path) -> bool:
    """Let Material's search worker take a whole query as one segment (see _SEGMENT_LOOP).
    Returns whether the worker was found and fixed; a worker of another shape is left alone."""
    fixed = False
    for worker in (site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"):
        code = worker.read_text("utf-8")
        new, n = _SEGMENT_LOOP.subn(lambda m: m.group(0).replace("<", "<=", 1), code, count=1)
        if n:
            worker.write_text(new, "utf-8")
            fixed = True
    if not fixed:
        log.info("responsibility: Material's search worker has another shape; left as it is")
    return fixed


def _ensure_mermaid(config: MkDocsConfig) -> None:
    """Chain diagrams are Mermaid fences: make sure superfences renders them for Material."""
    if "pymdownx.superfences" not in config.markdown_extensions:
        config.markdown_extensions.append("pymdownx.superfences")
    ext = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = ext.setdefault("custom_fences", [])
    if not any(f.get("name") == "mermaid" for f in fences):
        from pymdownx.superfences import fence_code_format

        fences.append({**MERMAID_FENCE, "format": fence_code_format})
    for needed in ("tables", "attr_list"):
        if needed not in config.markdown_extensions:
            config.markdown_extensions.append(needed)


def _add_overrides(config: MkDocsConfig) -> None:
    """Put the plugin's theme templates (its 404.html) before the theme's own, and after the
    site's ``custom_dir``: a site that overrides a template itself keeps its own."""
    dirs = config.theme.dirs
    ours = str(OVERRIDES)
    if ours not in dirs:
        dirs.insert(1 if config.theme.custom_dir is not None else 0, ours)


def _urls(files: Files, paths: Paths) -> dict[str, str]:
    """The URLs of the site's home page and of the policy index pages, as MkDocs gives them (a
    folder, or an .html file without directory URLs), by their paths below docs_dir."""
    wanted = [getattr(paths, kind)() for kind, _ in INDEX_NAMES]
    urls = {uri: f.url for uri in wanted if (f := files.get_file_from_path(uri)) is not None}
    # the site's own home page: its index.md, or the README.md MkDocs takes for one
    home = files.get_file_from_path("index.md") or files.get_file_from_path("README.md")
    if home is not None:
        urls["index.md"] = home.url
    return urls


def cache_dir() -> Path:
    """The user's cache folder for responsibility (shared with the policy cache)."""
    return user_cache_dir()


def _keep_jieba_cache_out_of_tmp() -> Path | None:
    """Point jieba's dictionary cache at the user cache folder; returns a scratch folder to remove.

    Material's search segments Chinese with jieba, which otherwise writes a 9 MB
    ``jieba.cache`` into the shared temporary folder, never removes it, and loads whatever file
    of that name it finds there. Left alone when jieba is absent, already set up, or configured
    by the site. Where no cache folder can be made, a private scratch folder is used instead and
    removed when the build ends.
    """
    try:
        import jieba
    except ImportError:
        return None
    # its "Building prefix dict … Loading model cost …" lines are noise in a build's output
    jieba.setLogLevel(logging.WARNING)
    dt = jieba.dt
    if dt.initialized or dt.tmp_dir is not None or dt.cache_file is not None:
        return None
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        dt.tmp_dir = str(folder)
        return None
    except (OSError, RuntimeError):  # RuntimeError: no home directory to find
        scratch = Path(tempfile.mkdtemp(prefix="responsibility-jieba-"))
        dt.tmp_dir = str(scratch)
        return scratch


def _downloads(site: SitePages, actors: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """The 责任清单 XLSX of every body that owes a duty: the very rows its page shows, one per
    page that shows a list (the actor's, or each part of a long one)."""
    from responsibility.graph.responsibility_list import workbook

    for actor_id in actors:
        for part in site.list_parts(actor_id):
            if part.sheets:
                yield part.xlsx, workbook(part.sheets)


def _index_pages(paths: Paths) -> dict[str, str]:
    return {
        paths.home(): "概览",
        paths.regulations(): "规定",
        paths.actors(): "责任主体",
        paths.topics(): "领域",
        paths.central_duties(): "中央职责的地方落实",
    }


def _name_sections(items: list[Any], names: dict[str, str]) -> None:
    """Title each section holding one of the index pages by that page's Chinese name."""
    for item in items:
        if not isinstance(item, Section):
            continue
        for child in item.children:
            if isinstance(child, Page) and child.file.src_uri in names:
                item.title = names[child.file.src_uri]
                child.title = names[child.file.src_uri]
        _name_sections(item.children, names)


def _policy_section(title: str | None, paths: Paths, files: Files, config: MkDocsConfig) -> Section:
    children: list[StructureItem] = []
    for uri, name in _index_pages(paths).items():
        f = files.get_file_from_path(uri)
        if f is None:
            continue
        page = f.page if f.page is not None else Page(None, f, config)
        page.title = name
        children.append(page)
    section = Section(title or "规定与职责", children)
    for child in children:
        child.parent = section
    return section


def _replace_page(items: list[Any], target: File, make: Any) -> bool:
    for i, item in enumerate(items):
        if isinstance(item, Page) and item.file is target:
            parent = item.parent  # read first: the page becomes a child of the new section
            section = make(item.title)
            section.parent = parent
            items[i] = section
            return True
        if isinstance(item, Section) and _replace_page(item.children, target, make):
            return True
    return False


def _flatten(items: list[Any]) -> list[Page]:
    out: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        elif isinstance(item, Section):
            out.extend(_flatten(item.children))
    for prev, cur in zip([None, *out], out, strict=False):
        cur.previous_page = prev
        if prev is not None:
            prev.next_page = cur
    if out:
        out[-1].next_page = None
    return out
