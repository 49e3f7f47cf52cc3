"""The browsable site's policy pages, as Markdown: pure functions from a policy set to files.

:func:`build_pages` returns ``{path: markdown}`` for the home page, one page per regulation,
actor, topic and central duty, and an index of each kind. It knows nothing of MkDocs (the plugin
in :mod:`responsibility.site.plugin` adds the pages to a build), so it is tested on its own.

Every piece of text taken from a policy file goes through the escaping helper of the context
it lands in: :func:`literal` in Markdown, :func:`mermaid_text` in a Mermaid label and
:func:`html_text` in the page title (front matter, :func:`page_head`). A provision that contains
``<script>``, HTML or Markdown syntax is shown as the characters it is made of, never interpreted.
"""

from __future__ import annotations

import contextlib
import functools
import html
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import yaml

from responsibility.graph.queries import Change, FieldChange, chain
from responsibility.graph.responsibility_list import HEADERS, Row, actor_rows
from responsibility.policy.labels import (
    ACTION_LABEL,
    ACTOR_KIND_LABEL,
    CHAIN_PHRASE,
    FIELD_LABEL,
    FREQUENCY_LABEL,
    LEVEL_LABEL,
    MODALITY_LABEL,
    REGULATION_STATUS_LABEL,
    RESPONSIBILITY_LABEL,
    ROLE_LABEL,
    SCHEMA_FIELD_LABEL,
    STATUS_LABEL,
)
from responsibility.policy.model import (
    Action,
    Actor,
    ActorKind,
    CounterpartyRole,
    Division,
    Duty,
    Frequency,
    Level,
    Modality,
    Regulation,
    Responsibility,
    Text,
)
from responsibility.policy.policyset import DutyEntry, PolicySet, citations, provision_paths
from responsibility.semantics import (
    ParentStatus,
    duty_levels,
    governed_levels,
    is_excerpt,
    parent_status,
    role_of,
)

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


def page_head(title: Text | str, en: str | None = None, searched: bool = True) -> list[str]:
    """A page's first lines: YAML front matter giving its title, and the H1 (Chinese first, the
    English on a second line below it).

    Themes print a page's title as HTML: Material puts ``page.meta.title`` into ``<title>``, the
    header and the search index unescaped, and without it passes the title taken from the H1
    through Jinja's ``striptags``, which decodes character references (so an escaped
    ``</title><script>`` in the H1 became markup again). The title is therefore given as
    plain text escaped for HTML, written by the YAML emitter as one double-quoted line (so any
    character reads back unchanged and nothing can end the front matter early).
    """
    if isinstance(title, str):
        plain, shown = title, gloss(title, en)
    else:
        plain, shown = " ".join(x for x in (title.zh, title.en) if x), text(title)
    # The navigation sidebar is hidden: these pages are not in it, and the room goes to the tables.
    head: dict[str, Any] = {"title": html_text(plain), "hide": ["navigation"]}
    if not searched:  # a page whose every line is also on another page (a part of a long list)
        head["search"] = {"exclude": True}
    meta = yaml.safe_dump(
        head,
        allow_unicode=True,
        default_style='"',
        width=float("inf"),
    )
    return ["---", meta.rstrip("\n"), "---", "", f"# {shown}", ""]


# --- vocabulary ---------------------------------------------------------------------------------


def gloss(zh: str, en: str | None) -> str:
    """Chinese as it stands, with the English gloss beside it."""
    if not en:
        return literal(zh)
    return f'{literal(zh)} <span class="rsp-en">{literal(en)}</span>'


def text(t: Text | None) -> str:
    return "" if t is None else gloss(t.zh, t.en)


def label(pair: tuple[str, str]) -> str:
    return gloss(*pair)


def zh(pair: tuple[str, str]) -> str:
    """The Chinese of a label pair alone (table cells, where the gloss would only crowd)."""
    return literal(pair[0])


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def prose(s: str) -> str:
    """A note or reason in the language it is written in: English is marked ``lang="en"`` so
    the browser shapes and hyphenates it as English inside the Chinese page."""
    shown = literal(s)
    return shown if _CJK.search(s) else f'<span lang="en">{shown}</span>'


def note_line(s: str) -> list[str]:
    return [f'<span class="rsp-note">说明 <span class="rsp-en">Note</span></span> {prose(s)}', ""]


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


def html_table(
    head: str, rows: Iterable[Iterable[str]], right: Iterable[int] = (), searched: bool = True
) -> str:
    """A table as raw HTML on one line: Python-Markdown passes it through untouched (a Markdown
    table's every cell went through its inline patterns, most of the time of a large site's
    build). `head` is a :func:`head_row`; cells are HTML (``literal`` text is HTML too)."""
    heads = [c.strip() for c in head.strip().strip("|").split(" | ")]
    aligned = set(right)
    cell = ['<td style="text-align: right;">' if i in aligned else "<td>" for i in range(len(heads))]
    th = "".join(
        f'<th style="text-align: right;">{h}</th>' if i in aligned else f"<th>{h}</th>"
        for i, h in enumerate(heads)
    )
    body = "".join(
        "<tr>" + "".join(f"{cell[i]}{c}</td>" for i, c in enumerate(row)) + "</tr>" for row in rows
    )
    # a table whose every row is on another page too (a duty's in its regulation's text) is left
    # out of the search index: a nationwide site's index would hold each duty several times
    attr = "" if searched else " data-search-exclude"
    return f"<table{attr}><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def nested_list(items: Iterable[tuple[int, str]], searched: bool = True) -> str:
    """(depth, HTML) items, depth first, as nested raw HTML lists on one line (left out of the
    search index unless `searched`, as html_table)."""
    out: list[str] = []
    depth = -1
    for d, item in items:
        if d > depth:
            out.append("<ul>" * (d - depth))
        else:
            out.append("</li>" + "</ul></li>" * (depth - d))
        out.append(f"<li>{item}")
        depth = d
    if depth >= 0:
        out.append("</li>" + "</ul></li>" * depth + "</ul>")
    # on a wrapping block: Material's search parser fails on an excluded list holding a list
    return "".join(out) if searched or not out else f"<div data-search-exclude>{''.join(out)}</div>"


def anchor(provision_id: str, duty_id: str | None = None) -> str:
    """HTML id of a provision or a duty on its regulation's page (eIds never contain '--')."""
    return provision_id if duty_id is None else f"{provision_id}--{duty_id}"


# --- the pages ----------------------------------------------------------------------------------

# Chinese first: an English gloss is smaller, and in headings and table headers it is a second
# line. Tables fit the page and wrap instead of scrolling sideways; on a phone each row of a
# generated table (marked by .rsp-t in its first header cell) is a card, cell under cell, and the
# 责任清单's cells are named. On a phone a chain is shown as a list instead of its diagram.
STYLESHEET = """\
.rsp-en { color: var(--md-default-fg-color--light); font-size: 0.85em; }
.md-typeset :is(h1, h2, h3, h4, h5, h6) .rsp-en { font-size: 0.6em; font-weight: 400; }
.md-typeset :is(h1, h2, h3, h4, h5, h6, th) .rsp-en::before { content: "\\A"; white-space: pre; }
.md-typeset th .rsp-en { font-weight: 400; }
.rsp-diff { color: var(--md-accent-fg-color); font-weight: 700; }
.rsp-missing { color: #c62828; font-weight: 700; }
.rsp-note { font-weight: 700; }
.rsp-note .rsp-en { font-weight: 400; }
blockquote.rsp-text { white-space: normal; }
.md-typeset table:not([class]):has(.rsp-t) { display: table; width: 100%; table-layout: auto; }
.md-typeset table:not([class]):has(.rsp-t) :is(td, th) {
  white-space: normal; overflow-wrap: anywhere; word-break: normal; padding: 0.5em 0.6em; min-width: 0;
}
.md-typeset table:not([class]):has(.rsp-t) th { word-break: keep-all; overflow-wrap: normal; }
.md-typeset table:not([class]):has(.rsp-facts) thead { display: none; }
.md-typeset table:not([class]):has(.rsp-facts) td:first-child { width: 9em; }
.md-typeset table:not([class]):has(.rsp-list) td:nth-child(4) { min-width: 10em; }
.md-typeset .md-typeset__table:has(.rsp-t) { display: block; }
.md-typeset .md-typeset__scrollwrap:has(.rsp-t) { overflow-x: visible; margin: 1em 0; }
.md-typeset ul.rsp-chain-list { display: none; }
@media screen and (max-width: 44.9375em) {
  .md-typeset table:not([class]):has(.rsp-t) thead { display: none; }
  .md-typeset table:not([class]):has(.rsp-t) :is(tbody, tr, td) { display: block; width: auto; }
  .md-typeset table:not([class]):has(.rsp-t) tr {
    border-top: 0.05rem solid var(--md-typeset-table-color); padding: 0.4em 0;
  }
  .md-typeset table:not([class]):has(.rsp-t) td { border: none; padding: 0.1em 0.6em; }
  .md-typeset table:not([class]):has(.rsp-t) td:first-child { font-weight: 700; }
  .md-typeset table:not([class]):has(.rsp-t) td { text-align: left !important; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(1)::before { content: "序号 "; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(2)::before { content: "责任主体："; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(3)::before { content: "责任类型："; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(4)::before { content: "任务内容："; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(5)::before { content: "频次："; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(6)::before { content: "报送/签署对象："; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(7)::before { content: "需形成材料："; }
  .md-typeset table:not([class]):has(.rsp-list) td:nth-child(8)::before { content: "依据："; }
  .md-typeset table:not([class]):has(.rsp-list) td::before { color: var(--md-default-fg-color--light); }
  .md-typeset .mermaid:has(+ .rsp-chain-list) { display: none; }
  .md-typeset ul.rsp-chain-list { display: block; }
}
"""


