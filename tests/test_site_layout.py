"""The site at a desk (1280 px) and on a phone (390 px), in headless Chromium: the page declares
Simplified Chinese, nothing scrolls sideways, the 责任清单 fits with its 依据 column in view and
its rows equal the XLSX beside it, chain diagrams keep their edge labels apart and give way to a
list on a phone. Screenshots of each page at both widths go to test-artifacts/."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
WIDTHS = (1280, 390)
PAGES = {
    "wuyi-county-government": "policies/actors/wuyi.county-government/",
    "county-government": "policies/actors/county.government/",
    "county-party-secretary": "policies/actors/county.party-secretary/",
    "province-principal-leaders": "policies/actors/province.principal-leaders/",
    "wuyi": "policies/regulations/wuyi/",
    "shanxi": "policies/regulations/shanxi/",
    "topic-project-management": "policies/topics/project-management/",
}


@pytest.fixture(scope="module", autouse=True)
def _artifacts() -> None:
    ARTIFACTS.mkdir(exist_ok=True)


def open_page(browser: Any, url: str, width: int) -> Any:
    page = browser.new_page()  # a persistent context: the size is set on the page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.locator("article").wait_for()
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_read_at_both_widths(browser: Any, project_url: str, name: str, width: int) -> None:
    page = open_page(browser, f"{project_url}/{PAGES[name]}", width)
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    # nothing wider than the screen: tables wrap (cards on a phone) instead of scrolling sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    wide = page.evaluate(
        """(w) => [...document.querySelectorAll('article table')]
            .filter(t => t.getBoundingClientRect().right > w + 1).length""",
        width,
    )
    assert wide == 0
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=False)
    page.close()


def test_the_list_opens_the_body_page_with_its_basis_in_view(browser: Any, project_url: str) -> None:
    page = open_page(browser, f"{project_url}/policies/actors/wuyi.county-government/", 1280)
    table = page.locator("table", has=page.locator("th", has_text="依据")).first
    top = table.bounding_box()
    assert top is not None and top["y"] < 1200  # near the top, not after the topic tables
    basis = table.locator("th", has_text="依据").bounding_box()
    assert basis is not None and basis["x"] + basis["width"] <= 1280
    page.close()


def xlsx_rows(data: bytes) -> list[list[str]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        [" ".join(str(c if c is not None else "").split()) or "—" for c in row]
        for ws in book.worksheets
        for row in ws.iter_rows(min_row=2, values_only=True)
    ]


@pytest.mark.parametrize("actor", ["wuyi.county-government", "county.party-secretary", "county.government"])
def test_the_xlsx_equals_the_table_on_the_page(browser: Any, project_url: str, actor: str) -> None:
    page = open_page(browser, f"{project_url}/policies/actors/{actor}/", 1280)
    shown = page.evaluate(
        """() => [...document.querySelectorAll('article table')]
            .filter(t => t.querySelector('th .rsp-list'))
            .flatMap(t => [...t.querySelectorAll('tbody tr')]
              .map(tr => [...tr.querySelectorAll('td')].map(td => td.innerText.split(/\\s+/).join(' ').trim())))"""
    )
    link = page.locator("a", has_text="下载 XLSX")
    if not shown:
        assert link.count() == 0
        page.close()
        return
    href = link.first.get_attribute("href")
    assert href is not None
    data = page.request.get(page.url.rsplit("/", 2)[0] + "/" + href.split("/")[-1]).body()
    assert shown == xlsx_rows(data)
    page.close()


def test_chain_edge_labels_do_not_overlap_and_phones_get_a_list(browser: Any, project_url: str) -> None:
    url = f"{project_url}/policies/actors/county.government/"
    page = open_page(browser, url, 1280)
    svg = page.locator("div.mermaid svg").first
    svg.wait_for(timeout=30_000)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('div.mermaid')].flatMap(d => {
              const root = d.shadowRoot || d;
              return [...root.querySelectorAll('g.edgeLabel')].map(e => e.getBoundingClientRect())
                .filter(r => r.width > 0).map(r => [r.left, r.top, r.right, r.bottom]);
            })"""
    )
    assert boxes, "no edge labels drawn"
    overlaps = [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
    ]
    assert overlaps == []
    assert not page.locator("ul.rsp-chain-list").first.is_visible()
    page.locator("div.mermaid").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "chain-county-government-1280.png"))
    page.close()
    phone = open_page(browser, url, 390)
    chain = phone.locator("ul.rsp-chain-list").first
    assert chain.is_visible()
    assert "县级政府接受市级党委和政府考核" in chain.inner_text()
    assert not phone.locator("div.mermaid, pre.mermaid").first.is_visible()
    chain.scroll_into_view_if_needed()
    phone.screenshot(path=str(ARTIFACTS / "chain-county-government-390.png"))
    phone.close()
