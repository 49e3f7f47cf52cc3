"""Encoders' notes in the built project site are shown in the language they are written in: an
English note (or reason, or the note on a regulation's effective date) is marked ``lang="en"``
inside the zh-CN page, and the Chinese it quotes is marked zh-CN again; and the row holding that
note says 施行 In force only on a regulation that is in force.
(render.text_lang and render.prose on their own are tested at the end.)"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from conftest import BuiltSite
from responsibility.site.render import prose, text_lang

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source"}


@dataclass
class Note:
    """One note paragraph: each text piece after its 说明 Note label, with the lang it is in."""

    page: str
    pieces: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.pieces).strip()


class Notes(HTMLParser):
    """The ``<p>`` paragraphs that open with a ``rsp-note`` label, as :class:`Note` values, and
    the rows of the regulation facts table (label, cell text)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[tuple[str, str | None, str]] = [("html", "zh-CN", "")]  # tag, lang, class
        self.notes: list[Note] = []
        self.note: Note | None = None
        self.p_len = 0  # the stack's length with the open note paragraph on top
        self.label_open = False  # inside the note's label span
        self.rows: list[list[str]] = []

    def lang(self) -> str:
        return next(lang for _, lang, _ in reversed(self.stack) if lang is not None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        a = dict(attrs)
        cls = a.get("class") or ""
        self.stack.append((tag, a.get("lang"), cls))
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th") and self.rows:
            self.rows[-1].append("")
        if tag == "span" and "rsp-note" in cls.split() and self.stack[-2][0] == "p" and self.note is None:
            self.note = Note(self.page)
            self.p_len = len(self.stack) - 1
            self.label_open = True

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack and self.stack[-1][0] != tag:  # tolerate an unclosed inner element
            self.stack.pop()
        if not self.stack:
            return
        self.stack.pop()
        if self.note is not None and self.label_open and len(self.stack) == self.p_len:
            self.label_open = False  # the label span closed; the note's text follows
        elif self.note is not None and len(self.stack) == self.p_len - 1:
            self.notes.append(self.note)
            self.note = None

    def handle_data(self, data: str) -> None:
        if self.note is not None and not self.label_open and data.strip():
            self.note.pieces.append((data, self.lang()))  # (the space after the label is the page's)
        if self.rows and self.rows[-1] and any(t in ("td", "th") for t, _, _ in self.stack):
            self.rows[-1][-1] += data


def _notes(site: BuiltSite) -> list[Note]:
    found = []
    for path in sorted((site.path / "policies").rglob("*.html")):
        parser = Notes(path.relative_to(site.path).as_posix())
        parser.feed(path.read_text("utf-8"))
        found += parser.notes
    return found


def _rows(site: BuiltSite, rel: str) -> dict[str, str]:
    parser = Notes(rel)
    parser.feed((site.path / rel).read_text("utf-8"))
    return {r[0].split()[0]: r[1] for r in parser.rows if len(r) == 2 and r[0].strip()}


def test_a_note_with_no_chinese_is_marked_english(project_site: BuiltSite) -> None:
    notes = _notes(project_site)
    assert len(notes) > 90  # every regulation, provision and actor note of the shipped policies
    unmarked = [
        (n.page, n.text[:60])
        for n in notes
        if not CJK.search(n.text) and any(lang != "en" for _, lang in n.pieces)
    ]
    assert not unmarked, unmarked


def test_an_english_note_quoting_chinese_is_english_with_the_chinese_marked(project_site: BuiltSite) -> None:
    notes = [n for n in _notes(project_site) if text_lang(n.text) == "en"]
    assert len(notes) > 90  # the shipped notes are written in English, most quoting Chinese
    wrong = []
    for n in notes:
        for text, lang in n.pieces:
            if (LATIN.search(text) and lang != "en") or (CJK.search(text) and lang != "zh-CN"):
                wrong.append((n.page, lang, text[:40]))
    assert not wrong, wrong[:10]


def test_the_notes_the_newcomer_found_are_english(project_site: BuiltSite) -> None:
    # not decided by text_lang: these two are English sentences, whatever the rule says
    notes = {n.text: n for n in _notes(project_site)}
    wuyi = next(n for t, n in notes.items() if t.startswith("A discussion draft (讨论稿)."))
    central = next(n for t, n in notes.items() if t.startswith("Effective date (2016年10月11日); it assigns"))
    for note in (wuyi, central):
        assert note.pieces[0] == (note.pieces[0][0], "en"), note.pieces[:2]
        assert ("讨论稿" if note is wuyi else "2016年10月11日", "zh-CN") in note.pieces
    assert wuyi.page == "policies/regulations/wuyi/index.html"
    assert central.page == "policies/regulations/central/index.html"


def test_the_effective_row_claims_in_force_only_for_a_regulation_in_force(project_site: BuiltSite) -> None:
    wuyi = _rows(project_site, "policies/regulations/wuyi/index.html")
    assert wuyi["状态"].startswith("讨论稿")
    assert "施行" not in wuyi and "施行说明" in wuyi  # the draft's row is the note on its date
    assert wuyi["施行说明"].startswith("(The text gives no date of issue and no date of effect")
    central = _rows(project_site, "policies/regulations/central/index.html")
    assert central["状态"].startswith("现行有效")
    assert central["施行"].startswith("2016-10-11")


# -- the helper on its own -------------------------------------------------------------------------


def test_text_lang_tells_english_from_chinese() -> None:
    assert text_lang("Purpose and basis; it assigns no duty.") == "en"
    assert text_lang("Effective date (2016年10月11日); it assigns no duty.") == "en"
    assert text_lang("三区同建 is not defined (see 「所提机制」).") == "en"
    assert text_lang("第三十六条 本实施办法自2017年3月9日起施行.") is None
    assert text_lang("细则未规定报告制度。") is None
    assert text_lang("") is None  # nothing to mark
    assert text_lang("between 2、 and 4、") == "en"


def test_prose_marks_english_and_the_chinese_it_quotes() -> None:
    assert prose("细则未规定报告制度。") == "细则未规定报告制度。"
    assert (
        prose("A draft (讨论稿).")
        == '<span lang="en">A draft &#40;<span lang="zh-CN">讨论稿</span>&#41;&#46;</span>'
    )
    # the digits among Chinese stay in its run; a character reference is never cut
    assert prose("Effective (2016年10月11日)") == (
        '<span lang="en">Effective &#40;<span lang="zh-CN">2016年10月11日</span>&#41;</span>'
    )
    assert prose("See 「印发机关」 and <b>x</b>") == (
        '<span lang="en">See <span lang="zh-CN">「印发机关」</span> and &#60;b&#62;x&#60;&#47;b&#62;</span>'
    )
    # punctuation with no ideograph (a list label as printed) is left in the English
    assert prose("between 2、 and 4、") == '<span lang="en">between 2、 and 4、</span>'