# Pages stay bounded however many regulations are loaded: a 责任清单 longer than PAGE_ROWS rows
# is split into parts of whole regulations (a county government's list across a thousand county
# rules would otherwise be one page of 26,000 rows), a topic lists its duties one by one up to
# PAGE_ROWS and otherwise counts them per regulation, and beyond HOME_REGULATIONS regulations the
# home page shows the central and provincial ones (the index lists them all).
PAGE_ROWS = 300
HOME_REGULATIONS = 60


@dataclass(frozen=True)
class ListPart:
    """One page's share of an actor's 责任清单: the page, its XLSX, and its rows by regulation."""

    page: str
    xlsx: str
    sheets: dict[str, list[Row]]


def split_sheets(sheets: dict[str, list[Row]], limit: int = PAGE_ROWS) -> list[dict[str, list[Row]]]:
    """Whole regulations packed in order into parts of at most `limit` rows (a regulation longer
    than `limit` is a part of its own)."""
    parts: list[dict[str, list[Row]]] = []
    size = limit + 1
    for reg_id, rows in sheets.items():
        if size + len(rows) > limit:
            parts.append({})
            size = 0
        parts[-1][reg_id] = rows
        size += len(rows)
    return parts


def head_row(cells: Iterable[tuple[str, str]], kind: str = "rsp-t") -> str:
    """A generated table's header row, Chinese over English; the first cell carries the marker
    class the stylesheet lays the table out by (``rsp-t``; ``rsp-list`` for the 责任清单)."""
    shown = [label(c) for c in cells]
    classes = "rsp-t" if kind == "rsp-t" else f"rsp-t {kind}"
    shown[0] = f'<span class="{classes}"></span>{shown[0]}'
    return "| " + " | ".join(shown) + " |"


