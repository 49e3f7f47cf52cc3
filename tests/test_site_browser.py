"""The built site in a real browser: headless Chromium (Debian's package) driven by Playwright.

Two sites, each built once per run by `mkdocs build --strict` in conftest.py and shared with the
other site tests: the project's own (mkdocs.yml at the root) and a test-only site whose plugin
config adds the fixture policies, hostile ones among them. Each is served on localhost from a
thread. Screenshots go to test-artifacts/ (gitignored).

No browser is ever downloaded: Chromium comes from the system (`.ci/run` installs it), and the
test fails with a clear message when Chromium or Playwright is missing.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from conftest import CHROMIUM_ARGS, OPEN_SHADOW_ROOTS, ROOT, chromium_path, mkdocs_build

ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = ROOT / "tests" / "fixtures" / "site" / "hostile"
# The helpers moved to conftest.py; these names stay importable for tests that used them here.
_build = mkdocs_build
__all__ = ["ARTIFACTS", "CHROMIUM_ARGS", "HOSTILE", "OPEN_SHADOW_ROOTS", "_build", "chromium_path"]


@pytest.fixture(scope="module", autouse=True)
def _artifacts() -> None:
    ARTIFACTS.mkdir(exist_ok=True)


def test_county_government_page_lists_the_project_pool_under_article_19(
    browser: Any, project_url: str
) -> None:
    page = browser.new_page()
    page.goto(f"{project_url}/policies/actors/county.government/")
    row = page.locator("table tr", has_text="建立扶贫项目库").first
    row.wait_for()
    assert "第十九条" in row.inner_text()
    assert "脱贫攻坚责任制实施办法" in row.inner_text()
    # The page opens with its 责任清单, whose 依据 links to the duty under its article.
    href = row.locator("a", has_text="第十九条").get_attribute("href")
    assert href is not None and href.endswith("regulations/central/#art_19--project-pool")
    page.screenshot(path=str(ARTIFACTS / "county-government.png"), full_page=True)
    # Following the link lands on the article, whose text names the project pool.
    row.locator("a", has_text="第十九条").click()
    page.wait_for_url("**/regulations/central/#art_19--project-pool")
    article = page.locator("#art_19")
    assert article.inner_text().startswith("第十九条")
    page.close()


def test_searching_project_pool_finds_it(browser: Any, project_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{project_url}/policies/")
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


def test_chain_of_responsibility_renders_as_svg(browser: Any, project_url: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{project_url}/policies/actors/province.principal-leaders/")
    svg = page.locator("div.mermaid svg").first
    svg.wait_for(timeout=30_000)
    labels = svg.text_content() or ""
    assert "省级党委和政府主要负责人" in labels
    assert "党中央" in labels  # signs the responsibility letter with, and reports to, the centre
    assert errors == []
    page.screenshot(path=str(ARTIFACTS / "chain-diagram.png"), full_page=True)
    page.close()


def test_injected_script_shows_as_text_and_does_not_run(browser: Any, fixture_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{fixture_url}/rules/regulations/fixture-hostile/")
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
