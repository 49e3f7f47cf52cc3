"""What the page templates need besides Jinja: the escaping helpers of each context the text of a
policy file lands in, where each page lives, and the links between pages.

Every piece of text taken from a policy file goes through the escaping helper of its context:
:func:`literal` in Markdown (and the raw HTML written among it), :func:`html_text` in the page
title (front matter, :func:`page_head`) and in HTML attributes, :func:`mermaid_text` in a Mermaid
label. A provision that contains ``<script>``, HTML or Markdown syntax is shown as the characters
it is made of, never interpreted. The templates call them as filters (:data:`FILTERS`); this
module imports nothing of Jinja, so the command line can use :func:`html_text` without the
``docs`` extra.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

import yaml

from responsibility.policy.labels import INFERRED_NOTE, INFERRED_OWNER_NOTE, inferred_runs
from responsibility.policy.model import Text

# --- escaping -----------------------------------------------------------------------------------

# ASCII punctuation is where Markdown, its extensions (pymdownx: ==mark==, ++keys++, :emoji:,
# $math$, magic links) and HTML find their syntax; as numeric character references it is inert.
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Python-Markdown uses STX/ETX as placeholders for stashed HTML; control characters never
# belong in a policy text, so every C0/C1 control but tab and newline becomes U+FFFD.
_CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]
_TABLE: dict[int, str] = {c: "\ufffd" for c in _CONTROLS}
_TABLE.update({ord(ch): f"&#{ord(ch)};" for ch in (*_PUNCT, "\t", "\u2028", "\u2029")})


@functools.lru_cache(maxsize=1 << 16)
def literal(text: str) -> str:
    """`text` as inline Markdown that renders exactly as `text` (newlines as line breaks).

    The result holds no Markdown or HTML syntax: ASCII punctuation, tabs, line separators and
    whitespace at either end of a line become numeric character references (so nothing can
    start a code block, a list or a hard break), control characters become U+FFFD and
    newlines become ``<br>``. It is safe in a paragraph, a heading, a list item or a table cell.
    """
    out = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.translate(_TABLE)
        body = line.strip()
        lead = len(line) - len(line.lstrip())
        ends = line[:lead], line[lead + len(body) :]
        out.append(
            "".join(f"&#{ord(ch)};" for ch in ends[0]) + body + "".join(f"&#{ord(ch)};" for ch in ends[1])
        )
    return "<br>".join(out)


def mermaid_text(text: str) -> str:
    """`text` for a quoted Mermaid label: everything but letters, digits and spaces as `#N;`."""
    return "".join(ch if ch.isalnum() or ch == " " else f"#{ord(ch)};" for ch in text)


def html_text(text: str) -> str:
    """`text` as HTML text or a quoted attribute value: ``& < > " '`` as character references."""
    return html.escape(text, quote=True)


# The tooltip of a label the text does not print (labels.inferred): what the mark 〔〕 means.
INFERRED_TITLE = " · ".join(INFERRED_NOTE)


def cite(text: str) -> str:
    """A provision's citation through :func:`literal`, each label the text does not print
    (〔第11段〕, the 〔3〕 of 二、〔3〕: labels.inferred) in a span whose title says so, in Chinese
    first. Only for a citation (policyset.citations): elsewhere 〔〕 is the text's own (甘发〔2016〕9号)."""
    return "".join(
        f'<span class="rsp-inferred" title="{html_text(INFERRED_TITLE)}">{literal(run)}</span>'
        if marked
        else literal(run)
        for run, marked in inferred_runs(text)
    )


# The tooltip of a body the text does not name at a provision (Owner.inferred), shown 〔〕 too.
INFERRED_OWNER_TITLE = " · ".join(INFERRED_OWNER_NOTE)


class Named(Protocol):
    """A link's name and whether the body it names is the encoder's, not the text's (views.Link)."""

    @property
    def name(self) -> Glossed: ...

    @property
    def inferred(self) -> bool: ...


def named(link: Named) -> str:
    """A link's name through :func:`gloss`; a body the text does not name there (already in 〔〕,
    Names.as_named) in a span whose title says so, Chinese first, as :func:`cite` marks a label."""
    shown = gloss(link.name)
    if not getattr(link, "inferred", False):  # a page's other links (breadcrumbs) carry no mark
        return shown
    return _inferred_owner(shown)


def _inferred_owner(shown: str) -> str:
    """An escaped name of a body the text does not name there, in the span whose title says so."""
    return f'<span class="rsp-inferred" title="{html_text(INFERRED_OWNER_TITLE)}">{shown}</span>'


def owner_runs(runs: Iterable[tuple[str, bool]]) -> str:
    """Text for raw HTML (an ``<li>`` of a chain's list), run by run through :func:`html_text`;
    a run naming a body the text does not name there (already in 〔〕) in the span :func:`named`
    gives such a body, so the list marks it as the rest of the site does."""
    return "".join(_inferred_owner(html_text(run)) if marked else html_text(run) for run, marked in runs)