class SitePages:
    """Renders every page of a policy set; built once, with its cross-reference indexes."""

    def __init__(
        self, ps: PolicySet, prefix: str = "policies", xlsx: Iterable[str] = (), directory_urls: bool = True
    ) -> None:
        self.ps = ps
        self.paths = Paths(prefix)
        self.directory_urls = directory_urls  # how MkDocs makes URLs: links in raw HTML need them
        self._raw = False  # whether links are being written into a raw HTML block
        self.xlsx = frozenset(xlsx)  # actors with a 责任清单 XLSX beside their page
        self.citations: dict[str, dict[str, str]] = {}
        self._rows: dict[str, dict[str, list[Row]]] = {}
        self._fillers: dict[str, list[str]] = defaultdict(list)
        for a in ps.actors.values():
            if a.role and a.kind == ActorKind.concrete:
                self._fillers[a.role].append(a.id)
        self.implemented_by: dict[str, list[str]] = defaultdict(list)
        self.reg_children: dict[str, list[str]] = defaultdict(list)
        for entry in ps.all_duties():
            for parent in entry.duty.implements:
                self.implemented_by[parent].append(entry.ref)
        for reg in ps.regulations.values():
            for parent_id in reg.implements:
                self.reg_children[parent_id].append(reg.id)
        # Indexes built once: every page would otherwise scan the whole policy set.
        self.by_regulation: dict[str, list[DutyEntry]] = defaultdict(list)
        self.by_topic: dict[str, list[DutyEntry]] = defaultdict(list)
        by_owner: dict[str, list[DutyEntry]] = defaultdict(list)
        for entry in ps.all_duties():
            self.by_regulation[entry.regulation.id].append(entry)
            for t in entry.duty.topics:
                self.by_topic[t].append(entry)
            for owner in {o.actor for o in entry.duty.owners}:
                by_owner[owner].append(entry)
        self.provision_count = {r: sum(1 for _ in provision_paths(reg)) for r, reg in ps.regulations.items()}
        composites: dict[str, set[str]] = defaultdict(set)
        for composite in ps.actors.values():
            if composite.kind == ActorKind.composite:
                for m in composite.members:
                    composites[m].add(composite.id)
        self.owning: dict[str, set[str]] = {a: {a} | composites[a] for a in ps.actors}
        order = {id(e): n for n, e in enumerate(ps.all_duties())}
        self.by_actor: dict[str, list[DutyEntry]] = {}
        for actor_id, ids in self.owning.items():
            seen: dict[int, DutyEntry] = {}
            for i in ids:
                for e in by_owner.get(i, []):
                    seen[id(e)] = e
            self.by_actor[actor_id] = sorted(seen.values(), key=lambda e: order[id(e)])

    # -- small renderers -----------------------------------------------------------------------
    def link(self, page: str, target: str, shown: str, frag: str = "") -> str:
        """A link from `page` to the file `target` (paths below docs_dir), at `frag`: Markdown,
        or inside a raw HTML block (see :meth:`raw`) an ``<a>`` with the URL MkDocs would write."""
        if self._raw:
            url = href(page, target, self.directory_urls) + (f"#{frag}" if frag else "")
            return f'<a href="{html_text(url)}">{shown}</a>'
        return f"[{shown}]({rel(page, target)}{'#' + frag if frag else ''})"

    @contextlib.contextmanager
    def raw(self) -> Iterator[None]:
        """Links made inside are HTML: the block being written is raw HTML."""
        was, self._raw = self._raw, True
        try:
            yield
        finally:
            self._raw = was

    def actor_name(self, actor_id: str) -> str:
        actor = self.ps.actors.get(actor_id)
        return literal(actor_id) if actor is None else text(actor.name)

    def actor_link(self, page: str, actor_id: str, as_named: str | None = None) -> str:
        actor = self.ps.actors.get(actor_id)
        if actor is None:
            return literal(actor_id)
        shown = gloss(as_named, actor.name.en) if as_named else text(actor.name)
        return self.link(page, self.paths.actor(actor_id), shown)

    def regulation_link(self, page: str, reg_id: str) -> str:
        reg = self.ps.regulations[reg_id]
        return self.link(page, self.paths.regulation(reg_id), text(reg.title))

    def citation(self, entry: DutyEntry) -> str:
        """《title》第N条, the way an official cites a duty's basis."""
        prov = entry.citation or entry.provision.label or entry.provision.id
        return f"{literal('《' + entry.regulation.title.zh + '》')}{literal(prov)}"

    def duty_link(self, page: str, ref: str) -> str:
        if not self.ps.has_duty(ref):
            return f"{literal(ref)}（未载入 not in the loaded policies）"
        e = self.ps.duty_entry(ref)
        shown = f"{self.citation(e)} · {literal(e.duty.summary.zh)}"
        return self.link(
            page, self.paths.regulation(e.regulation.id), shown, anchor(e.provision.id, e.duty.id)
        )

    def owners(self, page: str, duty: Duty) -> str:
        return "；".join(
            f"{self.actor_link(page, o.actor, o.zh)}（{zh(RESPONSIBILITY_LABEL[o.responsibility])}）"
            for o in duty.owners
        )

    def counterparties(self, page: str, duty: Duty) -> str:
        return "；".join(
            f"{zh(ROLE_LABEL[c.role])} {self.actor_link(page, c.actor, c.zh)}" for c in duty.counterparties
        )

    def artefacts(self, duty: Duty) -> str:
        names = []
        for a in duty.artefacts:
            kind = self.ps.artefact_kinds.get(a)
            names.append(text(kind.name) if kind else literal(a))
        return "；".join(names)

    def topic_links(self, page: str, duty: Duty) -> str:
        out = []
        for t in duty.topics:
            topic = self.ps.topics.get(t)
            shown = text(topic.name) if topic else literal(t)
            out.append(self.link(page, self.paths.topic(t), shown) if topic else shown)
        return "；".join(out)

    # -- pages ---------------------------------------------------------------------------------
    def build(self) -> dict[str, str]:
        return dict(sorted(self.pages()))

    def pages(self) -> Iterator[tuple[str, str]]:
        """Every page as (path, markdown), one at a time (the plugin writes each as it comes)."""
        yield self.paths.home(), self.home()
        yield self.paths.regulations(), self.regulations_index()
        for reg in self.ps.regulations.values():
            yield self.paths.regulation(reg.id), self.regulation(reg)
        yield self.paths.actors(), self.actors_index()
        for actor in self.ps.actors.values():
            yield self.paths.actor(actor.id), self.actor(actor)
            parts = self.list_parts(actor.id)
            if len(parts) > 1:
                for n, part in enumerate(parts, 1):
                    yield part.page, self.actor_part(actor, parts, n)
        yield self.paths.topics(), self.topics_index()
        for topic_id in self.ps.topics:
            yield self.paths.topic(topic_id), self.topic(topic_id)
        yield self.paths.central_duties(), self.central_duties_index()
        for entry in self.central_duties():
            yield self.paths.duty(entry.ref), self.central_duty(entry)

    def home(self) -> str:
        page = self.paths.home()
        lines = [
            # no front matter: the home page's title is the site's name
            f"# {gloss('脱贫攻坚责任制', 'Who is responsible for what')}",
            "",
            "脱贫攻坚责任制的各项规定，逐条列出：每个责任主体要做什么、依据哪一条、向谁负责。",
            "",
            '<span lang="en" class="rsp-en">The regulations of the poverty alleviation '
            "responsibility system, article by article: for every body, what it must do, under "
            "which article, and to whom it answers.</span>",
            "",
            f"[{label(('规定', 'Regulations'))}]({rel(page, self.paths.regulations())}) · "
            f"[{label(('责任主体', 'Actors'))}]({rel(page, self.paths.actors())}) · "
            f"[{label(('领域', 'Topics'))}]({rel(page, self.paths.topics())}) · "
            f"[{label(('中央职责的地方落实', 'Central duties'))}]({rel(page, self.paths.central_duties())})",
            "",
            f"## {label(('规定', 'Regulations'))}",
            "",
        ]
        regs = self.home_regulations()
        if len(regs) < len(self.ps.regulations):
            lines += [
                f"共 {len(self.ps.regulations)} 项规定；下面是中央和省级的 {len(regs)} 项，"
                f"[全部规定]({rel(page, self.paths.regulations())})列出其余各项。",
                "",
            ]
        lines += self.regulation_table(page, regs)
        shown = {r.id for r in regs}
        edges = [(r.id, p) for r in regs for p in r.implements if p in shown or p not in self.ps.regulations]
        if edges:
            lines += ["", f"## {label(('上下级关系', 'How they implement one another'))}", ""]
            lines += ["```mermaid", "graph BT"]
            for reg in regs:
                lines.append(f'  {_node(reg.id)}["{mermaid_text(reg.title.zh)}"]')
            lines += [
                f'  {_node(child)} -->|"{mermaid_text("实施")}"| {_node(parent)}' for child, parent in edges
            ]
            lines += ["```"]
        lines += [
            "",
            f"## {label(('各级职责数', 'Duties per level'))}",
            "",
            *self.duties_per_level(page, regs),
        ]
        return "\n".join(lines) + "\n"

    def home_regulations(self) -> list[Regulation]:
        """The regulations the home page shows: all of them, or beyond HOME_REGULATIONS the
        central and provincial ones."""
        regs = list(self.ps.regulations.values())
        if len(regs) <= HOME_REGULATIONS:
            return regs
        return [r for r in regs if r.level in (Level.central, Level.province)]

    def regulation_table(self, page: str, regs: Iterable[Regulation] | None = None) -> list[str]:
        heads = [
            ("规定", "Regulation"),
            ("层级", "Level"),
            ("地区", "Jurisdiction"),
            ("状态", "Status"),
            ("条款", "Articles"),
            ("职责", "Duties"),
            ("实施", "Implements"),
        ]
        rows = [head_row(heads), "|---|---|---|---|---:|---:|---|"]
        for reg in self.ps.regulations.values() if regs is None else regs:
            n_prov = self.provision_count[reg.id]
            n_duty = len(self.by_regulation[reg.id])
            parents = "、".join(
                self.regulation_link(page, p) for p in reg.implements if p in self.ps.regulations
            )
            rows.append(
                f"| {self.regulation_link(page, reg.id)} | {zh(LEVEL_LABEL[reg.level])} | "
                f"{self.place_name(reg.jurisdiction)} | {zh(REGULATION_STATUS_LABEL[reg.status])} | "
                f"{n_prov} | {n_duty} | {parents or '—'} |"
            )
        return rows

    def place_name(self, place_id: str) -> str:
        place = self.ps.places.get(place_id)
        return text(place.name) if place else literal(place_id)

    def duties_per_level(self, page: str, regs: list[Regulation]) -> list[str]:
        levels = [lv for lv in Level]
        counts: dict[str, dict[Level, int]] = {r.id: defaultdict(int) for r in regs}
        for r in regs:
            for e in self.by_regulation[r.id]:
                for lv in duty_levels(self.ps, e.duty):
                    counts[r.id][lv] += 1
        used = [lv for lv in levels if any(c[lv] for c in counts.values())]
        if not used:
            return ["尚未编码任何职责。"]
        rows = [
            head_row([("规定", "Regulation"), *(LEVEL_LABEL[lv] for lv in used)]),
            "|---|" + "---:|" * len(used),
        ]
        for reg_id, by_level in counts.items():
            rows.append(
                f"| {self.regulation_link(page, reg_id)} | "
                + " | ".join(str(by_level[lv]) if by_level[lv] else "·" for lv in used)
                + " |"
            )
        rows += ["", "两级主体共同承担的职责，两级各计一次。"]
        return rows

    def regulations_index(self) -> str:
        page = self.paths.regulations()
        return "\n".join([*page_head("规定", "Regulations"), *self.regulation_table(page)]) + "\n"

    def regulation(self, reg: Regulation) -> str:
        page = self.paths.regulation(reg.id)
        lines = page_head(reg.title)
        meta: list[tuple[tuple[str, str], str]] = []
        if reg.document_number:
            meta.append((("文号", "Document number"), literal(reg.document_number)))
        if reg.issuers:
            meta.append((("印发", "Issued by"), "、".join(self.actor_link(page, a) for a in reg.issuers)))
        if reg.issued:
            meta.append((("印发日期", "Issued"), reg.issued.isoformat()))
        if reg.effective or reg.effective_note:
            eff = reg.effective.isoformat() if reg.effective else ""
            note = f" ({prose(reg.effective_note)})" if reg.effective_note else ""
            meta.append((("施行", "In force"), eff + note))
        meta.append((("层级", "Level"), label(LEVEL_LABEL[reg.level])))
        meta.append((("地区", "Jurisdiction"), self.place_name(reg.jurisdiction)))
        meta.append((("状态", "Status"), label(REGULATION_STATUS_LABEL[reg.status])))
        if reg.implements:
            meta.append((("实施", "Implements"), "、".join(self._reg_ref(page, p) for p in reg.implements)))
        children = self.reg_children.get(reg.id, [])
        if children:
            meta.append(
                (("下级实施", "Implemented by"), "、".join(self.regulation_link(page, c) for c in children))
            )
        if reg.scope:
            meta.append((("适用范围", "Scope"), text(reg.scope.text)))
        lines += [
            '| <span class="rsp-t rsp-facts"></span> | |',
            "|---|---|",
            *[f"| {label(k)} | {v} |" for k, v in meta],
            "",
        ]
        if reg.heading:
            lines += [
                f"> {literal(h)}" + ("<br>" if i < len(reg.heading) - 1 else "")
                for i, h in enumerate(reg.heading)
            ]
            lines.append("")
        if reg.note:
            lines += note_line(self.readable(reg.note, reg.id))
        for parent in reg.implements:
            if parent in self.ps.regulations:
                lines += self.relative_section(page, reg, parent)
        if reg.not_implemented:
            lines += [f"## {label(('未实施的上级职责', 'Parent duties not implemented'))}", ""]
            for ni in reg.not_implemented:
                lines.append(f"- {self.duty_link(page, ni.duty)} — {prose(self.readable(ni.reason, reg.id))}")
            lines.append("")
        lines += [f"## {label(('正文', 'Text'))}", ""]
        for prov in reg.provisions:
            lines += self.provision_block(page, reg, prov.id, 3)
        for div in reg.divisions:
            lines += self.division_block(page, reg, div, 3)
        return "\n".join(lines) + "\n"

    def division_block(self, page: str, reg: Regulation, div: Division, depth: int) -> list[str]:
        """A division under its heading as printed (一、明确责任, 第二章 省级责任), then its
        provisions and subdivisions one heading level down (Markdown stops at six)."""
        # 一、明确责任 and (一)县抓落实 as printed; 第一章 总则 with the space the texts print
        sep = "" if not div.label or div.label[-1] in "、)）" else " "
        head = literal((div.label or "") + sep + div.title.zh)
        if div.title.en:
            head += f' <span class="rsp-en">{literal(div.title.en)}</span>'
        lines = [f"{'#' * depth} {head} {{ #{div.id} }}", ""]
        inner = min(depth + 1, 6)
        for prov in div.provisions:
            lines += self.provision_block(page, reg, prov.id, inner)
        for sub in div.divisions:
            lines += self.division_block(page, reg, sub, inner)
        return lines

    def relative_section(self, page: str, reg: Regulation, parent: str) -> list[str]:
        """What the regulation adds, leaves out and reassigns relative to a parent, in words:
        local additions, parent duties addressed to its level that it neither carries out nor
        declines (missing) or declines (not implemented), and carried-out duties whose owner,
        kind of responsibility, modality, frequency or artefacts differ (queries.compare). A
        duty under several topics is one change: each is listed, and counted, once."""
        from responsibility.graph.queries import TraceStatus, compare

        lines = [
            f"## {label(('相对上级规定的变化', 'Relative to the parent regulation'))}",
            "",
            f"上级规定：{self.regulation_link(page, parent)}",
            "",
        ]
        added = [e for e in self.by_regulation[reg.id] if e.duty.local_addition]
        status: dict[TraceStatus, list[str]] = {s: [] for s in TraceStatus}
        # each parent duty's status in this regulation, as trace() reports it for this one
        # regulation (tracing the whole tree of every parent duty grew with the corpus)
        for e in self.by_regulation[parent]:
            status[parent_status(self.ps, e, reg).status].append(e.ref)
        excerpt = is_excerpt(reg)
        if excerpt:
            cites = citations(reg)
            received = "、".join(cites.get(p, p) for p in (reg.coverage.received if reg.coverage else []))
            lines += [
                f"本规定为节选，仅收录{literal(received)}。上级职责未见于收录条款的，记为“未收录”，"
                "不记为缺失。",
                "",
            ]
        changed = distinct_changes(c for t in compare(self.ps, parent, reg.id).topics for c in t.changed)
        rows: list[tuple[tuple[str, str], int]] = [
            (("已落实的上级职责", "parent duties carried out"), len(status[TraceStatus.implemented])),
            (("说明未实施", "declined with a reason"), len(status[TraceStatus.not_implemented])),
            (("缺失（适用于本级，既未落实也未说明）", "missing"), len(status[TraceStatus.missing])),
        ]
        if excerpt:
            rows.append((("未收录", "not in the received text"), len(status[TraceStatus.not_assessed])))
        rows += [
            (("地方新增", "local additions"), len(added)),
            (("落实但有变化（主体、类型、约束力、频次或材料）", "carried out with changes"), len(changed)),
        ]
        lines += [head_row([("项目", "Item"), ("职责数", "Duties")]), "|---|---:|"]
        lines += [f"| {label(k)} | {n} |" for k, n in rows]
        lines.append("")
        if status[TraceStatus.missing]:
            lines += [f"**{label(('缺失', 'Missing'))}**", ""]
            lines += [f"- {self.duty_link(page, ref)}" for ref in status[TraceStatus.missing]]
            lines.append("")
        if status[TraceStatus.not_assessed]:
            lines += [f"**{label(('未收录', 'Not in the received text'))}**", ""]
            lines += [f"- {self.duty_link(page, ref)}" for ref in status[TraceStatus.not_assessed]]
            lines.append("")
        if changed:
            lines += [f"**{label(('有变化', 'Changed'))}**", ""]
            for c in changed:
                what = "；".join(self.field_change(f) for f in c.changes)
                lines.append(f"- {self.duty_link(page, c.a.id)} → {self.duty_link(page, c.b.id)}：{what}")
            lines.append("")
        if added:
            lines += [f"**{label(('地方新增', 'Local additions'))}**", ""]
            for e in added:
                topics = "、".join(
                    literal(self.ps.topics[t].name.zh) if t in self.ps.topics else literal(t)
                    for t in e.duty.topics
                )
                lines.append(f"- {self.duty_link(page, e.ref)}" + (f"（{topics}）" if topics else ""))
            lines.append("")
        return lines

    def field_change(self, f: FieldChange) -> str:
        """One changed field in words: 责任主体由 县级党委、县级政府 改为 县委 (queries.compare gives
        ids and enum values; this only names them)."""
        return (
            f"{literal(FIELD_LABEL.get(f.field, (f.field, f.field))[0])}由"
            f"{self.field_value(f.field, f.a)}改为{self.field_value(f.field, f.b)}"
        )

    def field_value(self, field: str, value: str) -> str:
        parts = [v for v in value.split(", ") if v and v != "-"]
        if not parts:
            return "“未规定”" if field == "frequency" else "“无”"
        names: list[str] = []
        for v in parts:
            if field == "owners" and v in self.ps.actors:
                names.append(self.ps.actors[v].name.zh)
            elif field == "responsibility" and v in Responsibility.__members__.values():
                names.append(RESPONSIBILITY_LABEL[Responsibility(v)][0])
            elif field == "modality" and v in Modality.__members__.values():
                names.append(MODALITY_LABEL[Modality(v)][0])
            elif field == "frequency" and v in Frequency.__members__.values():
                names.append(FREQUENCY_LABEL[Frequency(v)][0])
            elif field == "artefacts" and v in self.ps.artefact_kinds:
                names.append(self.ps.artefact_kinds[v].name.zh)
            else:
                names.append(v)
        return "“" + literal("、".join(names)) + "”"

    def _reg_ref(self, page: str, reg_id: str) -> str:
        if reg_id in self.ps.regulations:
            return self.regulation_link(page, reg_id)
        return literal(reg_id)

    def provision_block(self, page: str, reg: Regulation, provision_id: str, depth: int = 3) -> list[str]:
        """A provision under its label as printed (第九条, 1、); an unlabelled one under how it is
        cited (序言, 第2段), or, as the body of a division, under the division's own heading."""
        prov = self.ps.provision(reg.id, provision_id)
        title = prov.label or self.citation_of(reg, prov.id)
        if prov.label is None and title and not _UNLABELLED.fullmatch(title):
            # the body of a division (三、…): the division's heading is its heading
            lines = [f'<a id="{anchor(prov.id)}"></a>', "", f"> {literal(prov.text)}", ""]
        else:
            shown = literal(title)
            if prov.label_inferred:
                shown += ' <span class="rsp-en">(推定编号 label inferred)</span>'
            lines = [f"{'#' * depth} {shown} {{ #{anchor(prov.id)} }}", "", f"> {literal(prov.text)}", ""]
        if prov.note:
            lines += note_line(self.readable(prov.note, reg.id))
        if not prov.duties:
            reason = prose(self.readable(prov.no_duty_reason, reg.id)) if prov.no_duty_reason else "未说明"
            lines += [
                f'<span class="rsp-note">{label(("本条不设职责", "Assigns no duty"))}</span> {reason}',
                "",
            ]
        for duty in prov.duties:
            lines += self.duty_block(page, reg, prov.id, duty)
        return lines

    def readable(self, note: str, reg_id: str | None = None) -> str:
        """An encoder's note with the ids it mentions (art_24/direct-exit, central/art_9/overall)
        named as a reader cites them: 第二十四条, 《脱贫攻坚责任制实施办法》第九条. An id that names
        no provision of a loaded regulation is left as written."""

        def name(m: re.Match[str]) -> str:
            reg = self.ps.regulations.get(m["reg"] or reg_id or "")
            cite = self.citation_of(reg, m["prov"]) if reg is not None else ""
            para = re.fullmatch(r"para_(\d+)", m["prov"])
            if reg is not None and not cite and para:
                cite = f"第{para.group(1)}段"  # an unencoded paragraph, cited as citations() would
            if reg is None or not cite:
                return m.group(0)
            return cite if reg.id == reg_id else f"《{reg.title.zh}》{cite}"

        return _CODE_IN_NOTE.sub(lambda m: self.named(m.group(1), reg_id), _ID_IN_NOTE.sub(name, note))

    def named(self, token: str, reg_id: str | None) -> str:
        """A `token` an encoder quoted in a note, named for a reader: a regulation by its title,
        a body, artefact kind or duty by its Chinese name, a field or value by its label."""
        key, _, value = token.partition(":")
        if value.strip():  # `implements: [central]`: the field, then what it holds
            inner = [self.named(v.strip(), reg_id) for v in value.strip(" []").split(",") if v.strip()]
            return f"{self.named(key, reg_id)}：{'、'.join(inner)}"
        if token in self.ps.regulations:
            return f"《{self.ps.regulations[token].title.zh}》"
        if token in self.ps.actors:
            return self.ps.actors[token].name.zh
        if token in self.ps.artefact_kinds:
            return f"「{self.ps.artefact_kinds[token].name.zh}」"
        if token in SCHEMA_FIELD_LABEL:
            return f"「{SCHEMA_FIELD_LABEL[token]}」"
        for enum, table in _VALUE_LABELS:
            if token in {m.value for m in enum}:
                return f"「{table[enum(token)][0]}」"
        duty = next((e for e in self.by_regulation.get(reg_id or "", []) if e.duty.id == token), None)
        # anything else is shown as the encoder wrote it, quotes and all
        return f"「{duty.duty.summary.zh}」" if duty is not None else f"`{token}`"

    def citation_of(self, reg: Regulation, provision_id: str) -> str:
        cites = self.citations.get(reg.id)
        if cites is None:
            cites = self.citations[reg.id] = citations(reg)
        return cites.get(provision_id, "")

    def duty_block(self, page: str, reg: Regulation, provision_id: str, duty: Duty) -> list[str]:
        """A duty as raw HTML: its summary, then its fields as a list (see html_table for why)."""
        with self.raw():
            return self._duty_block(page, reg, provision_id, duty)

    def _duty_block(self, page: str, reg: Regulation, provision_id: str, duty: Duty) -> list[str]:
        ref = f"{reg.id}/{provision_id}/{duty.id}"
        head = f'<p><a id="{anchor(provision_id, duty.id)}"></a><strong>{literal(duty.summary.zh)}</strong>'
        if duty.summary.en:
            head += f' <span class="rsp-en">{literal(duty.summary.en)}</span>'
        head += "</p>"
        items = [(("责任主体", "Owners"), self.owners(page, duty))]
        what = label(ACTION_LABEL[duty.action])
        if duty.object:
            what += f" — {text(duty.object)}"
        items.append((("行为", "Action"), what))
        items.append((("约束力", "Modality"), label(MODALITY_LABEL[duty.modality])))
        if duty.frequency:
            items.append((("频次", "Frequency"), label(FREQUENCY_LABEL[duty.frequency])))
        if duty.deadline:
            items.append((("时限", "Deadline"), literal(duty.deadline)))
        if duty.condition:
            items.append((("条件", "Condition"), text(duty.condition)))
        if duty.counterparties:
            items.append((("对象", "Counterparties"), self.counterparties(page, duty)))
        if duty.artefacts:
            items.append((("需形成材料", "Artefacts"), self.artefacts(duty)))
        if duty.topics:
            items.append((("领域", "Topics"), self.topic_links(page, duty)))
        if duty.implements:
            items.append(
                (("实施", "Implements"), "；".join(self.duty_link(page, p) for p in duty.implements))
            )
        if duty.local_addition:
            items.append((("地方新增", "Local addition"), "无对应的上级职责"))
        children = self.implemented_by.get(ref, [])
        if children:
            items.append(
                (("下级实施", "Implemented by"), "；".join(self.duty_link(page, c) for c in children))
            )
        if self.ps.regulations[reg.id].level == Level.central:
            items.append(
                (
                    ("各地落实", "Across localities"),
                    self.link(page, self.paths.duty(ref), "各地如何落实本职责"),
                )
            )
        items.append((("原文", "Quote"), f"「{literal(duty.quote)}」"))
        if duty.note:
            items.append((("说明", "Note"), prose(self.readable(duty.note, reg.id))))
        fields = "".join(f"<li>{label(k)}：{v}</li>" for k, v in items)
        return [head, "", f"<ul>{fields}</ul>", ""]

    # -- actors ----------------------------------------------------------------------------------
    def list_rows(self, actor_id: str) -> dict[str, list[Row]]:
        """The actor's 责任清单, one list per regulation: the rows its page shows and its XLSX
        holds (responsibility_list.actor_rows, computed once per actor)."""
        found = self._rows.get(actor_id)
        if found is None:
            found = self._rows[actor_id] = actor_rows(self.ps, actor_id)
        return found

    def list_parts(self, actor_id: str) -> list[ListPart]:
        """Where the actor's 责任清单 is shown: on its page, or, when longer than PAGE_ROWS rows,
        in parts of whole regulations on pages of their own, each with its XLSX."""
        sheets = self.list_rows(actor_id)
        if sum(len(r) for r in sheets.values()) <= PAGE_ROWS:
            return [ListPart(self.paths.actor(actor_id), self.paths.actor_xlsx(actor_id), sheets)]
        return [
            ListPart(self.paths.actor_part(actor_id, n), self.paths.actor_part_xlsx(actor_id, n), part)
            for n, part in enumerate(split_sheets(sheets, PAGE_ROWS), 1)
        ]

    def fillers(self, role_id: str) -> list[str]:
        """The concrete bodies that fill a role type (武邑县人民政府 for 县级政府)."""
        return self._fillers.get(role_id, [])

    def actors_index(self) -> str:
        page = self.paths.actors()
        lines = page_head("责任主体", "Actors")
        by_level: dict[Level, list[Actor]] = defaultdict(list)
        for a in self.ps.actors.values():
            by_level[a.level].append(a)
        for lv in Level:
            if not by_level[lv]:
                continue
            lines += [f"## {label(LEVEL_LABEL[lv])}", ""]
            lines += [head_row([("责任主体", "Actor"), ("类型", "Kind"), ("职责数", "Duties")])]
            lines += ["|---|---|---:|"]
            for a in by_level[lv]:
                n = sum(len(r) for r in self.list_rows(a.id).values())
                lines.append(f"| {self.actor_link(page, a.id)} | {zh(ACTOR_KIND_LABEL[a.kind])} | {n} |")
            lines.append("")
        return "\n".join(lines)

    def actor(self, actor: Actor) -> str:
        page = self.paths.actor(actor.id)
        sheets = self.list_rows(actor.id)
        entries = [self.ps.duty_entry(r.duty) for rows in sheets.values() for r in rows]
        lines = page_head(actor.name)
        facts = [
            (("层级", "Level"), label(LEVEL_LABEL[actor.level])),
            (("类型", "Kind"), label(ACTOR_KIND_LABEL[actor.kind])),
        ]
        if actor.part_of:
            facts.append((("隶属", "Part of"), self.actor_link(page, actor.part_of)))
        if actor.role:
            facts.append((("角色", "Role"), self.actor_link(page, actor.role)))
        if actor.place:
            facts.append((("地区", "Place"), self.place_name(actor.place)))
        if actor.members:
            facts.append((("组成", "Members"), "、".join(self.actor_link(page, m) for m in actor.members)))
        shared = sorted(self.owning[actor.id] - {actor.id})
        if shared:
            facts.append(
                (("共同承担", "Shares the duties of"), "、".join(self.actor_link(page, s) for s in shared))
            )
        lines += [
            '| <span class="rsp-t rsp-facts"></span> | |',
            "|---|---|",
            *[f"| {label(k)} | {v} |" for k, v in facts],
            "",
        ]
        if actor.note:
            lines += note_line(self.readable(actor.note))
        lines += ['## 责任清单 <span class="rsp-en">Responsibility list</span> { #list }', ""]
        parts = self.list_parts(actor.id)
        if len(parts) > 1:
            lines += self.list_contents(page, parts, len(entries))
        else:
            if actor.id in self.xlsx and entries:
                lines += [
                    f"[{label(('下载 XLSX', 'Download'))}]({rel(page, self.paths.actor_xlsx(actor.id))})",
                    "",
                ]
            lines += self.responsibility_list(page, actor, sheets)
        bodies = self.fillers(actor.id)
        if bodies:
            lines += self.fillers_section(page, bodies)
        lines += ['## 责任链 <span class="rsp-en">Chain of responsibility</span>', ""]
        lines += self.chain_section(actor.id)
        if entries:
            lines += ['## 按领域 <span class="rsp-en">By topic</span>', ""]
            if len(parts) > 1:
                lines += self.topic_counts(page, entries)
            else:
                lines += self.responsibilities_by_topic(page, entries)
        return "\n".join(lines)

    def list_contents(self, page: str, parts: list[ListPart], total: int) -> list[str]:
        """In place of a 责任清单 too long for one page: each regulation's count of rows, linked
        to the part that lists them."""
        lines = [
            f"本主体在 {sum(len(p.sheets) for p in parts)} 项规定中共有 {total} 项职责，"
            f"按规定分 {len(parts)} 页列出（每页附 XLSX）。",
            "",
            head_row([("规定", "Regulation"), ("职责数", "Duties"), ("页", "Page")]),
            "|---|---:|---:|",
        ]
        for n, part in enumerate(parts, 1):
            target = rel(page, part.page)
            for reg_id, rows in part.sheets.items():
                title = literal(self.ps.regulations[reg_id].title.zh)
                lines.append(f"| [{title}]({target}#{reg_id}) | {len(rows)} | [{n}]({target}) |")
        lines.append("")
        return lines

    def actor_part(self, actor: Actor, parts: list[ListPart], n: int) -> str:
        """One part of a long 责任清单: its regulations' tables and the XLSX of exactly them."""
        part = parts[n - 1]
        page = part.page
        # the rows are on the regulations' pages too: search finds them there, and the actor's
        # own page by its name
        lines = page_head(f"{actor.name.zh} 责任清单（第{n}/{len(parts)}页）", actor.name.en, searched=False)
        nav = [f"[{literal(actor.name.zh)}]({rel(page, self.paths.actor(actor.id))})"]
        if n > 1:
            nav.append(f"[上一页 Previous]({rel(page, parts[n - 2].page)})")
        if n < len(parts):
            nav.append(f"[下一页 Next]({rel(page, parts[n].page)})")
        lines += [" · ".join(nav), ""]
        if actor.id in self.xlsx:
            lines += [f"[{label(('下载 XLSX', 'Download'))}]({rel(page, part.xlsx)})", ""]
        lines += self.responsibility_list(page, actor, part.sheets, anchors=True)
        return "\n".join(lines)

    def topic_counts(self, page: str, entries: list[DutyEntry]) -> list[str]:
        """Duties per topic, linked to the topic's page (the rows themselves are in the parts)."""
        counts: dict[str, int] = defaultdict(int)
        for e in entries:
            for t in e.duty.topics or [""]:
                counts[t] += 1
        lines = [head_row([("领域", "Topic"), ("职责数", "Duties")]), "|---|---:|"]
        for t in [t for t in self.ps.topics if t in counts]:
            lines.append(
                f"| [{text(self.ps.topics[t].name)}]({rel(page, self.paths.topic(t))}) | {counts[t]} |"
            )
        for t in sorted(t for t in counts if t not in self.ps.topics):
            shown = label(("未归类", "Without a topic")) if t == "" else literal(t)
            lines.append(f"| {shown} | {counts[t]} |")
        return [*lines, ""]

    def fillers_section(self, page: str, bodies: list[str]) -> list[str]:
        lines = ['## 担任此角色的机构 <span class="rsp-en">Bodies in this role</span>', ""]
        if sum(len(self.by_actor.get(b, [])) for b in bodies) > PAGE_ROWS:
            # many bodies fill the role: each is linked with its count; its page lists its duties
            lines += [
                head_row([("机构", "Body"), ("以本机构名义规定的职责", "Its own duties")]),
                "|---|---:|",
            ]
            for b in bodies:
                name = literal(self.ps.actors[b].name.zh)
                lines.append(
                    f"| [{name}]({rel(page, self.paths.actor(b))}) | {len(self.by_actor.get(b, []))} |"
                )
            return [*lines, ""]
        for b in bodies:
            own = self.by_actor.get(b, [])
            target = rel(page, self.paths.actor(b))
            lines += [f"### [{literal(self.ps.actors[b].name.zh)}]({target})", ""]
            if not own:
                lines += ["在已载入的规定中，没有以本机构名义规定的职责。", ""]
                continue
            lines += [f"以本机构名义规定的职责 {len(own)} 项：", ""]
            lines += [f"- {self.duty_link(page, e.ref)}" for e in own]
            lines.append("")
        return lines

    def responsibilities_by_topic(self, page: str, entries: list[DutyEntry]) -> list[str]:
        groups: dict[str, list[DutyEntry]] = defaultdict(list)
        for e in entries:
            for t in e.duty.topics or [""]:
                groups[t].append(e)
        order = [t for t in self.ps.topics if t in groups] + sorted(
            t for t in groups if t not in self.ps.topics
        )
        lines: list[str] = []
        for t in order:
            topic = self.ps.topics.get(t)
            if t == "":
                title = label(("未归类", "Without a topic"))
            else:
                shown = text(topic.name) if topic else literal(t)
                title = f"[{shown}]({rel(page, self.paths.topic(t))})" if topic else shown
            lines += [f"### {title}", ""]
            heads = [
                ("规定", "Regulation"),
                ("条款", "Article"),
                ("职责", "Duty"),
                ("责任类型", "Kind"),
                ("频次", "Frequency"),
            ]
            table = []
            with self.raw():
                for e in sorted(groups[t], key=lambda x: (x.regulation.id, x.ref)):
                    reg_page = self.paths.regulation(e.regulation.id)
                    kinds = sorted({zh(RESPONSIBILITY_LABEL[o.responsibility]) for o in e.duty.owners})
                    freq = zh(FREQUENCY_LABEL[e.duty.frequency]) if e.duty.frequency else "—"
                    cite = literal(e.citation or e.provision.label or e.provision.id)
                    table.append(
                        [
                            self.link(page, reg_page, literal(e.regulation.title.zh)),
                            self.link(page, reg_page, cite, anchor(e.provision.id)),
                            self.link(
                                page, reg_page, literal(e.duty.summary.zh), anchor(e.provision.id, e.duty.id)
                            ),
                            "、".join(kinds),
                            freq,
                        ]
                    )
            lines += [html_table(head_row(heads), table, searched=False), ""]
        return lines

    def responsibility_list(
        self, page: str, actor: Actor, sheets: dict[str, list[Row]], anchors: bool = False
    ) -> list[str]:
        """The 责任清单: one table per regulation, exactly the rows (and order, and owners) of the
        XLSX beside the page, each basis linking to its duty in the text."""
        if not sheets:
            if self.fillers(actor.id):
                return ["本角色在已载入的规定中没有直接规定的职责；担任此角色的机构及其职责见下。", ""]
            return ["在已载入的规定中，本主体没有职责。", ""]
        head = head_row(HEADERS, "rsp-list")
        lines: list[str] = []
        for reg_id, rows in sheets.items():
            reg = self.ps.regulations[reg_id]
            if anchors:  # a part of a long list: each regulation's table is linked to
                lines += [f"### {self.regulation_link(page, reg_id)} {{ #{reg_id} }}", ""]
            elif len(sheets) > 1:
                lines += [f"### {self.regulation_link(page, reg_id)}", ""]
            table = []
            with self.raw():
                for r in rows:
                    e = self.ps.duty_entry(r.duty)
                    basis = self.link(
                        page,
                        self.paths.regulation(reg.id),
                        literal(r.basis),
                        anchor(e.provision.id, e.duty.id),
                    )
                    table.append([str(r.number), *(literal(str(c)) or "—" for c in r.cells()[1:-1]), basis])
            lines += [html_table(head, table, right=[0], searched=False), ""]
        return lines

    def chain_section(self, actor_id: str) -> list[str]:
        edges = chain_edges(self.ps, actor_id)
        if not edges:
            return ["本主体没有编码的责任链（没有职责写明向谁负责）。", ""]
        nodes = sorted({a for e in edges for a in (e[0], e[2])})
        # Two bodies joined by several relations get one arrow naming them all: parallel arrows
        # draw their labels on top of each other. Wide spacing keeps labels apart from nodes.
        joined: dict[tuple[str, str], list[str]] = defaultdict(list)
        for src, role, dst in edges:
            joined[(src, dst)].append(self.relation(role)[0])
        lines = [
            "```mermaid",
            '%%{init: {"flowchart": {"nodeSpacing": 50, "rankSpacing": 70, "padding": 12}}}%%',
            "graph BT",
        ]
        for n in nodes:
            lines.append(f'  {_node(n)}["{mermaid_text(self.chain_name(n))}"]')
        for (src, dst), rels in joined.items():
            lines.append(f'  {_node(src)} -->|"{mermaid_text("、".join(rels))}"| {_node(dst)}')
        lines.append(f"  class {_node(actor_id)} focus")
        lines.append("  classDef focus stroke-width:3px")
        lines += ["```", ""]
        # The same chain as a list, which phones show instead of the diagram (see STYLESHEET).
        items = "".join(
            f"<li>{html_text(self.chain_phrase(src, role, dst))}</li>" for src, role, dst in edges
        )
        lines += [f'<ul class="rsp-chain-list">{items}</ul>', ""]
        lines += [
            "箭头指向负责的对象：向其报告、与其签署责任书、接受其考核或监督；“隶属”把办公室连到其所属的领导小组。",
            "",
        ]
        return lines

    def chain_phrase(self, lower: str, role: str, upper: str) -> str:
        """One line of the chain in words: 县级政府接受市级党委和政府考核."""
        before, after = CHAIN_PHRASE.get(role, ("→", self.relation(role)[0]))
        return "".join((self.chain_name(lower), before, self.chain_name(upper), after))

    def chain_name(self, actor_id: str) -> str:
        actor = self.ps.actors.get(actor_id)
        return actor.name.zh if actor is not None else actor_id

    @staticmethod
    def relation(role: str) -> tuple[str, str]:
        return ROLE_LABEL[CounterpartyRole(role)] if role != "part-of" else ("隶属", "part of")

    # -- topics ----------------------------------------------------------------------------------
    def topics_index(self) -> str:
        page = self.paths.topics()
        lines = [
            *page_head("领域", "Topics"),
            head_row([("领域", "Topic"), ("职责数", "Duties")]),
            "|---|---:|",
        ]
        counts: dict[str, int] = defaultdict(int)
        for e in self.ps.all_duties():
            for t in e.duty.topics:
                counts[t] += 1
        for t, topic in self.ps.topics.items():
            lines.append(f"| [{text(topic.name)}]({rel(page, self.paths.topic(t))}) | {counts[t]} |")
        return "\n".join(lines) + "\n"

    def topic_owners(self, topic_id: str) -> dict[str, dict[Level, set[str]]]:
        """regulation → owner level → owner ids, for the duties of one topic."""
        out: dict[str, dict[Level, set[str]]] = defaultdict(lambda: defaultdict(set))
        for e in self.by_topic.get(topic_id, []):
            for o in e.duty.owners:
                actor = self.ps.actors.get(o.actor)
                if actor is not None:
                    out[e.regulation.id][actor.level].add(o.actor)
        return out

    def topic(self, topic_id: str) -> str:
        page = self.paths.topic(topic_id)
        topic = self.ps.topics[topic_id]
        lines = page_head(topic.name)
        if topic.note:
            lines += [prose(self.readable(topic.note)), ""]
        owners = self.topic_owners(topic_id)
        if not owners:
            return "\n".join([*lines, "已载入的规定中没有属于本领域的职责。", ""])
        levels = [lv for lv in Level if any(by.get(lv) for by in owners.values())]
        lines += [
            f"## {label(('各规定各层级的责任主体', 'Owners by regulation and level'))}",
            "",
            "每格列出该层级承担本领域职责的主体。标有 "
            '<span class="rsp-diff">≠</span> 的格子与其上级规定在同一层级不同：'
            "＋ 为新增的主体，− 为上级规定有而本规定未列的主体（只比较本规定所管辖的层级）。",
            "",
        ]
        with self.raw():  # the rows are a raw HTML table (see html_table)
            table = self.owner_rows(page, owners, levels)
        lines.append(
            html_table(
                head_row([("规定", "Regulation"), *(LEVEL_LABEL[lv] for lv in levels)]), table, searched=False
            )
        )
        lines += ["", f"## {label(('职责', 'Duties'))}", ""]
        entries = self.by_topic.get(topic_id, [])
        if len(entries) > PAGE_ROWS:
            # too many to list one by one: how many each regulation has, its page lists them
            per: dict[str, int] = defaultdict(int)
            for e in entries:
                per[e.regulation.id] += 1
            lines += [
                f"本领域共有职责 {len(entries)} 项，分属 {len(per)} 项规定；各规定页列出其职责。",
                "",
            ]
            with self.raw():
                table = [[self.regulation_link(page, r), str(n)] for r, n in per.items()]
            lines.append(
                html_table(
                    head_row([("规定", "Regulation"), ("职责数", "Duties")]), table, right=[1], searched=False
                )
            )
            return "\n".join(lines) + "\n"
        with self.raw():
            items = [(0, f"{self.duty_link(page, e.ref)} — {self.owners(page, e.duty)}") for e in entries]
        lines.append(nested_list(items, searched=False))
        return "\n".join(lines) + "\n"

    def owner_rows(
        self, page: str, owners: dict[str, dict[Level, set[str]]], levels: list[Level]
    ) -> list[list[str]]:
        """A topic's table: per regulation, each level's owners, marked where they differ from
        the parent regulation's."""
        table = []
        for reg_id in self.ps.regulations:
            if reg_id not in owners:
                continue
            reg = self.ps.regulations[reg_id]
            parent = next((p for p in reg.implements if p in owners or p in self.ps.regulations), None)
            cells = []
            for lv in levels:
                mine = owners[reg_id].get(lv, set())
                cell = "<br>".join(self.actor_link(page, a) for a in sorted(mine)) or "·"
                # a local rule is compared only at the levels it governs: a province does not
                # restate the central organs' duties, and their absence is no difference
                if parent is not None and lv in governed_levels(reg.level):
                    theirs = owners.get(parent, {}).get(lv, set())
                    # owners compare by the role they fill (武邑县人民政府 → county government)
                    mine_roles = {role_of(self.ps, a) for a in mine}
                    their_roles = {role_of(self.ps, a) for a in theirs}
                    if mine_roles != their_roles:
                        added = sorted(mine_roles - their_roles)
                        dropped = sorted(their_roles - mine_roles)
                        diff = ['<span class="rsp-diff">≠</span>']
                        diff += [f"＋{self.actor_name(a)}" for a in added]
                        diff += [f"−{self.actor_name(a)}" for a in dropped]
                        cell += "<br>" + " ".join(diff)
                cells.append(cell)
            table.append([self.regulation_link(page, reg_id), *cells])
        return table

    # -- central duties --------------------------------------------------------------------------
    def central_duties(self) -> list[DutyEntry]:
        return [e for e in self.ps.all_duties() if e.regulation.level == Level.central]

    def descendants(self, reg_id: str) -> list[str]:
        """Regulations that implement `reg_id`, directly or through another, in id order."""
        seen: set[str] = set()
        todo = [reg_id]
        while todo:
            for child in self.reg_children.get(todo.pop(), []):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return sorted(seen)

    def central_duties_index(self) -> str:
        page = self.paths.central_duties()
        lines = [
            *page_head("中央职责的地方落实", "Central duties across localities"),
            "中央规定的每项职责，各地规定如何落实，哪里没有落实。",
            "",
        ]
        entries = self.central_duties()
        if not entries:
            return "\n".join([*lines, "尚未编码中央职责。", ""])
        lines += [
            head_row([("职责", "Duty"), ("责任主体", "Owners"), ("下级落实职责数", "Implementing duties")]),
            "|---|---|---:|",
        ]
        for e in entries:
            n = len(self.implementation_tree(e.ref))
            lines.append(
                f"| [{self.citation(e)} · {literal(e.duty.summary.zh)}]({rel(page, self.paths.duty(e.ref))}) "
                f"| {self.owners(page, e.duty)} | {n} |"
            )
        return "\n".join(lines) + "\n"

    def implementation_tree(self, ref: str) -> list[tuple[int, str]]:
        """(depth, duty ref) of every duty implementing `ref`, depth first, each once."""
        out: list[tuple[int, str]] = []
        seen = {ref}

        def visit(r: str, depth: int) -> None:
            for child in sorted(self.implemented_by.get(r, [])):
                if child not in seen:
                    seen.add(child)
                    out.append((depth, child))
                    visit(child, depth + 1)

        visit(ref, 0)
        return out

    def central_duty(self, entry: DutyEntry) -> str:
        page = self.paths.duty(entry.ref)
        duty = entry.duty
        lines = [
            *page_head(duty.summary.zh),
            f"{text(duty.summary)} — {self.duty_link(page, entry.ref)}",
            "",
            f"> {literal(entry.provision.text)}",
            "",
            f"- {label(('责任主体', 'Owners'))}：{self.owners(page, duty)}",
            f"- {label(('原文', 'Quote'))}：「{literal(duty.quote)}」",
            "",
            f"## {label(('地方落实', 'Implementations'))}",
            "",
        ]
        tree = self.implementation_tree(entry.ref)
        if tree:
            with self.raw():
                items = []
                for depth, ref in tree:
                    child = self.ps.duty_entry(ref)
                    items.append(
                        (
                            depth,
                            f"{self.regulation_link(page, child.regulation.id)}: {self.duty_link(page, ref)}"
                            f" — {self.owners(page, child.duty)}",
                        )
                    )
            lines.append(nested_list(items, searched=False))
        else:
            lines.append("已载入的规定中没有落实本职责的地方职责。")
        lines += ["", f"## {label(('各地规定', 'By local regulation'))}", ""]
        locals_ = self.descendants(entry.regulation.id)
        if not locals_:
            return "\n".join([*lines, "已载入的规定中没有实施本规定的地方规定。", ""])
        table = []
        for reg_id in locals_:
            verdict = parent_status(self.ps, entry, self.ps.regulations[reg_id])
            if verdict.status == ParentStatus.implemented:
                status = label(STATUS_LABEL[ParentStatus.implemented])
            elif verdict.status == ParentStatus.not_implemented:
                reason = prose(self.readable(verdict.reason, reg_id))
                status = f"{label(STATUS_LABEL[ParentStatus.not_implemented])} — {reason}"
            elif verdict.status == ParentStatus.not_addressed:
                status = label(STATUS_LABEL[ParentStatus.not_addressed])
            elif verdict.status == ParentStatus.not_assessed:
                status = NOT_ASSESSED
            else:
                status = MISSING
            with self.raw():
                table.append([self.regulation_link(page, reg_id), status])
        lines.append(
            html_table(head_row([("规定", "Regulation"), ("状态", "Status")]), table, searched=False)
        )
        return "\n".join(lines) + "\n"


