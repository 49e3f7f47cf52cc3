"""The browsable site's policy pages, as Markdown: pure functions from a policy set to files.

:func:`build_pages` returns ``{path: markdown}`` for the home page, one page per regulation,
actor, topic and central duty, and an index of each kind. It knows nothing of MkDocs (the plugin
in :mod:`responsibility.mkdocs_plugin` adds the pages to a build), so it is tested on its own.

Every piece of text taken from a policy file goes through the escaping helper of the context
it lands in: :func:`literal` in Markdown, :func:`mermaid_text` in a Mermaid label and
:func:`html_text` in the page title (front matter, :func:`page_head`). A provision that contains
``<script>``, HTML or Markdown syntax is shown as the characters it is made of, never interpreted.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import yaml

from .labels import FREQUENCY_LABEL, MODALITY_LABEL, RESPONSIBILITY_LABEL, ROLE_LABEL
from .model import (
    UPWARD_ROLES,
    Actor,
    ActorKind,
    CounterpartyRole,
    Duty,
    Level,
    Regulation,
    Text,
)
from .policyset import DutyEntry, PolicySet, provision_paths
from .queries import chain
from .semantics import STATUS_LABEL, ParentStatus, duty_levels, is_excerpt, parent_status, role_of

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


def page_head(title: Text | str) -> list[str]:
    """A page's first lines: YAML front matter giving its title, and the H1.

    Themes print a page's title as HTML: Material puts ``page.meta.title`` into ``<title>``, the
    header and the search index unescaped, and without it passes the title taken from the H1
    through Jinja's ``striptags``, which decodes character references (so an escaped
    ``</title><script>`` in the H1 became markup again). The title is therefore given as
    plain text escaped for HTML, written by the YAML emitter as one double-quoted line (so any
    character reads back unchanged and nothing can end the front matter early).
    """
    plain = title if isinstance(title, str) else " ".join(x for x in (title.zh, title.en) if x)
    shown = literal(title) if isinstance(title, str) else text(title)
    meta = yaml.safe_dump(
        {"title": html_text(plain)}, allow_unicode=True, default_style='"', width=float("inf")
    )
    return ["---", meta.rstrip("\n"), "---", "", f"# {shown}", ""]


# --- vocabulary ---------------------------------------------------------------------------------

LEVEL_LABEL: dict[Level, tuple[str, str]] = {
    Level.central: ("中央", "central"),
    Level.province: ("省级", "province"),
    Level.city: ("市级", "city"),
    Level.county: ("县级", "county"),
    Level.township: ("乡级", "township"),
    Level.village: ("村级", "village"),
    Level.all: ("各级", "all levels"),
    Level.society: ("社会", "society"),
}


def gloss(zh: str, en: str | None) -> str:
    """Chinese as it stands, with the English gloss beside it."""
    if not en:
        return literal(zh)
    return f'{literal(zh)} <span class="rsp-en">{literal(en)}</span>'


def text(t: Text | None) -> str:
    return "" if t is None else gloss(t.zh, t.en)


def label(pair: tuple[str, str]) -> str:
    return gloss(*pair)


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


def anchor(provision_id: str, duty_id: str | None = None) -> str:
    """HTML id of a provision or a duty on its regulation's page (eIds never contain '--')."""
    return provision_id if duty_id is None else f"{provision_id}--{duty_id}"


# --- the pages ----------------------------------------------------------------------------------

STYLESHEET = """\
.rsp-en { color: var(--md-default-fg-color--light); font-size: 0.85em; }
.rsp-diff { color: var(--md-accent-fg-color); font-weight: 700; }
.rsp-missing { color: #c62828; font-weight: 700; }
blockquote.rsp-text { white-space: normal; }
"""


