"""Page generation for the site: escaping, page contents and cross-links, without MkDocs."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import responsibility
from conftest import ROOT
from responsibility.graph.responsibility_list import actor_xlsx
from responsibility.policy.policyset import PolicySet
from responsibility.site.pages import Paths, build_pages, chain_edges, literal, mermaid_text

FIXTURES = ROOT / "tests" / "fixtures" / "site"

# The site's extensions, plus pymdownx syntax a plugin user might enable: escaping must hold.
EXTENSIONS = [
    "tables",
    "attr_list",
    "md_in_html",
    "admonition",
    "toc",
    "pymdownx.superfences",
    "pymdownx.magiclink",
    "pymdownx.mark",
    "pymdownx.tilde",
    "pymdownx.caret",
    "pymdownx.keys",
    "pymdownx.emoji",
    "pymdownx.arithmatex",
    "pymdownx.critic",
]


class _Text(HTMLParser):
    """Collects tags and text; <br> counts as a newline."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.in_cell = False
        self.cell = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        if tag == "br":
            self.text.append("\n")
            self.cell += "\n" if self.in_cell else ""
        if tag == "td":
            self.in_cell = True

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.in_cell:
            self.cell += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self.in_cell = False


# One converter, reset before each use: setting up the extensions costs far more than converting
# a short text, and a test converts hundreds of them.
_MARKDOWN = markdown.Markdown(extensions=EXTENSIONS)


def _html(md: str) -> str:
    return _MARKDOWN.reset().convert(md)


def _render(md: str) -> _Text:
    parser = _Text()
    parser.feed(_html(md))
    return parser


def _expected(s: str) -> str:
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "\ufffd", s)


# Text rich in the characters Markdown and HTML care about, and in CJK.
markup_text = st.text(
    alphabet=st.sampled_from(
        list("<>&\"'`*_[](){}#!|\\-+=~^:$./ \t\n\r\x02\x03\u3000\u2028") + list("项目库第十九条abc1")
    ),
    max_size=60,
) | st.text(max_size=40)


@settings(max_examples=150, deadline=None)
@given(markup_text)
def test_literal_renders_as_the_text_itself_in_a_paragraph(s: str) -> None:
    out = _render(literal(s))
    assert set(out.tags) <= {"p", "br"}
    assert out.attrs == []
    assert "".join(out.text) == _expected(s)


@settings(max_examples=100, deadline=None)
@given(markup_text)
def test_literal_renders_as_the_text_itself_in_a_table_cell(s: str) -> None:
    out = _render(f"| head |\n|---|\n| {literal(s)} |\n")
    assert set(out.tags) <= {"table", "thead", "tbody", "tr", "th", "td", "br"}
    assert out.tags.count("td") == 1
    assert out.cell == _expected(s)


@settings(max_examples=100, deadline=None)
@given(markup_text)
def test_literal_in_a_heading_is_text_only(s: str) -> None:
    out = _render(f"## {literal(s)} {{ #anchor }}\n")
    assert set(out.tags) <= {"h2", "br"}
    assert out.attrs == [("id", "anchor")]


@given(st.text(max_size=50))
def test_mermaid_text_is_letters_digits_spaces_and_entity_codes_that_decode_back(s: str) -> None:
    out = mermaid_text(s)
    assert re.fullmatch(r"(?:[^\W_]| |#\d+;)*", out)
    assert re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), out) == s


def test_literal_examples() -> None:
    assert literal("<script>") == "&#60;script&#62;"
    assert literal("第十九条") == "第十九条"
    assert literal("a\nb") == "a<br>b"
    assert literal("    code") == "&#32;&#32;&#32;&#32;code"


# -- pages from fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_set() -> PolicySet:
    return responsibility.load([FIXTURES])


@pytest.fixture(scope="module")
def pages(fixture_set: PolicySet) -> dict[str, str]:
    return build_pages(fixture_set)


def test_one_page_per_regulation_actor_topic_and_central_duty(
    fixture_set: PolicySet, pages: dict[str, str]
) -> None:
    paths = Paths("policies")
    for reg in fixture_set.regulations:
        assert paths.regulation(reg) in pages
    for actor in fixture_set.actors:
        assert paths.actor(actor) in pages
    for topic in fixture_set.topics:
        assert paths.topic(topic) in pages
    central = [e.ref for e in fixture_set.all_duties() if e.regulation.level.value == "central"]
    assert "fixture-centre/art_1/ledger" in central
    for ref in central:
        assert paths.duty(ref) in pages
    # Only central duties get a page of their own.
    assert paths.duty("fixture-province/art_1/ledger") not in pages


def test_implements_links_go_both_ways(pages: dict[str, str]) -> None:
    province = pages["policies/regulations/fixture-province.md"]
    centre = pages["policies/regulations/fixture-centre.md"]
    # a duty's fields are raw HTML, its links the URLs MkDocs gives the pages
    assert (
        '<li>实施 <span class="rsp-en" lang="en">Implements</span>：'
        '<a href="../fixture-centre/#art_1--ledger">《测试用中央办法》第一条 · 建立测试台账</a></li>'
    ) in province
    assert (
        '<a href="../fixture-province/#art_1--ledger">《测试用省级细则》第一条 · 建立测试台账</a>' in centre
    )
    assert '下级实施 <span class="rsp-en" lang="en">Implemented by</span>' in centre
    # Regulation-level links both ways, too.
    assert '| 实施 <span class="rsp-en" lang="en">Implements</span> | [测试用中央办法' in province
    assert '| 下级实施 <span class="rsp-en" lang="en">Implemented by</span> | [测试用甲县办法' in province