MISSING = (
    f'<span class="rsp-missing">{label(STATUS_LABEL[ParentStatus.missing])}</span>'
    "：没有职责落实它，也没有说明理由"
)
NOT_ASSESSED = f"{label(STATUS_LABEL[ParentStatus.not_assessed])}：本规定为节选，收录的条款没有落实它"


# A provision id, with its regulation and duty where given, as notes mention them.
_ID_IN_NOTE = re.compile(
    r"\b(?:(?P<reg>[a-z][a-z0-9-]*)/)?(?P<prov>(?:art|sec|chp|para)_[0-9a-z_]*[0-9a-z])"
    r"(?:/(?P<duty>[a-z0-9][a-z0-9-]*))?"
)

# A token an encoder quoted in a note: `issuers`, `central`, `implements: [central]`.
_CODE_IN_NOTE = re.compile(r"`([^`\n]+)`")

# How an unlabelled provision standing on its own is cited: 序言, 第2段 (policyset.citations).
_UNLABELLED = re.compile(r"序言|第\d+段")


_VALUE_LABELS: list[tuple[type[StrEnum], Mapping[Any, tuple[str, str]]]] = [
    (CounterpartyRole, ROLE_LABEL),
    (Responsibility, RESPONSIBILITY_LABEL),
    (Frequency, FREQUENCY_LABEL),
    (Modality, MODALITY_LABEL),
    (Action, ACTION_LABEL),
]


