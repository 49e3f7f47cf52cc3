"""The Chinese-first site, read from the built HTML: the language it declares, what a reader sees
(no raw ids, YAML field names, bare enum values or English-only headings), headings as printed,
comparisons in words, a body's 责任清单 equal to its XLSX, role pages that name their bodies,
site_url and `docs serve`'s address, and the words search keeps whole.

The browser checks (both widths, the query set) are in test_site_layout.py and
test_site_search.py."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

import responsibility
from conftest import CATALOGUE, SITE_FIXTURES, BuiltSite
from responsibility.cli.main import main
from responsibility.graph.queries import compare
from responsibility.graph.responsibility_list import actor_rows
from responsibility.policy import model
from responsibility.policy.policyset import PolicySet
from responsibility.site.plugin import fix_search_worker, search_terms
from responsibility.site.views import distinct_changes

HAN = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
# A provision or duty id as the policy files write it: shanxi/art_3/…, sec_3__content, para_2.
RAW_ID = re.compile(r"\b[a-z][a-z0-9-]*/(?:art|sec|chp|para)_\w+|\b(?:art|sec|chp|para)_\d+(?:__\w+)?")
ENUM_VALUES = {
    v.value
    for enum in (
        model.Level,
        model.Responsibility,
        model.Modality,
        model.Frequency,
        model.Action,
        model.Status,
        model.ActorKind,
        model.CounterpartyRole,
    )
    for v in enum
}


class Page(HTMLParser):
    """The visible text of a page's <article>: all of it, its headings, code and table rows."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.hidden = 0  # inside script/style/pre.mermaid
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []  # (tag, text)
        self.code: list[str] = []
        self.tables: list[list[list[str]]] = []
        self.links: list[str] = []
        self._heading: tuple[str, list[str]] | None = None
        self._code: list[str] | None = None
        self._cell: list[str] | None = None
        self._headerlink = 0
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in ("script", "style") or (tag == "pre" and "mermaid" in (a.get("class") or "")):
            self.hidden += 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = (tag, [])
        elif tag == "a" and "headerlink" in (a.get("class") or ""):
            self._headerlink += 1
        elif tag == "a":
            self.links.append(a.get("href") or "")
        elif tag == "code" and not self.hidden:
            self._code = []
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if not self.depth and tag != "article":
            return
        if tag in ("script", "style") or (tag == "pre" and self.hidden):
            self.hidden = max(0, self.hidden - 1)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is not None:
            self.headings.append((tag, "".join(self._heading[1]).strip()))
            self._heading = None
        elif tag == "a" and self._headerlink:
            self._headerlink -= 1
        elif tag == "code" and self._code is not None:
            self.code.append("".join(self._code))
            self._code = None
        elif tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if not self.depth or self.hidden or self._headerlink:
            return
        self.text.append(data)
        if self._heading is not None:
            self._heading[1].append(data)
        if self._code is not None:
            self._code.append(data)
        if self._cell is not None:
            self._cell.append(data)


def read(site: BuiltSite, rel: str) -> Page:
    return Page((site.path / rel).read_text("utf-8"))


def policy_pages(site: BuiltSite) -> list[Path]:
    return sorted((site.path / "policies").rglob("index.html"))


@pytest.fixture(scope="module")
def ps() -> PolicySet:
    return responsibility.load()


# -- language ----------------------------------------------------------------------------------


def test_every_page_declares_simplified_chinese(project_site: BuiltSite) -> None:
    pages = sorted(project_site.path.rglob("*.html"))
    assert len(pages) > 200
    wrong = [p for p in pages if '<html lang="zh-CN"' not in p.read_text("utf-8")[:300]]
    assert wrong == []
    # The interface is Chinese: Material's search box and its result count read in Chinese.
    home = (project_site.path / "policies/index.html").read_text("utf-8")
    assert 'placeholder="搜索"' in home


# -- what a reader sees --------------------------------------------------------------------------


