"""Every English run of the generated pages says it is English: the pages are zh-CN, and a
screen reader or a browser reads an unmarked English word as Chinese. The English half of each
bilingual label (class ``rsp-en``) is ``lang="en"``, the Chinese an English run quotes is zh-CN
again, and no English word of a page's article is left in the page's Chinese (read from the
built HTML of the shipped site and of the fixture site). All of it is written by one function,
``render.english`` (``gloss``'s English half); the templates write no ``lang`` of their own.
(English notes, ``render.prose``, are tested in test_site_note_lang.py.)"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

import responsibility
from conftest import ROOT, BuiltSite
from responsibility.site import pages as site_pages
from responsibility.site.pages import SitePages, environment
from responsibility.site.render import english, gloss

TEMPLATES = ROOT / "src" / "responsibility" / "site" / "templates"
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed"}
HIDDEN = {"script", "style", "code", "svg", "title"}
IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# an English word: two letters or more, one of them lower case (XLSX, a format's name in the
# Chinese 下载 XLSX, is not one)
ENGLISH_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")


@dataclass(frozen=True)
class Run:
    page: str
    text: str
    lang: str  # the language in force where the text stands


class Langs(HTMLParser):
    """The elements of class rsp-en (with their own lang), and the text runs of the page's
    <article> with the language in force at each."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[tuple[str, str | None, bool]] = [("html", "zh-CN", False)]  # tag, lang, hidden
        self.article = 0
        self.rsp_en: list[tuple[str | None, str]] = []  # (lang, its text)
        self.open_en: list[int] = []  # stack depths of the rsp-en elements open
        self.runs: list[Run] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        a = dict(attrs)
        hidden = tag in HIDDEN or (tag == "pre" and "mermaid" in (a.get("class") or ""))
        self.stack.append((tag, a.get("lang"), hidden or self.stack[-1][2]))
        if tag == "article":
            self.article += 1
        if "rsp-en" in (a.get("class") or "").split():
            self.rsp_en.append((a.get("lang"), ""))
            self.open_en.append(len(self.stack))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while len(self.stack) > 1 and self.stack[-1][0] != tag:  # an unclosed inner element
            self._pop()
        if len(self.stack) > 1:
            self._pop()

    def _pop(self) -> None:
        tag = self.stack[-1][0]
        if self.open_en and self.open_en[-1] == len(self.stack):
            self.open_en.pop()
        self.stack.pop()
        if tag == "article":
            self.article -= 1

    def handle_data(self, data: str) -> None:
        if self.open_en:
            lang, text = self.rsp_en[-1]
            self.rsp_en[-1] = (lang, text + data)
        if self.article and not self.stack[-1][2] and data.strip():
            lang = next(lang for _, lang, _ in reversed(self.stack) if lang is not None)
            self.runs.append(Run(self.page, data.strip(), lang))


def _pages(site: BuiltSite, prefix: str) -> list[Langs]:
    found = []
    for path in sorted((site.path / prefix).rglob("*.html")):
        parsed = Langs(path.relative_to(site.path).as_posix())
        parsed.feed(path.read_text("utf-8"))
        found.append(parsed)
    return found


@pytest.fixture(scope="module")
def shipped_pages(project_site: BuiltSite) -> list[Langs]:
    return _pages(project_site, "policies")


@pytest.fixture(scope="module")
def fixture_pages(fixture_site: BuiltSite) -> list[Langs]:
    return _pages(fixture_site, "rules")


def _unmarked(pages: list[Langs]) -> list[tuple[str, str | None, str]]:
    return [(p.page, lang, text[:40]) for p in pages for lang, text in p.rsp_en if lang != "en"]


def test_every_english_gloss_of_the_shipped_site_is_marked_english(shipped_pages: list[Langs]) -> None:
    glosses = sum(len(p.rsp_en) for p in shipped_pages)
    assert len(shipped_pages) > 250 and glosses > 20_000  # every page; a gloss on every label
    assert not _unmarked(shipped_pages), _unmarked(shipped_pages)[:10]


def test_every_english_gloss_of_the_fixture_site_is_marked_english(fixture_pages: list[Langs]) -> None:
    assert sum(len(p.rsp_en) for p in fixture_pages) > 500
    assert not _unmarked(fixture_pages), _unmarked(fixture_pages)[:10]