class Glossed(Protocol):
    """A Chinese name with its English gloss (a :class:`Text`, a view's ``Name``)."""

    @property
    def zh(self) -> str: ...

    @property
    def en(self) -> str | None: ...


def gloss(zh: str | Glossed | tuple[str, str], en: str | None = None) -> str:
    """Chinese as it stands, with the English gloss beside it (each through :func:`literal`).
    Takes the two strings, a label pair or anything with ``zh`` and ``en``."""
    if isinstance(zh, tuple):
        chinese, en = zh
    elif isinstance(zh, str):
        chinese = zh
    else:
        chinese, en = zh.zh, zh.en
    if not en:
        return literal(chinese)
    return f"{literal(chinese)} {english(en)}"


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# A run of Chinese quoted in English text: ideographs with the CJK punctuation (「」《》、，（）)
# and the digits written among them (2016年10月11日 stays one run); a run is marked only if it
# holds an ideograph. Digits are taken only next to
# an ideograph or a CJK mark, so a character reference written by `literal` (``&#40;``, always
# closed by ``;``) is never cut.
_CJK_MARK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_RUN = re.compile(f"[0-9]*[{_CJK_MARK}]+(?:[0-9]+[{_CJK_MARK}]+)*")
# the page's own language (the plugin writes it into <html lang>); Chinese inside English says it again
PAGE_LANG = "zh-CN"


def text_lang(s: str) -> str | None:
    """The language an encoder wrote `s` in, where it is not the page's: ``"en"`` when it has
    more Latin letters than CJK characters (English, perhaps quoting Chinese: ``Effective date
    (2016年10月11日); it assigns no duty.``), else None (Chinese, the page's zh-CN). Letters
    against characters is a wide margin on the shipped notes: every English one has at least
    1.29 letters per character, every Chinese one none."""
    return "en" if len(_LATIN.findall(s)) > len(_CJK.findall(s)) else None


def prose(s: str) -> str:
    """A note or reason in the language it is written in, through :func:`literal`. English
    (:func:`text_lang`) is marked ``lang="en"`` so the browser shapes and hyphenates it as
    English in the Chinese page, and the Chinese it quotes is marked zh-CN again, or Chromium
    may draw it with the Japanese glyph shapes of an English context."""
    if text_lang(s) != "en":
        return literal(s)
    return _in_english(s)


@functools.lru_cache(maxsize=1 << 16)  # the same labels on every page
def english(s: str) -> str:
    """English the site shows beside Chinese (a label's or a name's English, a line of the
    project's own): through :func:`literal`, as the smaller second line (class ``rsp-en``),
    marked ``lang="en"`` with the Chinese it quotes marked zh-CN again, as :func:`prose` marks
    an English note. Every English run of the generated pages is written by this function or
    :func:`prose`, so that none is read as Chinese in the zh-CN page."""
    return _in_english(s, "rsp-en")


def _in_english(s: str, cls: str | None = None) -> str:
    """`s` through :func:`literal` in a ``lang="en"`` span (of class `cls`), its Chinese runs
    marked zh-CN: a screen reader speaks each in its language, and Chromium draws the Chinese
    with Simplified glyphs rather than the Japanese shapes of an English context."""
    # `literal` leaves CJK as it stands and writes only ASCII, U+FFFD and <br> around it, so
    # the runs of its output are the runs of `s`
    quoted = _CJK_RUN.sub(_quoted_chinese, literal(s))
    attrs = f' class="{cls}" lang="en"' if cls else ' lang="en"'
    return f"<span{attrs}>{quoted}</span>"


def _quoted_chinese(m: re.Match[str]) -> str:
    # a run with no ideograph (the 2、 of a list label) is punctuation an English font has too
    run = m.group()
    return f'<span lang="{PAGE_LANG}">{run}</span>' if _CJK.search(run) else run


def front_matter(plain: str, searched: bool = True) -> str:
    """A page's YAML front matter (without its ``---`` lines): its title as plain text escaped
    for HTML, written by the YAML emitter as one double-quoted line (so any character reads back
    unchanged and nothing can end the front matter early).

    Themes print a page's title as HTML: Material puts ``page.meta.title`` into ``<title>``, the
    header and the search index unescaped, and without it passes the title taken from the H1
    through Jinja's ``striptags``, which decodes character references (so an escaped
    ``</title><script>`` in the H1 became markup again).
    """
    # The navigation sidebar is hidden: these pages are not in it, and the room goes to the tables.
    head: dict[str, Any] = {"title": html_text(plain), "hide": ["navigation"]}
    if not searched:  # a page whose every line is also on another page (a part of a long list)
        head["search"] = {"exclude": True}
    meta = yaml.safe_dump(head, allow_unicode=True, default_style='"', width=float("inf"))
    return meta.rstrip("\n")


def page_head(title: Text | str, en: str | None = None, searched: bool = True) -> list[str]:
    """A page's first lines: YAML front matter giving its title (:func:`front_matter`), and the
    H1 (Chinese first, the English on a second line below it)."""
    if isinstance(title, str):
        plain, shown = title, gloss(title, en)
    else:
        plain, shown = " ".join(x for x in (title.zh, title.en) if x), gloss(title)
    return ["---", front_matter(plain, searched), "---", "", f"# {shown}", ""]