def distinct_changes(changes: Iterable[Change]) -> list[Change]:
    """Each changed pair of duties once, in the order first met (compare lists a pair under
    every topic either duty has)."""
    seen: dict[tuple[str, str], Change] = {}
    for c in changes:
        seen.setdefault((c.a.id, c.b.id), c)
    return list(seen.values())


def _node(ident: str) -> str:
    """A Mermaid node id from a slug (slugs are ASCII, so this is injective and inert)."""
    return "n_" + re.sub(r"[^a-z0-9]", lambda m: f"_{ord(m.group()):x}_", ident)


def chain_edges(ps: PolicySet, actor_id: str) -> list[tuple[str, str, str]]:
    """The actor's line of accountability as (lower, relation, upper) edges for a diagram.

    From :func:`responsibility.graph.queries.chain`: the whole upward line to the top, and the bodies
    that answer to this actor directly (one step down, so a county's diagram does not draw
    every village). `part_of` joins the actor to the body it belongs to.
    """
    found = chain(ps, actor_id)
    edges = {(k.lower, k.relation, k.upper) for k in found.upward}
    edges |= {(k.lower, k.relation, k.upper) for k in found.downward if k.depth == 1}
    actor = ps.actors.get(actor_id)
    if actor is not None and actor.part_of:
        edges.add((actor_id, "part-of", actor.part_of))
    return sorted(edges)