def test_central_duty_page_shows_each_locality(pages: dict[str, str]) -> None:
    page = pages["policies/duties/fixture-centre/art_1/report.md"]
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r"<tr><td><a [^>]*>(测试用\S+?) .*?</a></td><td>(.*?)</td></tr>", page)
    }
    assert rows["测试用甲县办法"] == '已落实 <span class="rsp-en" lang="en">implemented</span>'
    assert rows["测试用省级细则"].startswith(
        '说明未实施 <span class="rsp-en" lang="en">declined with a reason</span> — 细则未规定报告制度。'
    )
    assert "缺失" in rows["测试用乙县办法"]
    # The province inspection duty is above a county's level: not applicable to county B.
    inspect = pages["policies/duties/fixture-centre/art_2/inspect.md"]
    assert re.search(r"测试用乙县办法.*不适用", inspect)


def test_implementation_tree_nests_through_the_province(pages: dict[str, str]) -> None:
    page = pages["policies/duties/fixture-centre/art_1/ledger.md"]
    tree = page.split("## 地方落实", 1)[1].split("## 各地规定", 1)[0]
    # the province's duty first, the county's nested under it
    assert re.search(
        r"^(<div [^>]*>)?<ul><li><a [^>]*>测试用省级细则.*?</a>.*?<ul><li><a [^>]*>测试用甲县办法", tree, re.M
    )


def test_topic_marks_owners_that_differ_from_the_parent(pages: dict[str, str]) -> None:
    page = pages["policies/topics/project-management.md"]
    rows = page.split("<tr>")
    province_row = next(r for r in rows if re.match(r"<td><a [^>]*>测试用省级细则", r))
    county_row = next(r for r in rows if re.match(r"<td><a [^>]*>测试用甲县办法", r))
    centre_row = next(r for r in rows if re.match(r"<td><a [^>]*>测试用中央办法", r))
    assert "≠</span> ＋县扶贫办" in province_row
    assert "≠</span> −县扶贫办" in county_row
    assert "≠" not in centre_row


def test_chain_edges_follow_counterparties_upwards(fixture_set: PolicySet) -> None:
    per_line = dict(chain_edges(fixture_set, "county.leading-group-office"))
    (wuyi,) = [edges for line, edges in per_line.items() if "wuyi" in line.heads]
    edges = {(lower, relation, upper) for lower, relation, upper, *_ in wuyi}
    # in 武邑's line the county's office is 武邑县扶贫办, which reports to the county government …
    assert ("wuyi.leading-group-office", "reports-to", "wuyi.county-government") in edges
    # … and on from the county government to the city, which the fixture centre names.
    assert ("wuyi.county-government", "reports-to", "city.government") in edges
    assert ("wuyi.leading-group-office", "part-of", "wuyi.leading-group") in edges
    for found in per_line.values():  # the office is joined to its group in every line
        assert {(lower, upper) for lower, relation, upper, *_ in found if relation == "part-of"} & {
            ("county.leading-group-office", "county.leading-group"),
            ("wuyi.leading-group-office", "wuyi.leading-group"),
        }


def test_hostile_text_is_escaped_everywhere(pages: dict[str, str]) -> None:
    for path, md in pages.items():
        html = _html(md)
        assert "<script" not in html, path
        assert "<img" not in html, path
        assert "<b>" not in html and "<i>" not in html and "<em>ledger" not in html, path
        assert 'href="javascript' not in html, path
    page = pages["policies/regulations/fixture-hostile.md"]
    assert "&#60;script&#62;window&#46;&#95;&#95;xss &#61; 1&#60;&#47;script&#62;" in page


def test_pages_are_deterministic(fixture_set: PolicySet) -> None:
    again = responsibility.load([FIXTURES])
    assert build_pages(fixture_set) == build_pages(again)


def test_prefix_moves_every_page(fixture_set: PolicySet) -> None:
    root = build_pages(fixture_set, prefix="")
    assert "index.md" in root and "actors/county.government.md" in root
    assert all(not p.startswith("policies/") for p in root)


# -- the shipped policies --------------------------------------------------------------------------


def test_county_government_lists_the_project_pool_under_article_19(shipped: PolicySet) -> None:
    page = build_pages(shipped)["policies/actors/county.government.md"]
    by_topic = page.split("## 按领域", 1)[1]
    row = next(r for r in by_topic.split("<tr>") if "扶贫项目库" in r)
    assert '<a href="../../regulations/central/#art_19">第十九条</a>' in row
    assert "central/#art_19--project-pool" in row
    # and in its 责任清单, with the artefact and the basis cited as an official would.
    listing = page.split("## 责任清单", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"<td>扶贫项目库</td><td><a [^>]*>《脱贫攻坚责任制实施办法》第十九条</a>", listing)


def test_actor_xlsx_holds_its_responsibility_list(shipped: PolicySet) -> None:
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(actor_xlsx(shipped, "county.government")))
    sheet = book["central"]
    assert sheet.freeze_panes == "A2"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    pool = next(r for r in rows if r[3] == "建立扶贫项目库")
    assert pool[7] == "《脱贫攻坚责任制实施办法》第十九条"
    # Only duties the county government owns (itself or as 县级党委和政府) are listed.
    assert len(rows) == len(shipped.duties(regulation="central", actor="county.government"))
    assert "province" not in "".join(str(r[1]) for r in rows)
    assert actor_xlsx(shipped, "county.government") == actor_xlsx(shipped, "county.government")


def test_actor_page_links_the_xlsx_when_one_is_written(shipped: PolicySet) -> None:
    with_xlsx = build_pages(shipped, xlsx=["county.government"])["policies/actors/county.government.md"]
    without = build_pages(shipped)["policies/actors/county.government.md"]
    assert '[下载 XLSX <span class="rsp-en" lang="en">Download</span>](county.government.xlsx)' in with_xlsx
    assert "XLSX" not in without
