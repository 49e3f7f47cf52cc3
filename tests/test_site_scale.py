"""The site at the scale of the whole country: bounded pages, raw HTML blocks with the links MkDocs
would write, XLSX written directly, and a search index split by section when it grows large.

(The time and memory of a nationwide build are measured by benchmarks/site_bench.py.)"""

from __future__ import annotations

import html.parser
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from mkdocs.structure.files import File

from responsibility.graph.responsibility_list import Row, workbook
from responsibility.policy.policyset import PolicySet
from responsibility.site import pages as site_pages
from responsibility.site.pages import SitePages, build_pages, environment
from responsibility.site.plugin import split_search_index
from responsibility.site.render import href
from responsibility.site.views import DutyLink, Link, Name, TreeNode, nest, split_sheets

# -- links in raw HTML -----------------------------------------------------------------------------

segment = st.from_regex(r"[a-z][a-z0-9.-]{0,6}", fullmatch=True)
md_path = st.builds(
    lambda parts, name: "/".join([*parts, f"{name}.md"]),
    st.lists(segment, max_size=3),
    st.one_of(st.just("index"), segment),
)


@settings(max_examples=200, deadline=None)
@given(
    src=md_path, dst=st.one_of(md_path, st.builds(lambda p: p[:-3] + ".xlsx", md_path)), dirs=st.booleans()
)
def test_href_is_the_url_mkdocs_writes_for_a_markdown_link(src: str, dst: str, dirs: bool) -> None:
    here = File(src, "/docs", "/site", dirs)
    there = File(dst, "/docs", "/site", dirs)
    assert href(src, dst, dirs) == there.url_relative_to(here)


@given(st.lists(st.integers(min_value=0, max_value=3), max_size=12))
def test_the_implementation_tree_is_well_formed_and_nests_by_depth(steps: list[int]) -> None:
    # depths as a tree walk gives them: each at most one deeper than the one before
    depths: list[int] = []
    for s in steps:
        depths.append(0 if not depths else min(depths[-1] + 1, s))
    assume(depths)  # a duty nothing implements has no tree
    nodes = nest(
        [(d, f"i{n}") for n, d in enumerate(depths)],
        lambda ref, children: TreeNode(Link(Name(ref)), DutyLink(ref), (), children),
    )
    out = environment().get_template("_macros.j2").module.tree(nodes)  # type: ignore[attr-defined]
    stack: list[str] = []
    seen: list[tuple[int, str]] = []

    opened = [False]  # a <li> just opened: its first text names its regulation

    class Check(html.parser.HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            stack.append(tag)
            opened[0] = tag == "li"

        def handle_endtag(self, tag: str) -> None:
            assert stack.pop() == tag

        def handle_data(self, data: str) -> None:
            if opened[0]:  # (the rest of the item's text, its English spans among it, is not)
                seen.append((stack.count("ul") - 1, data.split(":")[0]))
                opened[0] = False

    Check().feed(out)
    assert stack == []
    assert seen == [(d, f"i{n}") for n, d in enumerate(depths)]


# -- bounded pages ---------------------------------------------------------------------------------


def _row(n: int, reg: str) -> Row:
    return Row(n, "县级政府", "负责", "任务", "", "", "", f"《{reg}》第{n}条", f"{reg}/art_{n}/d")


@given(st.lists(st.integers(min_value=0, max_value=30), max_size=20), st.integers(min_value=1, max_value=40))
def test_split_sheets_keeps_regulations_whole_in_order(sizes: list[int], limit: int) -> None:
    sheets = {f"r{i}": [_row(n, f"r{i}") for n in range(k)] for i, k in enumerate(sizes)}
    parts = split_sheets(sheets, limit)
    assert [r for part in parts for r in part] == list(sheets)
    for part in parts:
        assert sum(len(rows) for rows in part.values()) <= limit or len(part) == 1


def test_a_long_list_is_split_into_parts_with_their_xlsx(
    shipped: PolicySet, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site_pages, "PAGE_ROWS", 20)
    site = SitePages(shipped, xlsx=list(shipped.actors))
    actor = "county.government"
    parts = site.list_parts(actor)
    assert len(parts) > 1
    pages = site.build()
    main = pages["policies/actors/county.government.md"]
    listing = main.split("## 责任清单", 1)[1].split("\n## ", 1)[0]
    # the actor's page counts each regulation's rows and links to its part
    for n, part in enumerate(parts, 1):
        for reg_id, rows in part.sheets.items():
            assert f'{reg_id}">' in listing or f"#{reg_id})" in listing
            assert f"| {len(rows)} | [{n}]" in listing
    shown = 0
    for part in parts:
        page = pages[part.page]
        meta = yaml.safe_load(page.split("---\n", 2)[1])
        assert meta["search"] == {"exclude": True}  # its rows are on the regulations' pages
        assert f"]({Path(part.xlsx).name})" in page
        shown += page.count("<tr><td")
        for reg_id in part.sheets:
            assert f"{{ #{reg_id} }}" in page
    assert shown == sum(len(r) for r in site.list_rows(actor).values())


def test_the_shipped_pages_are_not_split(shipped: PolicySet) -> None:
    site = SitePages(shipped)
    assert all(len(site.list_parts(a)) == 1 for a in shipped.actors)
    assert not any(p.count("/") > 2 and p.startswith("policies/actors/") for p in build_pages(shipped))


# -- XLSX ------------------------------------------------------------------------------------------

cell_text = st.lists(
    st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from(["_x000D_", "=A1", "\r\n"]),
    max_size=20,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(cell_text, cell_text, cell_text), min_size=1, max_size=4), st.text(max_size=40))