def build_pages(
    ps: PolicySet, prefix: str = "policies", xlsx: Iterable[str] = (), site: SitePages | None = None
) -> dict[str, str]:
    """Every policy page, ``{path below docs_dir: markdown}``, sorted by path. Deterministic.

    `site`, when given, is the renderer to use (the plugin passes the one whose 责任清单 rows it
    also wrote as XLSX, so the rows are computed once)."""
    if site is None:
        return SitePages(ps, prefix, xlsx).build()
    site.xlsx = frozenset(xlsx)
    return site.build()


def iter_pages(
    ps: PolicySet, prefix: str = "policies", xlsx: Iterable[str] = (), site: SitePages | None = None
) -> Iterator[tuple[str, str]]:
    """The pages of :func:`build_pages` one at a time, in the order they are made."""
    site = site if site is not None else SitePages(ps, prefix)
    site.xlsx = frozenset(xlsx)
    return site.pages()


XlsxWriter = Callable[[PolicySet, str], bytes]


def responsibility_list_writer() -> XlsxWriter | None:
    """The 责任清单 XLSX writer for one actor (always available: it needs no extra package)."""
    from responsibility.graph.responsibility_list import actor_xlsx

    return actor_xlsx


__all__ = [
    "Paths",
    "SitePages",
    "build_pages",
    "chain_edges",
    "html_text",
    "iter_pages",
    "literal",
    "mermaid_text",
    "page_head",
    "responsibility_list_writer",
]
