"""Hostile policy text in the built site: shown as the characters it is made of, never run.

`tests/fixtures/site-xss/` puts one payload (closing `</title>`, `<script>`, attribute break-outs
with event handlers, `javascript:` links, a Mermaid statement break-out, Jinja, Markdown and an
HTML comment opener) after a marker «field» in every text field of the schema that reaches a
page. The site is built once for the module with `responsibility docs build` (the operator's
`--site-name` carries the payload too) and every page is opened in headless Chromium, listening
for dialogs: any `alert()` that runs is a failure. Each field's payload must then be visible
as text on some page, in the page's `<title>` where it names the page, and as a label of the
chain diagrams.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils import meta

from conftest import ROOT
from responsibility.cli.commands.docs import build_site
from responsibility.policy.model import Text
from responsibility.site.pages import html_text, literal, page_head

FIXTURE = ROOT / "tests" / "fixtures" / "site-xss"
PAYLOAD = (
    '</title><script>alert(1)</script>"><img src=x onerror=alert(2)>'
    '\'><svg onload=alert(5)>[链接](javascript:alert(4))<a href="javascript:alert(6)">a</a>'
    '"]; click A call alert(3) {{ 7*7 }}{% if true %}j{% endif %} <!-- **粗** `码` |表| ==标== {: #x } &lt;'
)
SITE_NAME = f"«site»{PAYLOAD}"
# A duty summary that a spreadsheet would take for a formula (its marker has no payload after it).
FORMULA = '=HYPERLINK("javascript:alert(8)","«duty2.summary»")'
# Fields of the fixture that no page shows (the artefact kind's note is catalogue documentation).
NOT_ON_A_PAGE = {"artefact.note"}
# Every element of the document and of open shadow roots (the Mermaid SVGs): attributes that run
# script (on*), and URLs with a javascript: scheme (browsers ignore whitespace and case there).
ACTIVE_CONTENT = """() => {
  const found = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
        if (name.startsWith("on")) found.push(`${el.tagName} ${name}=${attr.value}`);
        if (["href", "src", "xlink:href", "action", "formaction"].includes(name) && value.startsWith("javascript:"))
          found.push(`${el.tagName} ${name}=${attr.value}`);
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return found;
}"""
MERMAID_TEXT = """() => [...document.querySelectorAll("div.mermaid")]
  .map((d) => (d.shadowRoot ? d.shadowRoot.textContent : "")).join("\\n")"""


@dataclass
class Visit:
    url: str
    title: str
    text: str
    mermaid: str
    active: list[str] = field(default_factory=list)


@dataclass
class Sweep:
    site: Path
    dialogs: list[str]
    visits: dict[str, Visit]  # site-relative path of the HTML file → what the browser saw
    errors: list[str]


def _markers() -> set[str]:
    text = "".join(p.read_text("utf-8") for p in sorted(FIXTURE.glob("*.yaml")))
    return set(re.findall(r"«([^»]+)»</title>", text))


def _visit(page: Any, url: str) -> Visit:
    page.goto(url, wait_until="load")
    if page.locator("pre.mermaid, div.mermaid").count():
        # Mermaid renders after load: wait for every diagram's SVG (a failed render shows none).
        page.wait_for_function(
            """() => [...document.querySelectorAll("div.mermaid, pre.mermaid")].every(
                 (d) => d.shadowRoot && d.shadowRoot.querySelector("svg"))""",
            timeout=30_000,
        )
    return Visit(
        url=url,
        title=page.title(),
        text=page.locator("body").inner_text(),
        mermaid=page.evaluate(MERMAID_TEXT),
        active=page.evaluate(ACTIVE_CONTENT),
    )


def _search(page: Any, base: str, query: str, errors: list[str]) -> Visit:
    """The search results for `query` (Material renders them from the search index as HTML)."""
    from playwright.sync_api import Error as PlaywrightError

    page.goto(f"{base}/index.html")
    try:
        page.locator("label.md-search__icon, .md-search__input").first.click(timeout=10_000)
    except PlaywrightError as exc:  # a page whose header was broken by injected markup
        errors.append(f"search box: {exc}")
        return Visit(url=page.url, title=page.title(), text="", mermaid="")
    box = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item")
    box.fill(query)
    # Material reads the query on keyup, and the worker may not have built its index yet.
    for _ in range(60):
        if results.count():
            break
        box.press("End")
        page.wait_for_timeout(500)
    text = page.locator(".md-search-result").inner_text()
    return Visit(
        url=page.url, title=page.title(), text=text, mermaid="", active=page.evaluate(ACTIVE_CONTENT)
    )


@pytest.fixture(scope="module")
def sweep(
    tmp_path_factory: pytest.TempPathFactory, browser: Any, serve: Callable[[Path], str]
) -> Iterator[Sweep]:
    """Every page of the hostile fixture's site, visited once in the suite's shared Chromium
    (a second Playwright instance in the same worker fails: its sync API refuses to nest)."""
    site = tmp_path_factory.mktemp("xss") / "site"
    build_site(site, [str(FIXTURE)], include_shipped=False, site_name=SITE_NAME)
    base = serve(site)
    dialogs: list[str] = []
    errors: list[str] = []
    visits: dict[str, Visit] = {}
    page = browser.new_page()

    def on_dialog(dialog: Any) -> None:
        dialogs.append(f"{page.url}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    try:
        for html in sorted(site.rglob("*.html")):
            rel = html.relative_to(site).as_posix()
            visits[rel] = _visit(page, f"{base}/{rel}")
        visits["(search results)"] = _search(page, base, "alert", errors)
    finally:
        page.close()
    yield Sweep(site, dialogs, visits, errors)


def _flat(s: str) -> str:
    """Text as the browser lays it out, whitespace collapsed (line breaks, table cells)."""
    return " ".join(s.replace("\u200b", "").split())


def test_the_fixture_covers_every_text_field_and_the_site_has_every_page(sweep: Sweep) -> None:
    markers = _markers()
    assert len(markers) >= 40, sorted(markers)
    for page in (
        "index.html",
        "regulations/fixture-xss-centre/index.html",
        "regulations/fixture-xss-county/index.html",
        "actors/xss.county-government/index.html",
        "actors/xss.county-leaders/index.html",
        "topics/xss-topic/index.html",
        "duties/fixture-xss-centre/art_1/keep-ledger/index.html",
    ):
        assert page in sweep.visits, sorted(sweep.visits)


def test_no_script_runs_on_any_page(sweep: Sweep) -> None:
    assert sweep.dialogs == []
    assert sweep.errors == []
    active = {rel: v.active for rel, v in sweep.visits.items() if v.active}
    assert active == {}


def test_every_field_shows_its_payload_as_text(sweep: Sweep) -> None:
    shown = "\n".join(_flat(v.text) for v in sweep.visits.values())
    missing = sorted(m for m in _markers() - NOT_ON_A_PAGE if _flat(f"«{m}»{PAYLOAD}") not in shown)
    assert missing == []
    # Jinja syntax stays text: nothing evaluated {{ 7*7 }} to 49.
    assert "{{ 7*7 }}{% if true %}j{% endif %}" in shown
    assert FORMULA in shown


def test_page_titles_show_the_payload_as_text(sweep: Sweep) -> None:
    expected = {
        "regulations/fixture-xss-centre/index.html": "reg.title",
        "regulations/fixture-xss-county/index.html": "county.title",
        "actors/xss.county-government/index.html": "actor.county",
        "topics/xss-topic/index.html": "topic",
        "duties/fixture-xss-centre/art_1/keep-ledger/index.html": "duty.summary",
    }
    for rel, marker in expected.items():
        title = sweep.visits[rel].title
        assert title.startswith(f"«{marker}.zh»{PAYLOAD}"), (rel, title)
        assert title.endswith(f" - {SITE_NAME}"), (rel, title)
    assert sweep.visits["index.html"].title == SITE_NAME


def test_chain_diagrams_label_the_bodies_with_their_names(sweep: Sweep) -> None:
    labels = _flat(sweep.visits["actors/xss.county-office/index.html"].mermaid)
    assert _flat(f"«actor.office.zh»{PAYLOAD}") in labels
    assert _flat(f"«actor.county.zh»{PAYLOAD}") in labels
    home = _flat(sweep.visits["index.html"].mermaid)  # regulations implementing one another
    assert _flat(f"«county.title.zh»{PAYLOAD}") in home


def test_search_results_show_the_payload_as_text(sweep: Sweep) -> None:
    results = _flat(sweep.visits["(search results)"].text)
    assert "<script>alert(1)</script>" in results, results[:500]
    index = json.loads((sweep.site / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            assert "<script" not in doc[key] and "<img" not in doc[key] and "<svg" not in doc[key], doc


def test_xlsx_cells_are_text_never_formulas(sweep: Sweep) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(sweep.site / "actors" / "xss.county-leaders.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert any(c.value == FORMULA for c in cells)


@given(zh=st.text(min_size=1), en=st.none() | st.text(min_size=1))
def test_page_title_front_matter_reads_back_as_the_escaped_title(zh: str, en: str | None) -> None:
    """Whatever the title holds, MkDocs reads the front matter back as the title escaped for HTML,
    and the page's Markdown starts at its H1 (nothing in the title ends the front matter)."""
    source = "\n".join([*page_head(Text(zh=zh, en=en)), "body"])
    body, data = meta.get_data(source)
    plain = zh if en is None else f"{zh} {en}"
    assert data == {"title": html_text(plain), "hide": ["navigation"]}
    assert body.startswith(f"# {literal(zh)}")
    assert "<" not in data["title"] and '"' not in data["title"]
