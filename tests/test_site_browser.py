"""The built site in a real browser: headless Chromium (Debian's package) driven by Playwright.

Two sites are built with `mkdocs build --strict`: the project's own (mkdocs.yml at the root) and
a test-only site whose plugin config adds a hostile policy directory. Each is served on
localhost from a thread. Screenshots go to test-artifacts/ (gitignored).

No browser is ever downloaded: Chromium comes from the system (`.ci/run` installs it), and the
test fails with a clear message when Chromium or Playwright is missing.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = ROOT / "tests" / "fixtures" / "site" / "hostile"
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
# Material renders Mermaid into a closed shadow root; open it so the test can see the SVG.
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


def _build(config: Path, out: Path) -> None:
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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def serve() -> Iterator[Any]:
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


@pytest.fixture(scope="module")
def project_site(tmp_path_factory: pytest.TempPathFactory, serve: Any) -> str:
    out = tmp_path_factory.mktemp("project-site")
    _build(ROOT / "mkdocs.yml", out)
    url: str = serve(out)
    return url


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, serve: Any) -> str:
    work = tmp_path_factory.mktemp("hostile-site")
    (work / "docs").mkdir()
    (work / "docs" / "index.md").write_text("# Test-only site\n", "utf-8")
    (work / "mkdocs.yml").write_text(
        "site_name: hostile fixture\ntheme: {name: material}\n"
        "plugins:\n  - search\n  - responsibility:\n"
        f"      policies: [{json.dumps(str(HOSTILE))}]\n      prefix: policies\n",
        "utf-8",
    )
    _build(work / "mkdocs.yml", work / "site")
    url: str = serve(work / "site")
    return url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: pip install -e '.[test]' (the browser extra)")
    executable = chromium_path()
    profile = tmp_path_factory.mktemp("chromium-profile")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        context.add_init_script(OPEN_SHADOW_ROOTS)
        yield context
        context.close()


def test_county_government_page_lists_the_project_pool_under_article_19(
    browser: Any, project_site: str
) -> None:
    page = browser.new_page()
    page.goto(f"{project_site}/policies/actors/county.government/")
    row = page.locator("table tr", has_text="建立扶贫项目库").first
    row.wait_for()
    assert "第十九条" in row.inner_text()
    assert "脱贫攻坚责任制实施办法" in row.inner_text()
    href = row.locator("a", has_text="第十九条").get_attribute("href")
    assert href is not None and href.endswith("regulations/central/#art_19")
    page.screenshot(path=str(ARTIFACTS / "county-government.png"), full_page=True)
    # Following the link lands on the article, whose text names the project pool.
    row.locator("a", has_text="第十九条").click()
    page.wait_for_url("**/regulations/central/#art_19")
    article = page.locator("#art_19")
    assert article.inner_text().startswith("第十九条")
    page.close()


def test_searching_project_pool_finds_it(browser: Any, project_site: str) -> None:
    page = browser.new_page()
    page.goto(f"{project_site}/policies/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item")
    # Material reads the query on keyup; Chinese text is inserted as by an input method, with
    # no key events, so a key (End) is pressed after it. The search worker builds its index
    # first and may miss a query sent before then: the key is pressed again until results
    # appear (or the deadline passes).
    box.fill("项目库")
    deadline = time.monotonic() + 120
    while results.count() == 0 and time.monotonic() < deadline:
        box.press("End")
        page.wait_for_timeout(1000)
    assert results.count() > 0, page.locator(".md-search-result__meta").text_content()
    # The index holds jieba's segments joined by zero-width spaces; they are invisible on screen.
    texts = [t.replace("\u200b", "") for t in results.all_inner_texts()]
    assert any("扶贫项目库" in t for t in texts), texts
    links = [a.get_attribute("href") or "" for a in page.locator(".md-search-result__item a").all()]
    # The project-pool duty itself is among the results (its page across localities).
    assert any("/duties/central/art_19/project-pool/" in h for h in links), links
    page.screenshot(path=str(ARTIFACTS / "search-xiangmuku.png"))
    page.close()


def test_chain_of_responsibility_renders_as_svg(browser: Any, project_site: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{project_site}/policies/actors/province.principal-leaders/")
    svg = page.locator("div.mermaid svg").first
    svg.wait_for(timeout=30_000)
    labels = svg.text_content() or ""
    assert "省级党委和政府主要负责人" in labels
    assert "党中央" in labels  # signs the responsibility letter with, and reports to, the centre
    assert errors == []
    page.screenshot(path=str(ARTIFACTS / "chain-diagram.png"), full_page=True)
    page.close()


def test_injected_script_shows_as_text_and_does_not_run(browser: Any, hostile_site: str) -> None:
    page = browser.new_page()
    page.goto(f"{hostile_site}/policies/regulations/fixture-hostile/")
    article = page.locator("article")
    article.wait_for()
    text = article.inner_text()
    assert "<script>window.__xss = 1</script>县扶贫办应当建立**粗体**台账" in text
    assert '<img src=x onerror="window.__xss_img = 1">' in text
    assert "[链接](javascript:alert(1))" in text
    assert "第一条<script>window.__xss_label = 1</script>" in text
    ran = page.evaluate(
        "() => [window.__xss, window.__xss_img, window.__xss_label, window.__xss_summary].filter(x => x !== undefined)"
    )
    assert ran == []
    assert page.locator("article script").count() == 0
    assert page.locator("article img").count() == 0
    assert page.locator("article strong", has_text="粗体").count() == 0
    page.screenshot(path=str(ARTIFACTS / "hostile-provision.png"), full_page=True)
    page.close()