def test_xlsx_holds_every_cell_as_written(texts: list[tuple[str, str, str]], name: str) -> None:
    rows = [Row(n, a, b, c, "每年", "", "", "《x》", "x/a/d") for n, (a, b, c) in enumerate(texts, 1)]
    book = openpyxl.load_workbook(io.BytesIO(workbook({name or "x": rows})))
    ws = book.worksheets[0]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b and ws["A1"].value.startswith("序号")
    assert ws.column_dimensions["D"].width == 48
    not_xml = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
    for r, row in zip(ws.iter_rows(min_row=2, values_only=True), rows, strict=True):
        expected = [row.number, *(not_xml.sub("\ufffd", str(c)) or None for c in row.cells()[1:])]
        assert list(r) == expected
    assert all(c.data_type != "f" for line in ws.iter_rows() for c in line)


def test_xlsx_sheet_names_are_what_excel_accepts() -> None:
    names = ["a" * 40, "a" * 40, "A" * 40, "x[1]:y", ""]
    book = openpyxl.load_workbook(io.BytesIO(workbook({n or "": [] for n in names})))
    got = book.sheetnames
    assert len({n.lower() for n in got}) == len(got) == 4  # "" and "a"*40 appear once as keys
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in got)


# -- the search index ------------------------------------------------------------------------------


def _site(tmp: Path, sections: dict[str, int], text_size: int) -> Path:
    docs = [{"location": "", "title": "首页", "text": "首页 欢迎"}]
    for section, count in sections.items():
        for k in range(count):
            loc = f"policies/{section}/p{k}/"
            docs.append({"location": loc, "title": f"页面{k} Page", "text": f"页面{k} " + "字" * text_size})
            docs.append({"location": f"{loc}#s", "title": "节", "text": "段" * text_size})
    (tmp / "search").mkdir(parents=True)
    index = {"config": {"lang": ["zh"]}, "docs": docs}
    (tmp / "search" / "search_index.json").write_text(json.dumps(index, ensure_ascii=False), "utf-8")
    config = (
        '<script id="__config" type="application/json">{"features": ["navigation.instant", "x"]}</script>'
    )
    for doc in docs:
        if "#" in doc["location"]:
            continue
        page = tmp / doc["location"] / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<html><head></head><body>{config}</body></html>", "utf-8")
    (tmp / "404.html").write_text(f"<html><head></head><body>{config}</body></html>", "utf-8")
    return tmp


def test_a_small_index_stays_whole_and_is_written_as_a_script_too(tmp_path: Path) -> None:
    site = _site(tmp_path, {"actors": 3}, 10)
    assert split_search_index(site, "policies", True, limit=10**6) == 0
    raw = (site / "search" / "search_index.json").read_text("utf-8")
    assert (site / "search" / "search_index.js").read_text("utf-8") == f"var __index = {raw}"
    assert "rsp-search-index" not in (site / "404.html").read_text("utf-8")


@settings(max_examples=15, deadline=None)
@given(
    st.dictionaries(st.sampled_from(["actors", "regulations", "topics"]), st.integers(1, 12), min_size=1),
    st.integers(50, 400),
)
def test_a_large_index_is_split_by_section_within_the_limit(
    tmp_path_factory: pytest.TempPathFactory, sections: dict[str, int], size: int
) -> None:
    site = _site(tmp_path_factory.mktemp("site"), sections, size)
    whole = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    pages = {d["location"] for d in whole["docs"] if "#" not in d["location"]}
    limit = 6000
    assume(len((site / "search" / "search_index.json").read_bytes()) > limit)
    n = split_search_index(site, "policies", True, limit=limit)
    assert n >= 1
    owner: dict[str, int] = {}
    for k in range(n):
        body = (site / "search" / "shards" / f"{k}.json").read_text("utf-8")
        assert (site / "search" / "shards" / f"{k}.js").read_text("utf-8") == f"var __index = {body}"
        shard = json.loads(body)
        full = {d["location"].split("#")[0] for d in shard["docs"] if "#" in d["location"]}
        # every page is named in every shard; its sections only in its own
        assert {d["location"] for d in shard["docs"] if "#" not in d["location"]} == pages
        sections_of = {loc.split("/")[1] for loc in full if loc}
        assert len(sections_of) <= 1
        for loc in full:
            assert loc not in owner
            owner[loc] = k
        if len(full) > 1:
            assert len(body.encode("utf-8")) <= limit
    for loc in pages - {""}:
        page = (site / loc / "index.html").read_text("utf-8")
        m = re.search(r'<meta name="rsp-search-index" content="([^"]+)">', page)
        assert m is not None
        assert (site / loc / m.group(1)).resolve() == (
            site / "search" / "shards" / f"{owner[loc]}.json"
        ).resolve()
        assert "navigation.instant" not in page
    assert 'content="search/search_index.json"' in (site / "404.html").read_text("utf-8")