def mermaid_node(ident: str) -> str:
    """A Mermaid node id from a slug (slugs are ASCII, so this is injective and inert)."""
    return "n_" + re.sub(r"[^a-z0-9]", lambda m: f"_{ord(m.group()):x}_", ident)


_SLUG = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def slug(ident: str) -> str:
    """An id written where no escaping exists (a Markdown heading's ``{ #id }``): the schema
    restricts ids to lower-case ASCII slugs, and anything else is refused rather than written."""
    if not _SLUG.fullmatch(ident):
        raise ValueError(f"not a slug: {ident!r}")
    return ident


_UNSAFE_URL = re.compile(r"[\s()<>\"'`\[\]\\]")


def md_url(url: str) -> str:
    """A relative link as a Markdown link's destination: made from slugs by :class:`Paths`, so
    it holds nothing that could end the link or start markup; anything else is refused."""
    if _UNSAFE_URL.search(url):
        raise ValueError(f"not a safe link: {url!r}")
    return url


def num(n: int) -> str:
    """A count, the one value written as it stands."""
    if not isinstance(n, int):
        raise TypeError(f"not a count: {n!r}")
    return str(n)


# --- paths and links ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Paths:
    """Where each generated page lives, below `prefix` ('' puts the home page at the root)."""

    prefix: str = "policies"

    def _at(self, *parts: str) -> str:
        return posixpath.join(self.prefix, *parts) if self.prefix else posixpath.join(*parts)

    def home(self) -> str:
        return self._at("index.md")

    def regulations(self) -> str:
        return self._at("regulations", "index.md")

    def regulation(self, reg_id: str) -> str:
        return self._at("regulations", f"{reg_id}.md")

    def actors(self) -> str:
        return self._at("actors", "index.md")

    def actor(self, actor_id: str) -> str:
        return self._at("actors", f"{actor_id}.md")

    def actor_xlsx(self, actor_id: str) -> str:
        return self._at("actors", f"{actor_id}.xlsx")

    def actor_part(self, actor_id: str, n: int) -> str:
        """Part `n` (from 1) of a 责任清单 too long for one page."""
        return self._at("actors", actor_id, f"{n}.md")

    def actor_part_xlsx(self, actor_id: str, n: int) -> str:
        return self._at("actors", actor_id, f"{n}.xlsx")

    def topics(self) -> str:
        return self._at("topics", "index.md")

    def topic(self, topic_id: str) -> str:
        return self._at("topics", f"{topic_id}.md")

    def central_duties(self) -> str:
        return self._at("duties", "index.md")

    def duty(self, ref: str) -> str:
        reg, prov, duty = ref.split("/")
        return self._at("duties", reg, prov, f"{duty}.md")

    def stylesheet(self) -> str:
        return self._at("responsibility.css")


@functools.lru_cache(maxsize=1 << 16)
def rel(src: str, dst: str) -> str:
    """A relative link from page `src` to file `dst`, as MkDocs resolves it."""
    return posixpath.relpath(dst, posixpath.dirname(src) or ".")


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the file `path` (below docs_dir): a page's folder, or its .html."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


@functools.lru_cache(maxsize=1 << 16)
def href(src: str, dst: str, directory_urls: bool = True) -> str:
    """A relative URL from page `src` to file `dst`, as MkDocs writes a Markdown link between
    them into the page (raw HTML is left as written, so links in it are made here)."""
    src_url, dst_url = page_url(src, directory_urls), page_url(dst, directory_urls)
    base = src_url if src_url.endswith("/") or not src_url else posixpath.dirname(src_url)
    out = posixpath.relpath(dst_url or ".", base.rstrip("/") or ".")
    return f"{out}/" if dst_url.endswith("/") or not dst_url else out


def anchor(provision_id: str, duty_id: str | None = None) -> str:
    """HTML id of a provision or a duty on its regulation's page (eIds never contain '--')."""
    return provision_id if duty_id is None else f"{provision_id}--{duty_id}"


def isodate(d: date) -> str:
    """A date as ISO 8601 (digits and hyphens only)."""
    return d.isoformat()


def hashes(depth: int) -> str:
    """A Markdown heading's marker of `depth` (Markdown has six levels)."""
    if not 1 <= depth <= 6:
        raise ValueError(f"no heading level {depth}")
    return "#" * depth


# The templates' filters: each names the context its output is safe in.
FILTERS = {
    "literal": literal,
    "cite": cite,
    "named": named,
    "owner_runs": owner_runs,
    "gloss": gloss,
    "english": english,
    "prose": prose,
    "html_text": html_text,
    "mermaid_text": mermaid_text,
    "mermaid_node": mermaid_node,
    "slug": slug,
    "md_url": md_url,
    "num": num,
    "isodate": isodate,
    "hashes": hashes,
}
