"""Settings and fixtures shared by the whole test suite.

Hypothesis profiles
    ``ci`` (the default, also under CI=true): derandomised, so every run draws the same examples
    and a failure reproduces by running the test again; no deadline and no ``too_slow`` health
    check, both of which depend on the machine's load and so make tests flaky on a shared machine.
    ``sweep`` (``HYPOTHESIS_PROFILE=sweep python -m pytest ...``): a new random seed on every run
    and 1,000 examples for tests that do not set their own number; run it locally, repeatedly,
    to look for what the fixed examples miss (``--hypothesis-seed=N`` replays one sweep).
    Each Hypothesis example must get its own files: make them inside the test body
    (``tempfile.TemporaryDirectory()``), never under a ``tmp_path`` that every example shares.

Built sites (session-scoped, built once per run and shared by every test file)
    ``project_site``: the project's own site, ``mkdocs build --strict`` of the root mkdocs.yml.
    ``fixture_site``: a small foreign site whose mkdocs.yml adds the ``responsibility`` plugin for
    ``tests/fixtures/site`` (with its ``hostile/`` policies), pages under ``rules/``.
    Both are :class:`BuiltSite` values (``.path``, ``.log``) and are read-only: copy one before
    changing it. Build a site of your own with :func:`mkdocs_build`, in a module-scoped fixture.
    ``serve(directory) -> url`` serves a folder on localhost; ``browser`` is a headless Chromium
    (Playwright persistent context) shared by every browser test. ``project_url`` and
    ``fixture_url`` are the two sites above, served.

Under pytest-xdist each worker is a process of its own; the two sites are still built once per
run: the first worker to need one builds it under a file lock and the others reuse it.
"""

from __future__ import annotations

import atexit
import fcntl
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import responsibility
from responsibility.cli import results
from responsibility.policy.policyset import PolicySet

ROOT = Path(__file__).resolve().parents[1]
SHARED_SOURCES = ROOT.parent / "shared" / "sources"
SITE_FIXTURES = ROOT / "tests" / "fixtures" / "site"
CATALOGUE = ROOT / "policies" / "catalogue"

settings.register_profile(
    "ci",
    derandomize=True,  # implies database=None: nothing carried over from an earlier run
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "sweep",
    derandomize=False,
    max_examples=1000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def shipped() -> PolicySet:
    return responsibility.load()


@pytest.fixture
def shipped_loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands reading only the shipped policies share one loaded set (tests/shipped_helpers.py)."""
    from shipped_helpers import share_shipped

    share_shipped(monkeypatch)


# The product's own cache (responsibility.policy.cache) in a folder of this test process: shipped files
# are parsed once per process rather than once per `load()` (that was a third of the suite's CPU
# time), and no test writes to the real ~/.cache. XDG_CACHE_HOME is set for the whole session,
# so subprocesses (the CLI, mkdocs) inherit it too; the folder goes when the process ends.
_TEST_CACHE = tempfile.mkdtemp(prefix="responsibility-test-cache-")
os.environ["XDG_CACHE_HOME"] = _TEST_CACHE
os.environ.pop("RESPONSIBILITY_CACHE_DIR", None)
os.environ.pop("RESPONSIBILITY_NO_CACHE", None)
atexit.register(shutil.rmtree, _TEST_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _no_result_cache_in_process(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's result cache (cli/results.py) is off for commands run inside the test
    process: a test that patches the tool's internals would otherwise be answered by an earlier
    test's stored output (the cache knows the files, not a patch). Its own tests turn it on."""
    if not request.node.path.name.startswith("test_result_cache"):
        monkeypatch.setattr(results, "wanted", lambda *_: False)


# -- built sites -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuiltSite:
    path: Path  # the site folder (index.html at its top)
    log: str  # what `mkdocs build` wrote to stderr


def mkdocs_build(config: Path, out: Path) -> str:
    """`mkdocs build --strict` of `config` into `out`, as a user runs it; returns its stderr.

    A subprocess, so the build sees a fresh interpreter and its warnings are the real output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def _shared_dir(factory: pytest.TempPathFactory) -> Path:
    # Under xdist every worker has its own basetemp inside the run's folder; share the parent.
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def build_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], str]) -> BuiltSite:
    """Run `build(folder) -> log` once per test run (across xdist workers) and share the result."""
    root = _shared_dir(factory) / "shared-sites"
    root.mkdir(exist_ok=True)
    work, log, done = root / name, root / f"{name}.log", root / f"{name}.done"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(work, ignore_errors=True)  # a half-built folder from a failed attempt
            work.mkdir()
            log.write_text(build(work), "utf-8")
            done.touch()
    return BuiltSite(work / "site", log.read_text("utf-8"))


def _build_project_site(work: Path) -> str:
    return mkdocs_build(ROOT / "mkdocs.yml", work / "site")


def write_fixture_config(work: Path, extra: str = "") -> Path:
    """A county office's own MkDocs site that adds the plugin in a few lines (fixture policies)."""
    (work / "docs").mkdir(exist_ok=True)
    (work / "docs" / "index.md").write_text(
        "# A county office's site\n\n[Policies](rules/index.md)\n", "utf-8"
    )
    # Only the catalogue is needed beside the fixtures; leaving out the shipped regulations keeps
    # the build small (the project site covers them).
    policies = json.dumps([str(CATALOGUE), str(SITE_FIXTURES)])
    (work / "mkdocs.yml").write_text(
        "site_name: test\ntheme: {name: material}\n"
        "plugins:\n  - search\n  - responsibility:\n"
        f"      policies: {policies}\n      include_shipped: false\n      prefix: rules\n{extra}",
        "utf-8",
    )
    return work / "mkdocs.yml"


def _build_fixture_site(work: Path) -> str:
    return mkdocs_build(write_fixture_config(work), work / "site")


@pytest.fixture(scope="session")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_once(tmp_path_factory, "project", _build_project_site)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_once(tmp_path_factory, "fixture", _build_fixture_site)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """`serve(directory)` serves a folder on 127.0.0.1 from a thread and returns its URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(directory: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


@pytest.fixture(scope="session")
def project_url(project_site: BuiltSite, serve: Callable[[Path], str]) -> str:
    return serve(project_site.path)


@pytest.fixture(scope="session")
def fixture_url(fixture_site: BuiltSite, serve: Callable[[Path], str]) -> str:
    return serve(fixture_site.path)


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Material renders Mermaid into a closed shadow root; open it so a test can see the SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: "open"}); };
"""


def chromium_path() -> str:
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if path is None:
        pytest.fail(
            "Chromium is missing: install Debian's package (apt-get install -y chromium); .ci/run does"
        )
    return path


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright; open a page per test and close it."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: pip install -e '.[test]' (the browser extra)")
    executable = chromium_path()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        context.add_init_script(OPEN_SHADOW_ROOTS)
        # Playwright waits 30 s by default; a shared, loaded machine can need more.
        context.set_default_timeout(90_000)
        context.set_default_navigation_timeout(90_000)
        yield context
        context.close()