class SitePages:
    """Renders every page of a policy set; built once, with its cross-reference indexes."""

    def __init__(self, ps: PolicySet, prefix: str = "policies", xlsx: Iterable[str] = ()) -> None:
        self.ps = ps
        self.paths = Paths(prefix)
        self.xlsx = frozenset(xlsx)  # actors with a 责任清单 XLSX beside their page
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
    def actor_name(self, actor_id: str) -> str:
        actor = self.ps.actors.get(actor_id)
        return literal(actor_id) if actor is None else text(actor.name)

    def actor_link(self, page: str, actor_id: str, as_named: str | None = None) -> str:
        actor = self.ps.actors.get(actor_id)
        if actor is None:
            return literal(actor_id)
        shown = gloss(as_named, actor.name.en) if as_named else text(actor.name)
        return f"[{shown}]({rel(page, self.paths.actor(actor_id))})"

    def regulation_link(self, page: str, reg_id: str) -> str:
        reg = self.ps.regulations[reg_id]
        return f"[{text(reg.title)}]({rel(page, self.paths.regulation(reg_id))})"

    def citation(self, entry: DutyEntry) -> str:
        """《title》第N条, the way an official cites a duty's basis."""
        prov = entry.citation or entry.provision.label or entry.provision.id
        return f"{literal('《' + entry.regulation.title.zh + '》')}{literal(prov)}"

    def duty_link(self, page: str, ref: str) -> str:
        if not self.ps.has_duty(ref):
            return f"{literal(ref)} (not in the loaded policies)"
        e = self.ps.duty_entry(ref)
        target = rel(page, self.paths.regulation(e.regulation.id)) + "#" + anchor(e.provision.id, e.duty.id)
        return f"[{self.citation(e)} · {literal(e.duty.summary.zh)}]({target})"

    def owners(self, page: str, duty: Duty) -> str:
        return "; ".join(
            f"{self.actor_link(page, o.actor, o.zh)} ({label(RESPONSIBILITY_LABEL[o.responsibility])})"
            for o in duty.owners
        )

    def counterparties(self, page: str, duty: Duty) -> str:
        return "; ".join(
            f"{label(ROLE_LABEL[c.role])} {self.actor_link(page, c.actor, c.zh)}" for c in duty.counterparties
        )

    def artefacts(self, duty: Duty) -> str:
        names = []
        for a in duty.artefacts:
            kind = self.ps.artefact_kinds.get(a)
            names.append(text(kind.name) if kind else literal(a))
        return "; ".join(names)

    def topic_links(self, page: str, duty: Duty) -> str:
        out = []
        for t in duty.topics:
            topic = self.ps.topics.get(t)
            shown = text(topic.name) if topic else literal(t)
            out.append(f"[{shown}]({rel(page, self.paths.topic(t))})" if topic else shown)
        return "; ".join(out)

    # -- pages ---------------------------------------------------------------------------------
    def build(self) -> dict[str, str]:
        pages: dict[str, str] = {self.paths.home(): self.home()}
        pages[self.paths.regulations()] = self.regulations_index()
        for reg in self.ps.regulations.values():
            pages[self.paths.regulation(reg.id)] = self.regulation(reg)
        pages[self.paths.actors()] = self.actors_index()
        for actor in self.ps.actors.values():
            pages[self.paths.actor(actor.id)] = self.actor(actor)
        pages[self.paths.topics()] = self.topics_index()
        for topic_id in self.ps.topics:
            pages[self.paths.topic(topic_id)] = self.topic(topic_id)
        pages[self.paths.central_duties()] = self.central_duties_index()
        for entry in self.central_duties():
            pages[self.paths.duty(entry.ref)] = self.central_duty(entry)
        return dict(sorted(pages.items()))

    def home(self) -> str:
        page = self.paths.home()
        lines = [
            '# 脱贫攻坚责任制 <span class="rsp-en">Who is responsible for what</span>',
            "",
            "The regulations of the poverty alleviation responsibility system, article by article: "
            "for every body, what it must do, under which article, and to whom it answers.",
            "",
            f"[Regulations]({rel(page, self.paths.regulations())}) · "
            f"[Actors 责任主体]({rel(page, self.paths.actors())}) · "
            f"[Topics 领域]({rel(page, self.paths.topics())}) · "
            f"[Central duties 中央职责]({rel(page, self.paths.central_duties())})",
            "",
            "## Regulations 规定",
            "",
            *self.regulation_table(page),
        ]
        edges = [(r.id, p) for r in self.ps.regulations.values() for p in r.implements]
        if edges:
            lines += ["", "## How they implement one another 上下级关系", "", "```mermaid", "graph BT"]
            for reg in self.ps.regulations.values():
                lines.append(f'  {_node(reg.id)}["{mermaid_text(reg.title.zh)}"]')
            lines += [f"  {_node(child)} -->|implements| {_node(parent)}" for child, parent in edges]
            lines += ["```"]
        lines += ["", "## Duties per level 各级职责数", "", *self.duties_per_level(page)]
        return "\n".join(lines) + "\n"

    def regulation_table(self, page: str) -> list[str]:
        rows = [
            "| Regulation 规定 | Level 层级 | Jurisdiction 地区 | Status "
            "| Articles | Duties | Implements 实施 |",
            "|---|---|---|---|---:|---:|---|",
        ]
        for reg in self.ps.regulations.values():
            place = self.ps.places.get(reg.jurisdiction)
            n_prov = self.provision_count[reg.id]
            n_duty = len(self.by_regulation[reg.id])
            parents = ", ".join(
                self.regulation_link(page, p) for p in reg.implements if p in self.ps.regulations
            )
            rows.append(
                f"| {self.regulation_link(page, reg.id)} | {label(LEVEL_LABEL[reg.level])} | "
                f"{text(place.name) if place else literal(reg.jurisdiction)} | {literal(reg.status.value)} | "
                f"{n_prov} | {n_duty} | {parents or '—'} |"
            )
        return rows

    def duties_per_level(self, page: str) -> list[str]:
        levels = [lv for lv in Level]
        counts: dict[str, dict[Level, int]] = {r: defaultdict(int) for r in self.ps.regulations}
        for e in self.ps.all_duties():
            for lv in duty_levels(self.ps, e.duty):
                counts[e.regulation.id][lv] += 1
        used = [lv for lv in levels if any(c[lv] for c in counts.values())]
        if not used:
            return ["No duties are encoded yet."]
        rows = [
            "| Regulation | " + " | ".join(label(LEVEL_LABEL[lv]) for lv in used) + " |",
            "|---|" + "---:|" * len(used),
        ]
        for reg_id, by_level in counts.items():
            rows.append(
                f"| {self.regulation_link(page, reg_id)} | "
                + " | ".join(str(by_level[lv]) if by_level[lv] else "·" for lv in used)
                + " |"
            )
        rows += ["", "A duty held jointly by owners at two levels counts at both."]
        return rows

    def regulations_index(self) -> str:
        page = self.paths.regulations()
        return "\n".join(["# Regulations 规定", "", *self.regulation_table(page)]) + "\n"

    def regulation(self, reg: Regulation) -> str:
        page = self.paths.regulation(reg.id)
        lines = page_head(reg.title)
        meta: list[tuple[str, str]] = []
        if reg.document_number:
            meta.append(("Document number 文号", literal(reg.document_number)))
        if reg.issuers:
            meta.append(("Issued by 印发", "; ".join(self.actor_link(page, a) for a in reg.issuers)))
        if reg.issued:
            meta.append(("Issued 印发日期", reg.issued.isoformat()))
        if reg.effective or reg.effective_note:
            eff = reg.effective.isoformat() if reg.effective else ""
            note = f" ({literal(reg.effective_note)})" if reg.effective_note else ""
            meta.append(("In force 施行", eff + note))
        meta.append(("Level 层级", label(LEVEL_LABEL[reg.level])))
        place = self.ps.places.get(reg.jurisdiction)
        meta.append(("Jurisdiction 地区", text(place.name) if place else literal(reg.jurisdiction)))
        meta.append(("Status 状态", literal(reg.status.value)))
        if reg.implements:
            meta.append(("Implements 实施", "; ".join(self._reg_ref(page, p) for p in reg.implements)))
        children = self.reg_children.get(reg.id, [])
        if children:
            meta.append(
                ("Implemented by 下级实施", "; ".join(self.regulation_link(page, c) for c in children))
            )
        if reg.scope:
            meta.append(("Scope 适用范围", text(reg.scope.text)))
        lines += ["| | |", "|---|---|", *[f"| {k} | {v} |" for k, v in meta], ""]
        if reg.heading:
            lines += [
                f"> {literal(h)}" + ("<br>" if i < len(reg.heading) - 1 else "")
                for i, h in enumerate(reg.heading)
            ]
            lines.append("")
        if reg.note:
            lines += [f"*Note:* {literal(reg.note)}", ""]
        for parent in reg.implements:
            if parent in self.ps.regulations:
                lines += self.relative_section(page, reg, parent)
        if reg.not_implemented:
            lines += ["## Parent duties not implemented 未实施的上级职责", ""]
            for ni in reg.not_implemented:
                lines.append(f"- {self.duty_link(page, ni.duty)} — {literal(ni.reason)}")
            lines.append("")
        current: object = object()
        for prov, div, _ in provision_paths(reg):
            if div is not current:
                current = div
                if div is not None:
                    head = " ".join(x for x in (literal(div.label or ""), text(div.title)) if x)
                    lines += [f"## {head} {{ #{div.id} }}", ""]
            lines += self.provision_block(page, reg, prov.id)
        return "\n".join(lines) + "\n"

    def relative_section(self, page: str, reg: Regulation, parent: str) -> list[str]:
        """What the regulation adds, leaves out and reassigns relative to a parent, from the data:
        local additions, parent duties addressed to its level that it neither carries out nor
        declines (missing) or declines (not implemented), and carried-out duties whose owner,
        modality or frequency differ (queries.compare)."""
        from .queries import TraceStatus, compare, trace

        lines = [f"## Relative to {self.regulation_link(page, parent)} 相对上级的变化", ""]
        added = [e for e in self.ps.duties(regulation=reg.id) if e.duty.local_addition]
        status: dict[TraceStatus, list[str]] = {s: [] for s in TraceStatus}
        for e in self.ps.duties(regulation=parent):
            for rt in trace(self.ps, e.ref).regulations:
                if rt.regulation == reg.id:
                    status[rt.status].append(e.ref)
        if is_excerpt(reg):
            received = ", ".join(reg.coverage.received) if reg.coverage else ""
            lines += [
                f"This regulation is an excerpt: only {literal(received)} were received. Parent duties "
                "those provisions do not carry out are not assessed (未收录 not in the received text), "
                "not missing.",
                "",
            ]
        changed = [c for t in compare(self.ps, parent, reg.id).topics for c in t.changed]
        n_assessed, excerpt = len(status[TraceStatus.not_assessed]), is_excerpt(reg)
        lines += [
            "| | duties |",
            "|---|---|",
            f"| Parent duties carried out 已实施 | {len(status[TraceStatus.implemented])} |",
            f"| Declined with a reason 说明未实施 | {len(status[TraceStatus.not_implemented])} |",
            f"| Missing 缺失 (addressed to this level, neither carried out nor declined) "
            f"| {len(status[TraceStatus.missing])} |",
            *([f"| Not assessed 未收录 not in the received text | {n_assessed} |"] if excerpt else []),
            f"| Local additions 新增 | {len(added)} |",
            f"| Carried out with a changed owner, modality, frequency or artefacts 有变化 | {len(changed)} |",
            "",
        ]
        if status[TraceStatus.missing]:
            lines += ["**Missing 缺失**", ""]
            lines += [f"- {self.duty_link(page, ref)}" for ref in status[TraceStatus.missing]]
            lines.append("")
        if status[TraceStatus.not_assessed]:
            lines += ["**Not assessed 未收录 not in the received text**", ""]
            lines += [f"- {self.duty_link(page, ref)}" for ref in status[TraceStatus.not_assessed]]
            lines.append("")
        if changed:
            lines += ["**Changed 有变化**", ""]
            for c in changed:
                what = "; ".join(f"{f.field}: {literal(f.a)} → {literal(f.b)}" for f in c.changes)
                lines.append(f"- {self.duty_link(page, c.a.id)} → {self.duty_link(page, c.b.id)}: {what}")
            lines.append("")
        if added:
            lines += ["**Local additions 新增**", ""]
            by_topic: dict[str, list[str]] = {}
            for e in added:
                for t in e.duty.topics or ["(no topic)"]:
                    by_topic.setdefault(t, []).append(self.duty_link(page, e.ref))
            for t in sorted(by_topic):
                name = text(self.ps.topics[t].name) if t in self.ps.topics else literal(t)
                lines.append(f"- {name} ({len(by_topic[t])}): " + ", ".join(by_topic[t]))
            lines.append("")
        return lines

    def _reg_ref(self, page: str, reg_id: str) -> str:
        if reg_id in self.ps.regulations:
            return self.regulation_link(page, reg_id)
        return literal(reg_id)

    def provision_block(self, page: str, reg: Regulation, provision_id: str) -> list[str]:
        prov = self.ps.provision(reg.id, provision_id)
        title = literal(prov.label) if prov.label else literal(prov.id)
        if prov.label_inferred:
            title += ' <span class="rsp-en">(label inferred)</span>'
        lines = [f"### {title} {{ #{anchor(prov.id)} }}", "", f"> {literal(prov.text)}", ""]
        if prov.note:
            lines += [f"*Note:* {literal(prov.note)}", ""]
        if not prov.duties:
            reason = literal(prov.no_duty_reason) if prov.no_duty_reason else "none given"
            lines += [f"*Assigns no duty* 无职责 — {reason}", ""]
        for duty in prov.duties:
            lines += self.duty_block(page, reg, prov.id, duty)
        return lines

    def duty_block(self, page: str, reg: Regulation, provision_id: str, duty: Duty) -> list[str]:
        ref = f"{reg.id}/{provision_id}/{duty.id}"
        head = f'<a id="{anchor(provision_id, duty.id)}"></a>**{literal(duty.summary.zh)}**'
        if duty.summary.en:
            head += f' <span class="rsp-en">{literal(duty.summary.en)}</span>'
        items = [("Owners 责任主体", self.owners(page, duty))]
        what = f"{literal(duty.action.value)}"
        if duty.object:
            what += f" — {text(duty.object)}"
        items.append(("Action 行为", what))
        items.append(("Modality 约束力", label(MODALITY_LABEL[duty.modality])))
        if duty.frequency:
            items.append(("Frequency 频次", label(FREQUENCY_LABEL[duty.frequency])))
        if duty.deadline:
            items.append(("Deadline 时限", literal(duty.deadline)))
        if duty.condition:
            items.append(("Condition 条件", text(duty.condition)))
        if duty.counterparties:
            items.append(("Counterparties 对象", self.counterparties(page, duty)))
        if duty.artefacts:
            items.append(("Artefacts 需形成材料", self.artefacts(duty)))
        if duty.topics:
            items.append(("Topics 领域", self.topic_links(page, duty)))
        if duty.implements:
            items.append(("Implements 实施", "; ".join(self.duty_link(page, p) for p in duty.implements)))
        if duty.local_addition:
            items.append(("Local addition 地方新增", "no parent duty"))
        children = self.implemented_by.get(ref, [])
        if children:
            items.append(("Implemented by 下级实施", "; ".join(self.duty_link(page, c) for c in children)))
        if self.ps.regulations[reg.id].level == Level.central:
            items.append(
                ("Across localities", f"[how each locality implements it]({rel(page, self.paths.duty(ref))})")
            )
        items.append(("Quote 原文", f"「{literal(duty.quote)}」"))
        if duty.note:
            items.append(("Note 说明", literal(duty.note)))
        items.append(("Id", f"`{ref}`"))
        return [head, "", *[f"- {k}: {v}" for k, v in items], ""]

    # -- actors ----------------------------------------------------------------------------------
    def actors_index(self) -> str:
        page = self.paths.actors()
        lines = ["# Actors 责任主体", ""]
        by_level: dict[Level, list[Actor]] = defaultdict(list)
        for a in self.ps.actors.values():
            by_level[a.level].append(a)
        for lv in Level:
            if not by_level[lv]:
                continue
            lines += [f"## {label(LEVEL_LABEL[lv])}", "", "| Actor | Duties |", "|---|---:|"]
            for a in by_level[lv]:
                n = len(self.by_actor[a.id])
                lines.append(f"| {self.actor_link(page, a.id)} | {n} |")
            lines.append("")
        return "\n".join(lines)

    def actor(self, actor: Actor) -> str:
        page = self.paths.actor(actor.id)
        entries = self.by_actor[actor.id]
        lines = page_head(actor.name)
        facts = [("Level 层级", label(LEVEL_LABEL[actor.level])), ("Kind", literal(actor.kind.value))]
        if actor.part_of:
            facts.append(("Part of 隶属", self.actor_link(page, actor.part_of)))
        if actor.role:
            facts.append(("Role 角色", self.actor_link(page, actor.role)))
        if actor.place:
            place = self.ps.places.get(actor.place)
            facts.append(("Place 地区", text(place.name) if place else literal(actor.place)))
        if actor.members:
            facts.append(("Members 组成", "; ".join(self.actor_link(page, m) for m in actor.members)))
        shared = sorted(self.owning[actor.id] - {actor.id})
        if shared:
            facts.append(("Shares the duties of", "; ".join(self.actor_link(page, s) for s in shared)))
        lines += ["| | |", "|---|---|", *[f"| {k} | {v} |" for k, v in facts], ""]
        if actor.note:
            lines += [f"*Note:* {literal(actor.note)}", ""]
        lines += ["## Responsibilities 职责", ""]
        if not entries:
            lines += ["Owns no duty in the loaded policies.", ""]
        else:
            lines += self.responsibilities_by_topic(page, entries)
        lines += ["## Chain of responsibility 责任链", ""]
        lines += self.chain_section(actor.id)
        lines += ['## 责任清单 <span class="rsp-en">Responsibility list</span>', ""]
        if actor.id in self.xlsx:
            lines += [f"[Download as XLSX 下载]({rel(page, self.paths.actor_xlsx(actor.id))})", ""]
        lines += self.responsibility_list(page, actor.id, entries)
        return "\n".join(lines)

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
                title = "Without a topic 未归类"
            else:
                shown = text(topic.name) if topic else literal(t)
                title = f"[{shown}]({rel(page, self.paths.topic(t))})" if topic else shown
            lines += [f"### {title}", ""]
            lines += [
                "| Regulation 规定 | Article 条款 | Duty 职责 | Responsibility 责任类型 | Frequency 频次 |"
            ]
            lines += ["|---|---|---|---|---|"]
            for e in sorted(groups[t], key=lambda x: (x.regulation.id, x.ref)):
                prov_link = rel(page, self.paths.regulation(e.regulation.id)) + "#" + anchor(e.provision.id)
                kinds = sorted({label(RESPONSIBILITY_LABEL[o.responsibility]) for o in e.duty.owners})
                freq = label(FREQUENCY_LABEL[e.duty.frequency]) if e.duty.frequency else "—"
                duty_target = (
                    rel(page, self.paths.regulation(e.regulation.id))
                    + "#"
                    + anchor(e.provision.id, e.duty.id)
                )
                lines.append(
                    f"| {self.regulation_link(page, e.regulation.id)} "
                    f"| [{literal(e.citation or e.provision.label or e.provision.id)}]({prov_link}) "
                    f"| [{literal(e.duty.summary.zh)}]({duty_target}) "
                    f"| {'; '.join(kinds)} | {freq} |"
                )
            lines.append("")
        return lines

    def responsibility_list(self, page: str, actor_id: str, entries: list[DutyEntry]) -> list[str]:
        if not entries:
            return ["Empty: this body owns no duty in the loaded policies.", ""]
        lines = [
            "| 序号 No. | 责任主体 Owner | 责任类型 Kind | 任务内容 Task | 频次 Frequency "
            "| 报送/签署对象 Counterparty | 需形成材料 Artefacts | 依据 Basis |",
            "|---:|---|---|---|---|---|---|---|",
        ]
        mine = self.owning[actor_id]
        for n, e in enumerate(entries, 1):
            owners = [o for o in e.duty.owners if o.actor in mine]
            who = "; ".join(literal(o.zh or self.ps.actors[o.actor].name.zh) for o in owners)
            kind = "; ".join(literal(RESPONSIBILITY_LABEL[o.responsibility][0]) for o in owners)
            task = literal(e.duty.summary.zh)
            freq = literal(FREQUENCY_LABEL[e.duty.frequency][0]) if e.duty.frequency else "—"
            upward = [c for c in e.duty.counterparties if c.role in UPWARD_ROLES]
            cps = "; ".join(
                literal(f"{ROLE_LABEL[c.role][0]} {c.zh or self.ps.actors[c.actor].name.zh}") for c in upward
            )
            arts = "; ".join(
                literal(self.ps.artefact_kinds[a].name.zh if a in self.ps.artefact_kinds else a)
                for a in e.duty.artefacts
            )
            basis_target = (
                rel(page, self.paths.regulation(e.regulation.id)) + "#" + anchor(e.provision.id, e.duty.id)
            )
            lines.append(
                f"| {n} | {who} | {kind} | {task} | {freq} | {cps or '—'} | {arts or '—'} "
                f"| [{self.citation(e)}]({basis_target}) |"
            )
        return [*lines, ""]

    def chain_section(self, actor_id: str) -> list[str]:
        edges = chain_edges(self.ps, actor_id)
        if not edges:
            return [
                "No line of accountability is encoded for this body (no duty names to whom it answers).",
                "",
            ]
        nodes = sorted({a for e in edges for a in (e[0], e[2])})
        lines = ["```mermaid", "graph BT"]
        for n in nodes:
            name = self.ps.actors[n].name.zh if n in self.ps.actors else n
            lines.append(f'  {_node(n)}["{mermaid_text(name)}"]')
        for src, role, dst in edges:
            zh, en = ROLE_LABEL[CounterpartyRole(role)] if role != "part-of" else ("隶属", "part of")
            lines.append(f'  {_node(src)} -->|"{mermaid_text(zh + " " + en)}"| {_node(dst)}')
        lines.append(f"  class {_node(actor_id)} focus")
        lines.append("  classDef focus stroke-width:3px")
        lines += ["```", ""]
        lines += [
            "Arrows point to the body answered to: reports to, signs with, is assessed or supervised by; "
            "part of joins an office to its group.",
            "",
        ]
        return lines

    # -- topics ----------------------------------------------------------------------------------
    def topics_index(self) -> str:
        page = self.paths.topics()
        lines = ["# Topics 领域", "", "| Topic | Duties |", "|---|---:|"]
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
            lines += [literal(topic.note), ""]
        owners = self.topic_owners(topic_id)
        if not owners:
            return "\n".join([*lines, "No duty in the loaded policies has this topic.", ""])
        levels = [lv for lv in Level if any(by.get(lv) for by in owners.values())]
        lines += [
            "## Owners by regulation and level 各规定各层级的责任主体",
            "",
            "Each cell lists who owns the topic's duties at that level. A cell marked "
            '<span class="rsp-diff">≠</span> differs from the regulation it implements: '
            "＋ owners it adds, − owners of the parent it does not name.",
            "",
            "| Regulation | " + " | ".join(label(LEVEL_LABEL[lv]) for lv in levels) + " |",
            "|---|" + "---|" * len(levels),
        ]
        for reg_id in self.ps.regulations:
            if reg_id not in owners:
                continue
            reg = self.ps.regulations[reg_id]
            parent = next((p for p in reg.implements if p in owners or p in self.ps.regulations), None)
            cells = []
            for lv in levels:
                mine = owners[reg_id].get(lv, set())
                cell = "<br>".join(self.actor_link(page, a) for a in sorted(mine)) or "·"
                if parent is not None:
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
            lines.append(f"| {self.regulation_link(page, reg_id)} | " + " | ".join(cells) + " |")
        lines += ["", "## Duties 职责", ""]
        for e in self.by_topic.get(topic_id, []):
            lines.append(f"- {self.duty_link(page, e.ref)} — {self.owners(page, e.duty)}")
        return "\n".join(lines) + "\n"

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
            "# Central duties across localities 中央职责的地方落实",
            "",
            "For each duty of a central regulation: how each local regulation implements it, "
            "and where it does not.",
            "",
        ]
        entries = self.central_duties()
        if not entries:
            return "\n".join([*lines, "No central duty is encoded yet.", ""])
        lines += ["| Duty 职责 | Owners | Implementing duties |", "|---|---|---:|"]
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
            f"- Owners 责任主体: {self.owners(page, duty)}",
            f"- Quote 原文: 「{literal(duty.quote)}」",
            "",
            "## Implementations 地方落实",
            "",
        ]
        tree = self.implementation_tree(entry.ref)
        if tree:
            for depth, ref in tree:
                child = self.ps.duty_entry(ref)
                lines.append(
                    "    " * depth
                    + f"- {self.regulation_link(page, child.regulation.id)}: {self.duty_link(page, ref)}"
                    + f" — {self.owners(page, child.duty)}"
                )
        else:
            lines.append("No local duty implements it in the loaded policies.")
        lines += ["", "## By local regulation 各地规定", ""]
        locals_ = self.descendants(entry.regulation.id)
        if not locals_:
            return "\n".join(
                [*lines, "No local regulation in the loaded policies implements this regulation.", ""]
            )
        lines += ["| Regulation | Status 状态 |", "|---|---|"]
        for reg_id in locals_:
            verdict = parent_status(self.ps, entry, self.ps.regulations[reg_id])
            if verdict.status == ParentStatus.implemented:
                status = "implemented 已落实"
            elif verdict.status == ParentStatus.not_implemented:
                status = f"not implemented 未落实 — {literal(verdict.reason)}"
            elif verdict.status == ParentStatus.not_addressed:
                status = "not applicable at this level 不适用"
            elif verdict.status == ParentStatus.not_assessed:
                status = NOT_ASSESSED
            else:
                status = MISSING
            lines.append(f"| {self.regulation_link(page, reg_id)} | {status} |")
        return "\n".join(lines) + "\n"