def test_no_page_shows_a_raw_id_a_field_name_or_an_english_only_heading(project_site: BuiltSite) -> None:
    problems: list[str] = []
    pages = policy_pages(project_site)
    assert len(pages) > 250
    for path in pages:
        page = Page(path.read_text("utf-8"))
        rel = path.relative_to(project_site.path).as_posix()
        text = "".join(page.text)
        problems += [f"{rel}: id {m.group(0)!r}" for m in RAW_ID.finditer(text)]
        # no code spans at all: policy pages have no YAML field names or ids to show as code
        problems += [f"{rel}: code {c!r}" for c in page.code]
        problems += [
            f"{rel}: English-only heading {h!r}"
            for _, h in page.headings
            if LATIN.search(h) and not HAN.search(h)
        ]
        problems += [
            f"{rel}: bare value {cell!r}"
            for table in page.tables
            for row in table
            for cell in row
            if cell in ENUM_VALUES
        ]
        if re.search(r"(?m)^\s*Id\b", text):
            problems.append(f"{rel}: an Id line")
    assert problems == [], "\n".join(problems[:40])


def test_headings_follow_the_printed_text(project_site: BuiltSite) -> None:
    wuyi = [h for _, h in read(project_site, "policies/regulations/wuyi/index.html").headings]
    assert any(h.startswith("一、明确责任") for h in wuyi), wuyi[:10]
    assert any(h.startswith("(一)县抓落实") for h in wuyi)
    assert any(h.startswith("三、") for h in wuyi)
    assert "〔序言〕" in wuyi
    majiang = [h for _, h in read(project_site, "policies/regulations/majiang/index.html").headings]
    assert "〔第2段〕" in majiang
    central = read(project_site, "policies/regulations/central/index.html")
    assert ("h4", "第十九条") in central.headings
    assert any(h.startswith("第四章 市县落实") for _, h in central.headings)


def test_labels_come_in_chinese(project_site: BuiltSite) -> None:
    page = read(project_site, "policies/actors/wuyi.county-government/index.html")
    facts = dict((row[0], row[1]) for row in page.tables[0] if len(row) == 2)
    assert facts["类型 Kind"].startswith("具体机构")
    assert facts["层级 Level"].startswith("县级")
    reg = read(project_site, "policies/regulations/central/index.html")
    text = "".join(reg.text)
    assert "行为 Action：建立健全" in text
    assert "现行有效" in text


# -- comparisons in words ------------------------------------------------------------------------


@pytest.mark.parametrize("reg", ["shanxi", "gansu"])
def test_comparison_names_each_change_once_in_words(project_site: BuiltSite, ps: PolicySet, reg: str) -> None:
    raw = [c for t in compare(ps, "central", reg).topics for c in t.changed]
    distinct = distinct_changes(raw)
    assert len(distinct) < len(raw)  # compare lists a change under each of its topics
    page = read(project_site, f"policies/regulations/{reg}/index.html")
    text = "".join(page.text)
    table = next(t for t in page.tables if any("落实但有变化" in row[0] for row in t if row))
    counted = next(int(row[1]) for row in table if row and "落实但有变化" in row[0])
    assert counted == len(distinct)
    section = text.split("有变化 Changed", 1)[1].split("地方新增 Local additions", 1)[0]
    items = [ln for ln in section.splitlines() if "→" in ln]
    assert len(items) == len(distinct)
    assert len(set(items)) == len(items)
    assert "责任主体由" in section and "改为" in section
    assert "owners:" not in section and "frequency:" not in section and "all.leading-groups" not in text


# -- a body's 责任清单 ---------------------------------------------------------------------------


def list_tables(page: Page) -> list[list[list[str]]]:
    return [t for t in page.tables if t and t[0] and t[0][0].startswith("序号")]