def test_no_english_word_of_a_shipped_page_is_left_in_chinese(shipped_pages: list[Langs]) -> None:
    english_runs = [r for p in shipped_pages for r in p.runs if ENGLISH_WORD.search(r.text)]
    assert len(english_runs) > 20_000
    # the headings, field labels, names, the home page's English line, the 说明 Note labels: each
    # in English
    left = [r for r in english_runs if r.lang != "en"]
    assert not left, left[:10]
    texts = {r.text for r in english_runs}
    assert {"Note", "Responsibility list", "Chain of responsibility"} <= texts
    assert any(
        t.startswith("The regulations of the poverty alleviation responsibility system") for t in texts
    )


def test_the_chinese_inside_english_is_marked_chinese_again(shipped_pages: list[Langs]) -> None:
    runs = [r for p in shipped_pages for r in p.runs]
    quoted = [r for r in runs if r.lang == "en" and IDEOGRAPH.search(r.text)]
    assert not quoted, quoted[:10]
    # 讨论稿, quoted by the English notes on 武邑's draft, stands in them as Chinese
    draft = [r for r in runs if r.text == "讨论稿"]
    assert draft and {r.lang for r in draft} == {"zh-CN"}


def test_the_templates_write_no_language_by_hand() -> None:
    """The English runs of the pages come from render.english (through gloss) and render.prose:
    a span of class rsp-en or an English lang written in a template would escape both. (The 404
    page's article says it is zh-CN, whatever the theme's language: that one is Chinese.)"""
    by_hand = [
        f"{t.name}:{n}: {line.strip()[:80]}"
        for t in sorted(TEMPLATES.glob("*.j2"))
        for n, line in enumerate(t.read_text("utf-8").splitlines(), 1)
        if "rsp-en" in line or re.search(r"""\blang=(?!"zh-CN")""", line)
    ]
    assert not by_hand, by_hand


# -- the English runs the shipped site does not show ---------------------------------------------


def test_an_unloaded_duty_is_said_so_in_both_languages() -> None:
    env = environment()
    macro = env.from_string('{% import "_macros.j2" as m %}{{ m.duty_md(d) }}|{{ m.duty_a(d) }}')
    shown = macro.render(d=SimpleNamespace(href=None, ref="elsewhere/art_1/x"))
    marked = '（未载入 <span class="rsp-en" lang="en">not in the loaded policies</span>）'
    assert shown == f"elsewhere&#47;art&#95;1&#47;x{marked}|elsewhere&#47;art&#95;1&#47;x{marked}"


def test_the_previous_and_next_links_of_a_long_list_are_marked() -> None:
    ps = responsibility.load()
    old, site_pages.PAGE_ROWS = site_pages.PAGE_ROWS, 20  # lists longer than 20 rows are split
    try:
        built = SitePages(ps, xlsx=list(ps.actors)).build()
    finally:
        site_pages.PAGE_ROWS = old
    first, second = (built[f"policies/actors/all.party-committees-and-governments/{n}.md"] for n in (1, 2))
    assert '[下一页 <span class="rsp-en" lang="en">Next</span>](2.md)' in first
    assert '[上一页 <span class="rsp-en" lang="en">Previous</span>](1.md)' in second


def test_english_marks_english_and_the_chinese_it_quotes() -> None:
    assert english("Note") == '<span class="rsp-en" lang="en">Note</span>'
    assert english("Wuyi County 一(一)3") == (
        '<span class="rsp-en" lang="en">Wuyi County <span lang="zh-CN">一</span>&#40;'
        '<span lang="zh-CN">一</span>&#41;3</span>'
    )
    # escaped as literal escapes it: nothing in it is markup
    assert english("<b>x</b>") == '<span class="rsp-en" lang="en">&#60;b&#62;x&#60;&#47;b&#62;</span>'
    assert gloss("责任清单", "Responsibility list") == (
        '责任清单 <span class="rsp-en" lang="en">Responsibility list</span>'
    )
    assert gloss("责任清单", None) == gloss(("责任清单", "")) == "责任清单"  # no English, no span


def test_the_page_files_carry_the_marks() -> None:
    """The Markdown the plugin hands MkDocs (before any theme): a regulation's page."""
    ps = responsibility.load()
    wuyi = SitePages(ps).regulation_page(ps.regulation("wuyi"))
    assert '<span lang="zh-CN">讨论稿</span>' in wuyi  # inside an English note
    assert '<span class="rsp-en" lang="en">Note</span>' in wuyi
    assert '<span class="rsp-en">' not in wuyi