MISSING = '<span class="rsp-missing">missing 缺失</span>: no duty implements it and no reason is recorded'
NOT_ASSESSED = (
    f"not assessed {STATUS_LABEL[ParentStatus.not_assessed][0]} {STATUS_LABEL[ParentStatus.not_assessed][1]}:"
    " the regulation is an excerpt and the received provisions do not carry it out"
)


def _node(ident: str) -> str:
    """A Mermaid node id from a slug (slugs are ASCII, so this is injective and inert)."""
    return "n_" + re.sub(r"[^a-z0-9]", lambda m: f"_{ord(m.group()):x}_", ident)


def chain_edges(ps: PolicySet, actor_id: str) -> list[tuple[str, str, str]]:
    """The actor's line of accountability as (lower, relation, upper) edges for a diagram.

    From :func:`responsibility.queries.chain`: the whole upward line to the top, and the bodies
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


def build_pages(ps: PolicySet, prefix: str = "policies", xlsx: Iterable[str] = ()) -> dict[str, str]:
    """Every policy page, ``{path below docs_dir: markdown}``, sorted by path. Deterministic."""
    return SitePages(ps, prefix, xlsx).build()


XlsxWriter = Callable[[PolicySet, str], bytes]


def responsibility_list_writer() -> XlsxWriter | None:
    """The 责任清单 XLSX writer for one actor, where openpyxl (the `xlsx` extra) is installed."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return None
    from .responsibility_list import actor_xlsx

    return actor_xlsx


__all__ = [
    "Paths",
    "SitePages",
    "build_pages",
    "chain_edges",
    "html_text",
    "literal",
    "mermaid_text",
    "page_head",
    "responsibility_list_writer",
]