@pytest.mark.parametrize("actor", ["wuyi.county-government", "county.government", "wuyi.party-secretary"])
def test_the_xlsx_holds_exactly_the_rows_on_the_page(project_site: BuiltSite, actor: str) -> None:
    page = read(project_site, f"policies/actors/{actor}/index.html")
    shown = [row for t in list_tables(page) for row in t[1:]]
    book = openpyxl.load_workbook(
        io.BytesIO((project_site.path / f"policies/actors/{actor}.xlsx").read_bytes())
    )
    written = [
        [" ".join(str(c if c is not None else "—").split()) or "—" for c in row]
        for ws in book.worksheets
        for row in ws.iter_rows(min_row=2, values_only=True)
    ]
    assert shown and shown == written
    # the list opens the page: before the chain and the topics
    order = [h for _, h in page.headings]
    assert order.index("责任清单 Responsibility list") < order.index("责任链 Chain of responsibility")


def test_a_body_inherits_its_role_types_duties_on_its_page(ps: PolicySet, project_site: BuiltSite) -> None:
    rows = actor_rows(ps, "wuyi.county-government")
    page = read(project_site, "policies/actors/wuyi.county-government/index.html")
    assert sum(len(t) - 1 for t in list_tables(page)) == sum(len(r) for r in rows.values())
    assert "central" in rows and "wuyi" in rows


def test_role_pages_name_the_bodies_that_fill_them(project_site: BuiltSite) -> None:
    county = read(project_site, "policies/actors/county.government/index.html")
    assert any(h.endswith("wuyi.county-government/") for h in county.links)
    secretary = read(project_site, "policies/actors/county.party-secretary/index.html")
    text = "".join(secretary.text)
    assert "没有职责" not in text and "no duty" not in text.lower()
    assert any(h.endswith("wuyi.party-secretary/") for h in secretary.links)
    assert "以本机构名义规定的职责 2 项" in text


# -- site_url, docs serve ------------------------------------------------------------------------


def test_site_url_fills_the_sitemap(tmp_path: Path) -> None:
    from responsibility.cli.commands.docs import build_site

    out = tmp_path / "site"
    build_site(
        out, [str(CATALOGUE), str(SITE_FIXTURES)], include_shipped=False, site_url="https://example.org/rsp/"
    )
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/rsp/actors/county.government/</loc>" in sitemap
    assert '<link rel="canonical" href="https://example.org/rsp/' in (out / "index.html").read_text("utf-8")


def test_docs_serve_prints_its_address(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import mkdocs.commands.serve

    served: list[str] = []
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda **kw: served.append(kw["dev_addr"]))
    assert main(["docs", "serve", "-a", "127.0.0.1:8765"]) == 0
    assert served == ["127.0.0.1:8765"]
    assert "http://127.0.0.1:8765/" in capsys.readouterr().err


# -- words search keeps whole --------------------------------------------------------------------


def test_search_keeps_policy_terms_and_names_whole(ps: PolicySet) -> None:
    words = set(search_terms(ps))
    assert {"项目库", "第一书记", "武邑县人民政府", "第十九条", "县抓落实"} <= words
    # a word holding another after its start is left to jieba, so the inner word finds it
    assert "扶贫项目库" not in words and "驻村第一书记" not in words


def test_the_search_worker_takes_a_whole_query(tmp_path: Path) -> None:
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    code = "for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s);"
    (workers / "search.x.min.js").write_text(code, "utf-8")
    assert fix_search_worker(tmp_path)
    assert "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e" in (workers / "search.x.min.js").read_text(
        "utf-8"
    )
    (workers / "search.x.min.js").write_text("other", "utf-8")
    assert not fix_search_worker(tmp_path)


def test_the_shipped_worker_is_the_shape_the_fix_expects(project_site: BuiltSite) -> None:
    worker = next((project_site.path / "assets/javascripts/workers").glob("search.*.min.js"))
    assert "o<=t.length;o++)t.slice(s,o)in e" in worker.read_text("utf-8")
