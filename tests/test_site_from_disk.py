"""The site `docs build` writes, opened straight from disk (file://) in Chromium: diagrams drawn,
search answering (its worker in a frame, its index from a script), folder links opening their
index.html, navigation tabs in Chinese."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from conftest import CATALOGUE, SITE_FIXTURES
from responsibility.cli.main import main

SMALL = ["--no-shipped", "--policies", str(CATALOGUE), "--policies", str(SITE_FIXTURES)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("from-disk") / "site"
    assert main(["docs", "build", "-d", str(out), *SMALL]) == 0
    return out


@pytest.fixture()
def page(browser: Any) -> Any:
    opened = browser.new_page()
    opened.set_viewport_size({"width": 1280, "height": 900})
    yield opened
    opened.close()


def test_diagrams_and_search_work_from_disk(site: Path, page: Any) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "index.html").as_uri())
    page.wait_for_selector(".mermaid svg")
    # Mermaid draws its error as an SVG too: the diagram must hold its nodes, not the bomb
    assert page.locator(".mermaid svg .nodeLabel").count() > 0
    assert "Syntax error" not in page.inner_text("body")
    box = page.locator("input.md-search__input")
    assert box.is_visible()  # Material hides search when its worker cannot start
    box.click()
    box.fill("测试用省级细则")
    items = page.locator(".md-search-result__item")
    deadline = time.monotonic() + 90
    while items.count() == 0 and time.monotonic() < deadline:
        box.press("End")
        page.wait_for_timeout(300)
    assert items.count() > 0
    first = items.first.locator("a").first
    assert "regulations/fixture-province/" in (first.get_attribute("href") or "")
    first.click()
    page.wait_for_load_state()
    # a folder link opens the folder's index.html, not the browser's listing of the folder
    assert page.url.split("?")[0].endswith("regulations/fixture-province/index.html")
    assert "测试用省级细则" in page.title()
    assert errors == []


def test_the_tabs_are_chinese_and_link_to_pages(site: Path, page: Any) -> None:
    page.goto((site / "index.html").as_uri())
    tabs = [" ".join(t.split()) for t in page.locator(".md-tabs__link").all_text_contents()]
    assert tabs[1:] == ["规定", "责任主体", "领域", "中央职责的地方落实"]
    page.locator(".md-tabs__link", has_text="责任主体").click()
    page.wait_for_load_state()
    assert page.url.endswith("actors/index.html")
    assert page.locator("h1").first.inner_text().startswith("责任主体")
