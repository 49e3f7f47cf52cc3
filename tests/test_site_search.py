"""Search as a Chinese reader uses it, in a real browser (headless Chromium, Playwright).

The committed query set (tests/fixtures/search-queries.tsv: terms from the texts, body names,
article numbers) is typed into the project site's search box one query after another; each must
bring its page into the first three results. The result of every query is written to
test-artifacts/search-queries.txt."""

from __future__ import annotations

import time
from typing import Any

import pytest

from conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
QUERIES = ROOT / "tests" / "fixtures" / "search-queries.tsv"


def query_set() -> list[tuple[str, str]]:
    out = []
    for line in QUERIES.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, page = line.split("\t")
            out.append((query, page))
    return out


class SearchBox:
    """The site's search box: type a query, read the pages of its results in order."""

    def __init__(self, browser: Any, url: str) -> None:
        self.url = url
        self.page = browser.new_page()
        self.page.set_viewport_size({"width": 1280, "height": 900})
        self.page.goto(f"{url}/policies/")
        self.page.locator("label.md-search__icon, .md-search__input").first.click()
        self.box = self.page.locator("input.md-search__input")
        self.items = self.page.locator(".md-search-result__item")

    def search(self, query: str) -> list[str]:
        # Material reads the query on keyup; text filled in as by an input method sends no key,
        # so End is pressed after it, again until the results stop changing (the worker builds
        # its index first and may miss the first query).
        self.box.fill(query)
        deadline = time.monotonic() + 90
        seen: list[str] | None = None
        while time.monotonic() < deadline:
            self.box.press("End")
            self.page.wait_for_timeout(300)
            now = self.results()
            if now and now == seen:
                return now
            seen = now
        return seen or []

    def results(self) -> list[str]:
        hrefs = []
        for i in range(min(self.items.count(), 10)):
            href = self.items.nth(i).locator("a").first.get_attribute("href") or ""
            hrefs.append(href.replace(self.url + "/", "").split("?")[0].split("#")[0])
        return hrefs


@pytest.fixture(scope="module")
def search(browser: Any, project_url: str) -> Any:
    box = SearchBox(browser, project_url)
    yield box
    box.page.close()


def test_the_query_set_finds_each_page_in_its_top_three(search: SearchBox) -> None:
    queries = query_set()
    assert len(queries) >= 30
    ARTIFACTS.mkdir(exist_ok=True)
    report, misses = [], []
    for query, expected in queries:
        results = search.search(query)
        rank = next((i + 1 for i, r in enumerate(results) if r == expected), None)
        report.append(f"{query}\t{expected}\t{rank or '-'}\t{' '.join(results[:3])}")
        if rank is None or rank > 3:
            misses.append((query, expected, results[:5]))
    found = len(queries) - len(misses)
    (ARTIFACTS / "search-queries.txt").write_text(
        f"{found}/{len(queries)} in the top 3\n" + "\n".join(report) + "\n", "utf-8"
    )
    assert misses == [], misses


def test_a_phrase_ranks_pages_with_it_whole_above_pages_with_its_parts(search: SearchBox) -> None:
    # 项目库 whole is in the project-pool duty; 项目 alone is in many pages that are not about it.
    results = search.search("项目库")
    assert results[0] == "policies/duties/central/art_19/project-pool/"
    texts = search.items.all_inner_texts()
    assert all("项目库" in t for t in texts[:3]), texts[:3]
    # 第一书记 finds the village first secretary before the 第一责任人 of article 14.
    results = search.search("第一书记")
    assert results[0] == "policies/actors/village.first-secretary/"
    # A body's exact name returns its page first.
    assert search.search("武邑县人民政府")[0] == "policies/actors/wuyi.county-government/"


def test_results_carry_no_zero_width_characters(search: SearchBox) -> None:
    search.search("扶贫项目库")
    texts = search.items.all_inner_texts()
    assert texts and not any("\u200b" in t for t in texts)
    titles = search.page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
    assert titles and not any("\u200b" in t for t in titles)
    ARTIFACTS.mkdir(exist_ok=True)
    search.page.screenshot(path=str(ARTIFACTS / "search-fupin-xiangmuku-1280.png"))
