"""What each page of the site shows, computed once per build: plain typed data for the templates.

:class:`SiteViews` builds the cross-reference indexes of a policy set once (duties by regulation,
topic and owner, who implements what, each actor's 责任清单), and from them one view per page:
frozen dataclasses whose links are already resolved to the relative URLs of the page they are on
and whose labels are already the Chinese (with the English) of the one label table. Views hold
text as it stands in the policy files; escaping it for the context it lands in is the templates'
work (:mod:`responsibility.site.render`), so nothing here writes Markdown or HTML.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from responsibility.graph.queries import (
    ChainLine,
    Change,
    FieldChange,
    Line,
    TraceStatus,
    chain,
    compare,
    inferred_end,
)
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
    inferred,
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
    Status,
    Text,
)
from responsibility.policy.names import Names, inferred_at
from responsibility.policy.policyset import DutyEntry, PolicySet, citations, provision_paths
from responsibility.semantics import (
    ParentStatus,
    duty_levels,
    governed_levels,
    is_excerpt,
    parent_status,
    role_of,
)
from responsibility.site.render import Paths, anchor, href, rel

# --- the pieces of a view -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Name:
    """Chinese as it stands, with its English gloss (None: none)."""

    zh: str
    en: str | None = None


def name_of(t: Text | tuple[str, str]) -> Name:
    return Name(*t) if isinstance(t, tuple) else Name(t.zh, t.en)


@dataclass(frozen=True, slots=True)
class Link:
    """A name linking to a page: `href` is relative to the page it is on, fragment included,
    written for the context the link lands in (a Markdown link, or an ``<a>`` in raw HTML);
    empty when the target is not loaded, and the name is then shown unlinked."""

    name: Name
    href: str = ""
    inferred: bool = False  # a body the text does not name there (Owner.inferred): marked 〔〕


@dataclass(frozen=True, slots=True)
class DutyLink:
    """A duty cited as an official cites it (《title》第N条 · summary), linked to its place in its
    regulation's text; `href` empty when the duty is not loaded (then only `ref` is shown)."""

    ref: str
    source: str = ""  # 《title》
    cite: str = ""  # 第N条
    summary: str = ""
    href: str = ""


@dataclass(frozen=True, slots=True)
class Owner:
    actor: Link
    kind: str  # the kind of responsibility, in Chinese


@dataclass(frozen=True, slots=True)
class Counterparty:
    role: str  # the relation, in Chinese
    actor: Link


# --- page views -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Head:
    """A page's title: `plain` in the front matter, `shown` as its H1."""

    plain: str
    shown: Name
    searched: bool = True


def head_of(title: Text | str, en: str | None = None, searched: bool = True) -> Head:
    if isinstance(title, str):
        return Head(title, Name(title, en), searched)
    return Head(" ".join(x for x in (title.zh, title.en) if x), Name(title.zh, title.en), searched)


@dataclass(frozen=True, slots=True)
class RegulationRow:
    link: Link
    level: str
    place: Name
    status: str
    provisions: int
    duties: int
    parents: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class LevelCounts:
    """Duties per owner level of each regulation (an empty `levels`: no duty is encoded)."""

    levels: tuple[Name, ...]
    rows: tuple[tuple[Link, tuple[int, ...]], ...]


@dataclass(frozen=True, slots=True)
class HomeView:
    regulations_href: str
    actors_href: str
    topics_href: str
    central_href: str
    total: int
    table: tuple[RegulationRow, ...]
    nodes: tuple[tuple[str, str], ...]  # (regulation id, title) of the diagram
    edges: tuple[tuple[str, str], ...]  # (child, parent)
    per_level: LevelCounts


@dataclass(frozen=True, slots=True)
class NotFoundView:
    """The 404 page: where a reader who followed a dead link can go instead. The links are
    absolute from the server's root (the page is served at whatever address was not found)."""

    links: tuple[Link, ...]


# The index pages by their names (the home page's links to them, the 404 page's).
INDEX_NAMES: tuple[tuple[str, Name], ...] = (
    ("home", Name("脱贫攻坚责任制", "Who is responsible for what")),
    ("regulations", Name("规定", "Regulations")),
    ("actors", Name("责任主体", "Actors")),
    ("topics", Name("领域", "Topics")),
    ("central_duties", Name("中央职责的地方落实", "Central duties")),
)
SITE_HOME = Name("首页", "Home")


def not_found(paths: Paths, url_of: Callable[[str], str | None], base_url: str) -> NotFoundView:
    """The 404 page's links: the site's home page, then the policy pages' index pages (one link
    when the policy home is the site's home). `url_of` gives the URL MkDocs gives a file below
    docs_dir (a folder or its .html, as the site's URLs are), None for a file it does not have;
    `base_url` is the site's path from the server root, as MkDocs gives the error page."""
    base = base_url or "/"

    def at(url: str) -> str:  # MkDocs gives the root page the URL ./
        return posixpath.join(base, url.removeprefix("./"))

    urls = [(name, url_of(getattr(paths, kind)())) for kind, name in INDEX_NAMES]
    home = url_of("index.md")
    links = [] if home is None or home == urls[0][1] else [Link(SITE_HOME, at(home))]
    for n, (name, url) in enumerate(urls):
        if url is not None:
            links.append(Link(SITE_HOME if n == 0 and url == home else name, at(url)))
    return NotFoundView(tuple(links))


@dataclass(frozen=True, slots=True)
class RegulationsView:
    head: Head
    table: tuple[RegulationRow, ...]


@dataclass(frozen=True, slots=True)
class CountRow:
    link: Link
    count: int


@dataclass(frozen=True, slots=True)
class TopicsView:
    head: Head
    rows: tuple[CountRow, ...]


@dataclass(frozen=True, slots=True)
class ActorRow:
    link: Link
    kind: str
    duties: int


@dataclass(frozen=True, slots=True)
class ActorsView:
    head: Head
    levels: tuple[tuple[Name, tuple[ActorRow, ...]], ...]


@dataclass(frozen=True, slots=True)
class CentralRow:
    duty: DutyLink
    owners: tuple[Owner, ...]
    implementing: int


@dataclass(frozen=True, slots=True)
class CentralDutiesView:
    head: Head
    rows: tuple[CentralRow, ...]


@dataclass(frozen=True, slots=True)
class TreeNode:
    """A duty implementing another, with the duties implementing it in turn."""

    regulation: Link
    duty: DutyLink
    owners: tuple[Owner, ...]
    children: tuple[TreeNode, ...]


@dataclass(frozen=True, slots=True)
class StatusCell:
    """A local regulation's verdict on a central duty: a ParentStatus value, and the reason."""

    status: str
    label: Name
    reason: str = ""


@dataclass(frozen=True, slots=True)
class CentralDutyView:
    head: Head
    summary: Name
    duty: DutyLink
    text: str
    owners: tuple[Owner, ...]
    quote: str
    tree: tuple[TreeNode, ...]
    locals: tuple[tuple[Link, StatusCell], ...]
    has_locals: bool


@dataclass(frozen=True, slots=True)
class OwnerCell:
    owners: tuple[Link, ...]
    added: tuple[Name, ...] = ()
    dropped: tuple[Name, ...] = ()
    differs: bool = False


@dataclass(frozen=True, slots=True)
class TopicView:
    head: Head
    note: str | None
    levels: tuple[Name, ...]
    owners: tuple[tuple[Link, tuple[OwnerCell, ...]], ...]
    total: int
    per_regulation: tuple[CountRow, ...]  # beyond the page's rows: each regulation's count
    duties: tuple[tuple[DutyLink, tuple[Owner, ...]], ...]


@dataclass(frozen=True, slots=True)
class ListTable:
    """One regulation's table of a 责任清单: its link, and each row's cells and linked basis."""

    reg_id: str
    regulation: Link
    rows: tuple[tuple[tuple[str, ...], DutyLink], ...]


@dataclass(frozen=True, slots=True)
class ResponsibilityList:
    tables: tuple[ListTable, ...]
    headers: tuple[Name, ...]
    headed: bool  # each table under its regulation's heading
    anchored: bool  # ... with the regulation's id as the heading's anchor (a part of a long list)
    empty_is_role: bool  # no rows, but bodies fill the role


@dataclass(frozen=True, slots=True)
class ListPart:
    """One page's share of an actor's 责任清单: the page, its XLSX, and its rows by regulation."""

    page: str
    xlsx: str
    sheets: dict[str, list[Row]]


@dataclass(frozen=True, slots=True)
class ActorPartView:
    head: Head
    actor: Link
    previous: str
    next: str
    xlsx: str
    list: ResponsibilityList


@dataclass(frozen=True, slots=True)
class Filler:
    body: Link
    duties: tuple[DutyLink, ...]
    count: int


@dataclass(frozen=True, slots=True)
class ChainView:
    """One diagram of an actor's chain: that of one line of regulations, or of several lines
    whose diagrams are the same (each named, up to CHAIN_LINES_NAMED; `more` counts the rest)."""

    lines: tuple[Name, ...]  # 山西：中央 + 山西 (none: the actor only belongs to a body)
    more: int
    nodes: tuple[tuple[str, str], ...]  # (actor id, name)
    arrows: tuple[tuple[str, str, str], ...]  # (lower, relations joined, upper)
    focus: tuple[str, ...]  # the actor, or the bodies filling it in these lines (ids)
    phrases: tuple[Phrase, ...]
    bodies: tuple[str, ...] = ()  # names of the bodies filling the role, shown in its place

    @property
    def heading(self) -> Name:
        """The lines' names as one heading, Chinese first and the English after all of them
        (甘肃：中央 + 甘肃；麻江：中央 + 麻江 Gansu…; Majiang…), not each name's English between
        the Chinese ones."""
        zh = [n.zh for n in self.lines] + ([f"等另 {self.more} 条规定线"] if self.more else [])
        en = [n.en or n.zh for n in self.lines] + ([f"and {self.more} more lines"] if self.more else [])
        return Name("；".join(zh), "; ".join(en))


class ChainEdge(NamedTuple):
    """One arrow of a chain diagram: `lower` answers to `upper` by `relation`. `conditions` are
    the texts' conditions when every duty behind the arrow is conditional (the arrow holds only
    under one of them); empty when one holds without condition. `lower_inferred`/
    `upper_inferred`: every duty behind the arrow holds that side only as an inferred owner
    (queries.Link's fields of the same names); never so for part-of, which is the catalogue's."""

    lower: str
    relation: str
    upper: str
    conditions: tuple[str, ...]
    lower_inferred: bool = False
    upper_inferred: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    """One line of a chain in words, as runs of text; a run marked true names a body the text
    does not name there (in 〔〕), which the page wraps in the tooltip of that mark."""

    runs: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(run for run, _ in self.runs)

    def __str__(self) -> str:
        return self.text

    def __contains__(self, part: str) -> bool:  # a phrase reads as its text: "条件" in phrase
        return part in self.text


@dataclass(frozen=True, slots=True)
class ChainSection:
    """An actor's chain on its page: its diagrams, and how many lines' diagrams are not drawn."""

    diagrams: tuple[ChainView, ...]
    hidden: int  # lines of regulations beyond the diagrams drawn
    actor: str  # its id, for the command that shows every line


# A role's chain over a nationwide corpus has a line per county rule: the lines drawn alike share a
# diagram, whose heading names this many of them, and a page draws at most CHAIN_DIAGRAMS (a
# township's role answers to each county's own committee: 800 different diagrams).
CHAIN_LINES_NAMED = 12
CHAIN_DIAGRAMS = 20


@dataclass(frozen=True, slots=True)
class TopicGroup:
    title: Link  # an empty name: without a topic
    rows: tuple[tuple[Link, DutyLink, Link, str, str], ...]


@dataclass(frozen=True, slots=True)
class ActorView:
    head: Head
    level: Name
    kind: Name
    part_of: Link | None
    role: Link | None
    place: Name | None
    members: tuple[Link, ...]
    shared: tuple[Link, ...]
    note: str | None
    parts: tuple[tuple[Link, int, Link], ...]  # a long list: each regulation's count, its part
    part_count: int
    regulations: int
    total: int
    xlsx: str  # the XLSX of a list on this page ('' none)
    list: ResponsibilityList | None  # None: the list is in parts
    fillers: tuple[Filler, ...]
    fillers_counted: bool  # many bodies: each with its count only
    chain: ChainSection  # a diagram per line of regulations (or per lines drawn alike)
    topic_counts: tuple[tuple[Link, int], ...]  # a list in parts: duties per topic
    by_topic: tuple[TopicGroup, ...]


@dataclass(frozen=True, slots=True)
class FieldChangeView:
    """One changed field in words: its label, and the names before and after (None: unset),
    each an unlinked :class:`Link`, so an owner the text does not name is marked as elsewhere."""

    label: str
    before: tuple[Link, ...] | None
    after: tuple[Link, ...] | None
    unset: str


@dataclass(frozen=True, slots=True)
class ChangeView:
    a: DutyLink
    b: DutyLink
    fields: tuple[FieldChangeView, ...]


@dataclass(frozen=True, slots=True)
class RelativeView:
    """What a regulation adds, leaves out and reassigns relative to one parent."""

    parent: Link
    received: str | None  # an excerpt: the provisions received
    counts: tuple[tuple[Name, int], ...]
    missing: tuple[DutyLink, ...]
    not_assessed: tuple[DutyLink, ...]
    changed: tuple[ChangeView, ...]
    added: tuple[tuple[DutyLink, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class DutyBlock:
    anchor: str
    summary: Name
    owners: tuple[Owner, ...]
    action: Name
    object: Name | None
    modality: Name
    frequency: Name | None
    deadline: str | None
    condition: Name | None
    counterparties: tuple[Counterparty, ...]
    artefacts: tuple[Name, ...]
    topics: tuple[Link, ...]
    implements: tuple[DutyLink, ...]
    local_addition: bool
    implemented_by: tuple[DutyLink, ...]
    across: str  # a central duty: its page of local implementations ('' none)
    quote: str
    note: str | None


@dataclass(frozen=True, slots=True)
class ProvisionBlock:
    anchor: str
    depth: int
    # None: the body of a division, under the division's heading; a label the text does not
    # print is in 〔〕, which the template's `cite` filter marks
    title: str | None
    text: str
    note: str | None
    no_duty: str | None  # assigns no duty: the reason ('' none given); None: it has duties
    duties: tuple[DutyBlock, ...]


@dataclass(frozen=True, slots=True)
class DivisionBlock:
    anchor: str
    depth: int
    title: str
    en: str | None
    body: tuple[ProvisionBlock | DivisionBlock, ...]


# The label of the row holding a regulation's effective date and the encoder's note on it. Only a
# regulation in force is labelled 施行 In force: beside 状态 讨论稿 draft that label read as if
# the draft were in force, while the row only says what the text gives about its date of effect.
EFFECTIVE_LABEL: dict[Status, tuple[str, str]] = {
    Status.in_force: ("施行", "In force"),
}
EFFECTIVE_NOTE_LABEL = ("施行说明", "Effective-date note")


def effective_label(status: Status) -> tuple[str, str]:
    """The effective-date row's label for a regulation of `status`."""
    return EFFECTIVE_LABEL.get(status, EFFECTIVE_NOTE_LABEL)


@dataclass(frozen=True, slots=True)
class RegulationView:
    head: Head
    document_number: str | None
    issuers: tuple[Link, ...]
    issued: date | None
    effective: date | None
    effective_note: str | None
    has_effective: bool
    effective_label: tuple[str, str]
    level: Name
    place: Name
    status: Name
    implements: tuple[Link, ...]
    children: tuple[Link, ...]
    scope: Name | None
    heading: tuple[str, ...]
    note: str | None
    relative: tuple[RelativeView, ...]
    not_implemented: tuple[tuple[DutyLink, str], ...]
    body: tuple[ProvisionBlock | DivisionBlock, ...]


# Pages stay bounded however many regulations are loaded: a 责任清单 longer than `page_rows` rows
# is split into parts of whole regulations (a county government's list across a thousand county
# rules would otherwise be one page of 26,000 rows), a topic lists its duties one by one up to
# `page_rows` and otherwise counts them per regulation, and beyond HOME_REGULATIONS regulations
# the home page shows the central and provincial ones (the index lists them all).
HOME_REGULATIONS = 60


def split_sheets(sheets: dict[str, list[Row]], limit: int) -> list[dict[str, list[Row]]]:
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


# A provision id, with its regulation and duty where given, as notes mention them.
_ID_IN_NOTE = re.compile(
    r"\b(?:(?P<reg>[a-z][a-z0-9-]*)/)?(?P<prov>(?:art|sec|chp|para)_[0-9a-z_]*[0-9a-z])"
    r"(?:/(?P<duty>[a-z0-9][a-z0-9-]*))?"
)

# A token an encoder quoted in a note: `issuers`, `central`, `implements: [central]`.
_CODE_IN_NOTE = re.compile(r"`([^`\n]+)`")

# How an unlabelled provision standing on its own is cited: 〔序言〕, 〔第2段〕 (policyset.citations).
_UNLABELLED = re.compile(r"〔(?:序言|第\d+段)〕")


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


def chain_edges(ps: PolicySet, actor_id: str) -> tuple[tuple[Line, tuple[ChainEdge, ...]], ...]:
    """The actor's line of accountability, per line of regulations, as edges for a diagram.

    Exactly :func:`responsibility.graph.queries.chain`'s answer, which says what a line is,
    which lines the actor takes part in and which bodies fill a role there: in each, the whole
    upward line to the top, and the bodies that answer to the actor (or to the bodies filling
    it) directly. `part-of` joins each of those to the body it belongs to.
    """
    return tuple((found.line, line_edges(ps, found, actor_id)) for found in chain(ps, actor_id).lines)


def line_edges(ps: PolicySet, found: ChainLine, actor_id: str) -> tuple[ChainEdge, ...]:
    """One line of :func:`chain_edges`: its links as arrows, with the `part-of` of each body
    whose chain it draws."""
    conditions: dict[tuple[str, str, str], list[str] | None] = {}
    # per arrow, whether every duty behind it holds its lower, its upper only by inference
    guessed: dict[tuple[str, str, str], tuple[bool, bool]] = {}
    for k in (*found.upward, *found.downward):
        key = (k.lower, k.relation, k.upper)
        known = conditions.get(key, [])
        if known is None or k.condition is None:
            conditions[key] = None  # one duty behind the arrow holds without condition
        else:
            conditions[key] = [*known, k.condition.zh or k.condition.en or ""]
        lower, upper = guessed.get(key, (True, True))
        guessed[key] = (lower and k.lower_inferred, upper and k.upper_inferred)
    drawn = {a for lower, _, upper in conditions for a in (lower, upper)}
    for start in chain_starts(found, actor_id):
        body = ps.actors.get(start)
        if body is None:
            continue
        # the bodies a chain goes through, joined to it: the one it is part of, and a joint
        # body's members that those below answer to (part-of, as the graph joins them)
        if body.part_of:
            conditions[(start, "part-of", body.part_of)] = None
        for member in body.members:
            if member in drawn:
                conditions[(member, "part-of", start)] = None
    return tuple(
        ChainEdge(*key, tuple(dict.fromkeys(c)) if c else (), *guessed.get(key, (False, False)))
        for key, c in sorted(conditions.items())
    )


def chain_starts(found: ChainLine, actor_id: str) -> tuple[str, ...]:
    """Whose chain a line draws: the bodies filling the role there (武邑县县长 in 武邑's line,
    for 县长), beside the actor itself where it keeps links of its own."""
    ends = {a for k in (*found.upward, *found.downward) for a in (k.lower, k.upper)}
    own = (actor_id,) if actor_id in ends or not found.bodies else ()
    return (*own, *found.bodies)


def nest(
    flat: Sequence[tuple[int, str]], node: Callable[[str, tuple[TreeNode, ...]], TreeNode]
) -> tuple[TreeNode, ...]:
    """(depth, ref) items, depth first (each at most one deeper than the one before), as the
    nodes `node` makes of each ref and its children."""

    def level(i: int, depth: int) -> tuple[tuple[TreeNode, ...], int]:
        out: list[TreeNode] = []
        while i < len(flat) and flat[i][0] == depth:
            ref = flat[i][1]
            children, i = level(i + 1, depth + 1)
            out.append(node(ref, children))
        return tuple(out), i

    return level(0, 0)[0]


def relation(role: str) -> tuple[str, str]:
    return ROLE_LABEL[CounterpartyRole(role)] if role != "part-of" else ("隶属", "part of")


class SiteViews:
    """The views of every page of a policy set, from cross-reference indexes built once."""

    def __init__(
        self,
        ps: PolicySet,
        prefix: str = "policies",
        xlsx: Iterable[str] = (),
        directory_urls: bool = True,
        page_rows: int = 300,
    ) -> None:
        self.ps = ps
        self.names = Names(ps)  # Chinese: the site's bodies named as the answers name them
        self.paths = Paths(prefix)
        self.directory_urls = directory_urls  # how MkDocs makes URLs: links in raw HTML need them
        self.page_rows = page_rows
        self.xlsx = frozenset(xlsx)  # actors with a 责任清单 XLSX beside their page
        self.citations: dict[str, dict[str, str]] = {}
        self._rows: dict[str, dict[str, list[Row]]] = {}
        self._trees: dict[str, list[tuple[int, str]]] = {}
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

    # -- links ---------------------------------------------------------------------------------
    def md(self, page: str, target: str, frag: str = "") -> str:
        """A Markdown link's destination from `page` to the file `target`, at `frag`."""
        return rel(page, target) + (f"#{frag}" if frag else "")

    def url(self, page: str, target: str, frag: str = "") -> str:
        """An ``<a href>`` in raw HTML from `page` to `target`: the URL MkDocs would write."""
        return href(page, target, self.directory_urls) + (f"#{frag}" if frag else "")

    def _to(self, page: str, target: str, raw: bool, frag: str = "") -> str:
        return self.url(page, target, frag) if raw else self.md(page, target, frag)

    def actor_name(self, actor_id: str) -> Name:
        actor = self.ps.actors.get(actor_id)
        return Name(actor_id) if actor is None else name_of(actor.name)

    def actor_link(
        self, page: str, actor_id: str, as_named: str | None = None, raw: bool = False, inferred: bool = False
    ) -> Link:
        actor = self.ps.actors.get(actor_id)
        if actor is None:
            return Link(Name(actor_id))
        # a body as the duty's text names it, the catalogue's name after it where they differ
        # (Names.as_named; its page, one click away, gives the id); one the text does not name
        # there in 〔〕, with the mark's meaning as a tooltip (render.named)
        named = self.names.as_named(actor_id, as_named, with_id=False, inferred=inferred)
        shown = Name(named, actor.name.en) if as_named or inferred else name_of(actor.name)
        return Link(shown, self._to(page, self.paths.actor(actor_id), raw), inferred)

    def regulation_link(self, page: str, reg_id: str, raw: bool = False) -> Link:
        reg = self.ps.regulations[reg_id]
        return Link(name_of(reg.title), self._to(page, self.paths.regulation(reg_id), raw))

    def reg_ref(self, page: str, reg_id: str) -> Link:
        if reg_id in self.ps.regulations:
            return self.regulation_link(page, reg_id)
        return Link(Name(reg_id))

    def duty_link(self, page: str, ref: str, raw: bool = False) -> DutyLink:
        if not self.ps.has_duty(ref):
            return DutyLink(ref)
        e = self.ps.duty_entry(ref)
        url = self._to(page, self.paths.regulation(e.regulation.id), raw, anchor(e.provision.id, e.duty.id))
        return DutyLink(ref, f"《{e.regulation.title.zh}》", self.cite(e), e.duty.summary.zh, url)

    @staticmethod
    def cite(entry: DutyEntry) -> str:
        """第N条, the way an official cites a duty's provision."""
        return entry.citation or entry.provision.label or entry.provision.id

    def owners(self, page: str, duty: Duty, raw: bool = False) -> tuple[Owner, ...]:
        return tuple(
            Owner(
                self.actor_link(page, o.actor, o.zh, raw, o.inferred),
                RESPONSIBILITY_LABEL[o.responsibility][0],
            )
            for o in duty.owners
        )

    def place_name(self, place_id: str) -> Name:
        place = self.ps.places.get(place_id)
        return name_of(place.name) if place else Name(place_id)

    # -- home and indexes ----------------------------------------------------------------------
    def home_regulations(self) -> list[Regulation]:
        """The regulations the home page shows: all of them, or beyond HOME_REGULATIONS the
        central and provincial ones."""
        regs = list(self.ps.regulations.values())
        if len(regs) <= HOME_REGULATIONS:
            return regs
        return [r for r in regs if r.level in (Level.central, Level.province)]

    def regulation_rows(self, page: str, regs: Iterable[Regulation]) -> tuple[RegulationRow, ...]:
        return tuple(
            RegulationRow(
                self.regulation_link(page, reg.id),
                LEVEL_LABEL[reg.level][0],
                self.place_name(reg.jurisdiction),
                REGULATION_STATUS_LABEL[reg.status][0],
                self.provision_count[reg.id],
                len(self.by_regulation[reg.id]),
                tuple(self.regulation_link(page, p) for p in reg.implements if p in self.ps.regulations),
            )
            for reg in regs
        )

    def home(self) -> HomeView:
        page = self.paths.home()
        regs = self.home_regulations()
        shown = {r.id for r in regs}
        edges = [(r.id, p) for r in regs for p in r.implements if p in shown or p not in self.ps.regulations]
        return HomeView(
            regulations_href=rel(page, self.paths.regulations()),
            actors_href=rel(page, self.paths.actors()),
            topics_href=rel(page, self.paths.topics()),
            central_href=rel(page, self.paths.central_duties()),
            total=len(self.ps.regulations),
            table=self.regulation_rows(page, regs),
            nodes=tuple((r.id, r.title.zh) for r in regs) if edges else (),
            edges=tuple(edges),
            per_level=self.duties_per_level(page, regs),
        )

    def duties_per_level(self, page: str, regs: list[Regulation]) -> LevelCounts:
        counts: dict[str, dict[Level, int]] = {r.id: defaultdict(int) for r in regs}
        for r in regs:
            for e in self.by_regulation[r.id]:
                for lv in duty_levels(self.ps, e.duty):
                    counts[r.id][lv] += 1
        used = [lv for lv in Level if any(c[lv] for c in counts.values())]
        return LevelCounts(
            tuple(name_of(LEVEL_LABEL[lv]) for lv in used),
            tuple(
                (self.regulation_link(page, reg_id), tuple(by_level[lv] for lv in used))
                for reg_id, by_level in counts.items()
            )
            if used
            else (),
        )

    def regulations_index(self) -> RegulationsView:
        page = self.paths.regulations()
        return RegulationsView(
            head_of("规定", "Regulations"), self.regulation_rows(page, self.ps.regulations.values())
        )

    def topics_index(self) -> TopicsView:
        page = self.paths.topics()
        rows = tuple(
            CountRow(Link(name_of(topic.name), rel(page, self.paths.topic(t))), len(self.by_topic.get(t, [])))
            for t, topic in self.ps.topics.items()
        )
        return TopicsView(head_of("领域", "Topics"), rows)

    def actors_index(self) -> ActorsView:
        page = self.paths.actors()
        by_level: dict[Level, list[Actor]] = defaultdict(list)
        for a in self.ps.actors.values():
            by_level[a.level].append(a)
        levels = tuple(
            (
                name_of(LEVEL_LABEL[lv]),
                tuple(
                    ActorRow(
                        self.actor_link(page, a.id),
                        ACTOR_KIND_LABEL[a.kind][0],
                        sum(len(r) for r in self.list_rows(a.id).values()),
                    )
                    for a in by_level[lv]
                ),
            )
            for lv in Level
            if by_level[lv]
        )
        return ActorsView(head_of("责任主体", "Actors"), levels)

    def central_duties(self) -> list[DutyEntry]:
        return [e for e in self.ps.all_duties() if e.regulation.level == Level.central]

    def central_duties_index(self) -> CentralDutiesView:
        page = self.paths.central_duties()
        rows = tuple(
            CentralRow(
                DutyLink(
                    e.ref,
                    f"《{e.regulation.title.zh}》",
                    self.cite(e),
                    e.duty.summary.zh,
                    rel(page, self.paths.duty(e.ref)),
                ),
                self.owners(page, e.duty),
                len(self.implementation_tree(e.ref)),
            )
            for e in self.central_duties()
        )
        return CentralDutiesView(head_of("中央职责的地方落实", "Central duties across localities"), rows)

    # -- central duties ------------------------------------------------------------------------
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

    def implementation_tree(self, ref: str) -> list[tuple[int, str]]:
        """(depth, duty ref) of every duty implementing `ref`, depth first, each once (walked
        once: the index of central duties counts it, the duty's page draws it)."""
        found = self._trees.get(ref)
        if found is None:
            found = self._trees[ref] = self._walk(ref)
        return found

    def _walk(self, ref: str) -> list[tuple[int, str]]:
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

    def tree_nodes(self, page: str, flat: list[tuple[int, str]]) -> tuple[TreeNode, ...]:
        """The implementation tree's (depth, ref) items as nested nodes, their links raw HTML."""

        def node(ref: str, children: tuple[TreeNode, ...]) -> TreeNode:
            child = self.ps.duty_entry(ref)
            return TreeNode(
                self.regulation_link(page, child.regulation.id, raw=True),
                self.duty_link(page, ref, raw=True),
                self.owners(page, child.duty, raw=True),
                children,
            )

        return nest(flat, node)

    def central_duty(self, entry: DutyEntry) -> CentralDutyView:
        page = self.paths.duty(entry.ref)
        duty = entry.duty
        locals_ = self.descendants(entry.regulation.id)
        statuses = []
        for reg_id in locals_:
            verdict = parent_status(self.ps, entry, self.ps.regulations[reg_id])
            reason = ""
            if verdict.status == ParentStatus.not_implemented:
                reason = self.readable(verdict.reason, reg_id)
            cell = StatusCell(verdict.status.value, name_of(STATUS_LABEL[verdict.status]), reason)
            statuses.append((self.regulation_link(page, reg_id, raw=True), cell))
        return CentralDutyView(
            head=head_of(duty.summary.zh),
            summary=name_of(duty.summary),
            duty=self.duty_link(page, entry.ref),
            text=entry.provision.text,
            owners=self.owners(page, duty),
            quote=duty.quote,
            tree=self.tree_nodes(page, self.implementation_tree(entry.ref)),
            locals=tuple(statuses),
            has_locals=bool(locals_),
        )

    # -- topics --------------------------------------------------------------------------------
    def topic_owners(self, topic_id: str) -> dict[str, dict[Level, set[str]]]:
        """regulation → owner level → owner ids, for the duties of one topic."""
        out: dict[str, dict[Level, set[str]]] = defaultdict(lambda: defaultdict(set))
        for e in self.by_topic.get(topic_id, []):
            for o in e.duty.owners:
                actor = self.ps.actors.get(o.actor)
                if actor is not None:
                    out[e.regulation.id][actor.level].add(o.actor)
        return out

    def topic(self, topic_id: str) -> TopicView:
        page = self.paths.topic(topic_id)
        topic = self.ps.topics[topic_id]
        owners = self.topic_owners(topic_id)
        levels = [lv for lv in Level if any(by.get(lv) for by in owners.values())]
        entries = self.by_topic.get(topic_id, [])
        per: dict[str, int] = defaultdict(int)
        duties: tuple[tuple[DutyLink, tuple[Owner, ...]], ...] = ()
        if len(entries) > self.page_rows:
            # too many to list one by one: how many each regulation has, its page lists them
            for e in entries:
                per[e.regulation.id] += 1
        else:
            duties = tuple(
                (self.duty_link(page, e.ref, True), self.owners(page, e.duty, True)) for e in entries
            )
        return TopicView(
            head=head_of(topic.name),
            note=self.readable(topic.note) if topic.note else None,
            levels=tuple(name_of(LEVEL_LABEL[lv]) for lv in levels),
            owners=self.owner_rows(page, owners, levels),
            total=len(entries),
            per_regulation=tuple(CountRow(self.regulation_link(page, r, True), n) for r, n in per.items()),
            duties=duties,
        )

    def owner_rows(
        self, page: str, owners: dict[str, dict[Level, set[str]]], levels: list[Level]
    ) -> tuple[tuple[Link, tuple[OwnerCell, ...]], ...]:
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
                links = tuple(self.actor_link(page, a, raw=True) for a in sorted(mine))
                cell = OwnerCell(links)
                # a local rule is compared only at the levels it governs: a province does not
                # restate the central organs' duties, and their absence is no difference
                if parent is not None and lv in governed_levels(reg.level):
                    theirs = owners.get(parent, {}).get(lv, set())
                    # owners compare by the role they fill (武邑县人民政府 → county government)
                    mine_roles = {role_of(self.ps, a) for a in mine}
                    their_roles = {role_of(self.ps, a) for a in theirs}
                    if mine_roles != their_roles:
                        cell = OwnerCell(
                            links,
                            tuple(self.actor_name(a) for a in sorted(mine_roles - their_roles)),
                            tuple(self.actor_name(a) for a in sorted(their_roles - mine_roles)),
                            differs=True,
                        )
                cells.append(cell)
            table.append((self.regulation_link(page, reg_id, raw=True), tuple(cells)))
        return tuple(table)

    # -- actors --------------------------------------------------------------------------------
    def list_rows(self, actor_id: str) -> dict[str, list[Row]]:
        """The actor's 责任清单, one list per regulation: the rows its page shows and its XLSX
        holds (responsibility_list.actor_rows, computed once per actor)."""
        found = self._rows.get(actor_id)
        if found is None:
            found = self._rows[actor_id] = actor_rows(self.ps, actor_id)
        return found

    def list_parts(self, actor_id: str) -> list[ListPart]:
        """Where the actor's 责任清单 is shown: on its page, or, when longer than `page_rows`
        rows, in parts of whole regulations on pages of their own, each with its XLSX."""
        sheets = self.list_rows(actor_id)
        if sum(len(r) for r in sheets.values()) <= self.page_rows:
            return [ListPart(self.paths.actor(actor_id), self.paths.actor_xlsx(actor_id), sheets)]
        return [
            ListPart(self.paths.actor_part(actor_id, n), self.paths.actor_part_xlsx(actor_id, n), part)
            for n, part in enumerate(split_sheets(sheets, self.page_rows), 1)
        ]

    def fillers(self, role_id: str) -> list[str]:
        """The concrete bodies that fill a role type (武邑县人民政府 for 县级政府)."""
        return self._fillers.get(role_id, [])

    def responsibility_list(
        self, page: str, actor: Actor, sheets: dict[str, list[Row]], anchored: bool = False
    ) -> ResponsibilityList:
        """The 责任清单: one table per regulation, exactly the rows (and order, and owners) of the
        XLSX beside the page, each basis linking to its duty in the text."""
        tables = []
        for reg_id, rows in sheets.items():
            target = self.paths.regulation(reg_id)
            out = []
            for r in rows:
                e = self.ps.duty_entry(r.duty)
                # the XLSX's basis (《title》第N条), with the provision apart for its mark (cite_a)
                source = r.basis.removesuffix(e.citation)
                href = self.url(page, target, anchor(e.provision.id, e.duty.id))
                basis = DutyLink(e.ref, source, r.basis[len(source) :], "", href)
                out.append(((str(r.number), *(str(c) for c in r.cells()[1:-1])), basis))
            tables.append(ListTable(reg_id, self.regulation_link(page, reg_id), tuple(out)))
        return ResponsibilityList(
            tables=tuple(tables),
            headers=tuple(name_of(h) for h in HEADERS),
            headed=anchored or len(sheets) > 1,
            anchored=anchored,
            empty_is_role=bool(self.fillers(actor.id)),
        )

    def actor(self, actor: Actor) -> ActorView:
        page = self.paths.actor(actor.id)
        sheets = self.list_rows(actor.id)
        entries = [self.ps.duty_entry(r.duty) for rows in sheets.values() for r in rows]
        parts = self.list_parts(actor.id)
        split = len(parts) > 1
        contents = tuple(
            (
                Link(Name(self.ps.regulations[reg_id].title.zh), self.md(page, part.page, reg_id)),
                len(rows),
                Link(Name(str(n)), self.md(page, part.page)),
            )
            for n, part in enumerate(parts, 1)
            for reg_id, rows in part.sheets.items()
        )
        bodies = self.fillers(actor.id)
        counted = sum(len(self.by_actor.get(b, [])) for b in bodies) > self.page_rows
        fillers = tuple(
            Filler(
                Link(Name(self.ps.actors[b].name.zh), self.md(page, self.paths.actor(b))),
                () if counted else tuple(self.duty_link(page, e.ref) for e in self.by_actor.get(b, [])),
                len(self.by_actor.get(b, [])),
            )
            for b in bodies
        )
        return ActorView(
            head=head_of(actor.name),
            level=name_of(LEVEL_LABEL[actor.level]),
            kind=name_of(ACTOR_KIND_LABEL[actor.kind]),
            part_of=self.actor_link(page, actor.part_of) if actor.part_of else None,
            role=self.actor_link(page, actor.role) if actor.role else None,
            place=self.place_name(actor.place) if actor.place else None,
            members=tuple(self.actor_link(page, m) for m in actor.members),
            shared=tuple(self.actor_link(page, s) for s in sorted(self.owning[actor.id] - {actor.id})),
            note=self.readable(actor.note) if actor.note else None,
            parts=contents if split else (),
            part_count=len(parts),
            regulations=sum(len(p.sheets) for p in parts),
            total=len(entries),
            xlsx=self.md(page, self.paths.actor_xlsx(actor.id)) if actor.id in self.xlsx and entries else "",
            list=None if split else self.responsibility_list(page, actor, sheets),
            fillers=fillers,
            fillers_counted=counted,
            chain=self.chain(actor.id),
            topic_counts=self.topic_counts(page, entries) if split else (),
            by_topic=() if split else self.by_topic_groups(page, entries),
        )

    def actor_part(self, actor: Actor, parts: list[ListPart], n: int) -> ActorPartView:
        """One part of a long 责任清单: its regulations' tables and the XLSX of exactly them."""
        part = parts[n - 1]
        page = part.page
        # the rows are on the regulations' pages too: search finds them there, and the actor's
        # own page by its name
        return ActorPartView(
            head=head_of(f"{actor.name.zh} 责任清单（第{n}/{len(parts)}页）", actor.name.en, searched=False),
            actor=Link(Name(actor.name.zh), self.md(page, self.paths.actor(actor.id))),
            previous=self.md(page, parts[n - 2].page) if n > 1 else "",
            next=self.md(page, parts[n].page) if n < len(parts) else "",
            xlsx=self.md(page, part.xlsx) if actor.id in self.xlsx else "",
            list=self.responsibility_list(page, actor, part.sheets, anchored=True),
        )

    def topic_counts(self, page: str, entries: list[DutyEntry]) -> tuple[tuple[Link, int], ...]:
        """Duties per topic, linked to the topic's page (the rows themselves are in the parts)."""
        counts: dict[str, int] = defaultdict(int)
        for e in entries:
            for t in e.duty.topics or [""]:
                counts[t] += 1
        known = [
            (Link(name_of(self.ps.topics[t].name), self.md(page, self.paths.topic(t))), counts[t])
            for t in self.ps.topics
            if t in counts
        ]
        other = [
            (Link(Name("未归类", "Without a topic") if t == "" else Name(t)), counts[t])
            for t in sorted(t for t in counts if t not in self.ps.topics)
        ]
        return (*known, *other)

    def by_topic_groups(self, page: str, entries: list[DutyEntry]) -> tuple[TopicGroup, ...]:
        groups: dict[str, list[DutyEntry]] = defaultdict(list)
        for e in entries:
            for t in e.duty.topics or [""]:
                groups[t].append(e)
        order = [t for t in self.ps.topics if t in groups] + sorted(
            t for t in groups if t not in self.ps.topics
        )
        out = []
        for t in order:
            topic = self.ps.topics.get(t)
            if t == "":
                title = Link(Name("未归类", "Without a topic"))
            elif topic is None:
                title = Link(Name(t))
            else:
                title = Link(name_of(topic.name), self.md(page, self.paths.topic(t)))
            rows = []
            for e in sorted(groups[t], key=lambda x: (x.regulation.id, x.ref)):
                reg_page = self.paths.regulation(e.regulation.id)
                kinds = sorted({RESPONSIBILITY_LABEL[o.responsibility][0] for o in e.duty.owners})
                rows.append(
                    (
                        Link(Name(e.regulation.title.zh), self.url(page, reg_page)),
                        DutyLink(
                            e.ref, "", self.cite(e), "", self.url(page, reg_page, anchor(e.provision.id))
                        ),
                        Link(
                            Name(e.duty.summary.zh),
                            self.url(page, reg_page, anchor(e.provision.id, e.duty.id)),
                        ),
                        "、".join(kinds),
                        FREQUENCY_LABEL[e.duty.frequency][0] if e.duty.frequency else "",
                    )
                )
            out.append(TopicGroup(title, tuple(rows)))
        return tuple(out)

    def chain(self, actor_id: str) -> ChainSection:
        """A diagram per line of regulations the actor takes part in; lines whose diagrams are
        the same share one, headed by each line's name. At most CHAIN_DIAGRAMS are drawn, in
        the order of the lines; `hidden` counts the lines of those left out."""
        found_lines = chain(self.ps, actor_id).lines
        if not found_lines:
            actor = self.ps.actors.get(actor_id)
            if actor is None or not actor.part_of:
                return ChainSection((), 0, actor_id)
            # in no line, yet part of a body: the diagram draws that alone
            edge = ChainEdge(actor_id, "part-of", actor.part_of, ())
            alone = self.chain_view((), 0, (edge,), (actor_id,), actor_id)
            return ChainSection((alone,), 0, actor_id)
        alike: dict[tuple[tuple[ChainEdge, ...], tuple[str, ...]], list[Line]] = {}
        for found in found_lines:
            key = (line_edges(self.ps, found, actor_id), chain_starts(found, actor_id))
            alike.setdefault(key, []).append(found.line)
        views = []
        for (edges, starts), lines in list(alike.items())[:CHAIN_DIAGRAMS]:
            names = tuple(Name(line.zh, line.en) for line in lines[:CHAIN_LINES_NAMED])
            views.append(self.chain_view(names, len(lines) - len(names), edges, starts, actor_id))
        hidden = sum(len(lines) for lines in list(alike.values())[CHAIN_DIAGRAMS:])
        return ChainSection(tuple(views), hidden, actor_id)

    def chain_view(
        self,
        lines: tuple[Name, ...],
        more: int,
        edges: tuple[ChainEdge, ...],
        starts: tuple[str, ...],
        actor_id: str,
    ) -> ChainView:
        """One diagram; `starts` are the bodies whose chain it is (the actor, or the bodies
        filling it in these lines, named beside the diagram), drawn in bold."""
        nodes = sorted({a for e in edges for a in (e.lower, e.upper)})
        # Two bodies joined by several relations get one arrow naming them all: parallel arrows
        # draw their labels on top of each other. A relation that holds only under a condition
        # says so on the arrow; the list below names the condition.
        joined: dict[tuple[str, str], list[str]] = defaultdict(list)
        for e in edges:
            shown = relation(e.relation)[0] + ("（有条件）" if e.conditions else "")
            joined[(e.lower, e.upper)].append(shown)
        return ChainView(
            lines=lines,
            more=more,
            # a node every arrow reaches only by inference is the encoder's reading: 〔〕, as the
            # CLI marks the top of a line (queries.inferred_end, one rule for both)
            nodes=tuple((n, self.chain_name(n, inferred_end(edges, n))) for n in nodes),
            arrows=tuple((src, "、".join(rels), dst) for (src, dst), rels in joined.items()),
            focus=tuple(s for s in starts if s in nodes),
            phrases=tuple(self.chain_phrase(e) for e in edges),
            bodies=tuple(self.chain_name(s) for s in starts if s != actor_id),
        )

    def chain_phrase(self, edge: ChainEdge) -> Phrase:
        """One line of the chain in words: 县级政府接受市级党委和政府考核; with the text's
        conditions when it holds only under them (under any one of several duties' conditions):
        …（条件：发现问题）, …（条件：未完成年度脱贫目标任务；或不负责任）. A side that every
        duty behind it holds only by inference is named 〔〕 in a run of its own (Phrase)."""
        before, after = CHAIN_PHRASE.get(edge.relation, ("→", relation(edge.relation)[0]))
        runs = [
            (self.chain_name(edge.lower, edge.lower_inferred), edge.lower_inferred),
            (before, False),
            (self.chain_name(edge.upper, edge.upper_inferred), edge.upper_inferred),
            (after, False),
        ]
        if edge.conditions:
            runs.append((f"（条件：{'；或'.join(edge.conditions)}）", False))
        return Phrase(tuple((run, marked) for run, marked in runs if run))

    def chain_name(self, actor_id: str, inferred_owner: bool = False) -> str:
        """A body of a chain by its catalogue name; in 〔〕 where the text does not name it
        (Names.as_named's mark of an inferred owner)."""
        actor = self.ps.actors.get(actor_id)
        name = actor.name.zh if actor is not None else actor_id
        return inferred(name) if inferred_owner else name

    # -- regulations ---------------------------------------------------------------------------
    def regulation(self, reg: Regulation) -> RegulationView:
        page = self.paths.regulation(reg.id)
        return RegulationView(
            head=head_of(reg.title),
            document_number=reg.document_number or None,
            issuers=tuple(self.actor_link(page, a) for a in reg.issuers),
            issued=reg.issued,
            effective=reg.effective,
            effective_note=reg.effective_note or None,
            has_effective=bool(reg.effective or reg.effective_note),
            effective_label=effective_label(reg.status),
            level=name_of(LEVEL_LABEL[reg.level]),
            place=self.place_name(reg.jurisdiction),
            status=name_of(REGULATION_STATUS_LABEL[reg.status]),
            implements=tuple(self.reg_ref(page, p) for p in reg.implements),
            children=tuple(self.regulation_link(page, c) for c in self.reg_children.get(reg.id, [])),
            scope=name_of(reg.scope.text) if reg.scope else None,
            heading=tuple(reg.heading),
            note=self.readable(reg.note, reg.id) if reg.note else None,
            relative=tuple(self.relative(page, reg, p) for p in reg.implements if p in self.ps.regulations),
            not_implemented=tuple(
                (self.duty_link(page, ni.duty), self.readable(ni.reason, reg.id))
                for ni in reg.not_implemented
            ),
            body=(
                *(self.provision_block(page, reg, prov.id, 3) for prov in reg.provisions),
                *(self.division_block(page, reg, div, 3) for div in reg.divisions),
            ),
        )

    def division_block(self, page: str, reg: Regulation, div: Division, depth: int) -> DivisionBlock:
        """A division under its heading as printed (一、明确责任, 第二章 省级责任), then its
        provisions and subdivisions one heading level down (Markdown stops at six)."""
        # 一、明确责任 and (一)县抓落实 as printed; 第一章 总则 with the space the texts print
        sep = "" if not div.label or div.label[-1] in "、)）" else " "
        inner = min(depth + 1, 6)
        return DivisionBlock(
            anchor=div.id,
            depth=depth,
            title=(div.label or "") + sep + div.title.zh,
            en=div.title.en or None,
            body=(
                *(self.provision_block(page, reg, prov.id, inner) for prov in div.provisions),
                *(self.division_block(page, reg, sub, inner) for sub in div.divisions),
            ),
        )

    def relative(self, page: str, reg: Regulation, parent: str) -> RelativeView:
        """What the regulation adds, leaves out and reassigns relative to a parent, in words:
        local additions, parent duties addressed to its level that it neither carries out nor
        declines (missing) or declines (not implemented), and carried-out duties whose owner,
        kind of responsibility, modality, frequency or artefacts differ (queries.compare). A
        duty under several topics is one change: each is listed, and counted, once."""
        added = [e for e in self.by_regulation[reg.id] if e.duty.local_addition]
        status: dict[TraceStatus, list[str]] = {s: [] for s in TraceStatus}
        # each parent duty's status in this regulation, as trace() reports it for this one
        # regulation (tracing the whole tree of every parent duty grew with the corpus)
        for e in self.by_regulation[parent]:
            status[parent_status(self.ps, e, reg).status].append(e.ref)
        excerpt = is_excerpt(reg)
        received = None
        if excerpt:
            cites = self.cites(reg)
            received = "、".join(cites.get(p, p) for p in (reg.coverage.received if reg.coverage else []))
        changed = distinct_changes(c for t in compare(self.ps, parent, reg.id).topics for c in t.changed)
        counts: list[tuple[tuple[str, str], int]] = [
            (("已落实的上级职责", "parent duties carried out"), len(status[TraceStatus.implemented])),
            (("说明未实施", "declined with a reason"), len(status[TraceStatus.not_implemented])),
            (("缺失（适用于本级，既未落实也未说明）", "missing"), len(status[TraceStatus.missing])),
        ]
        if excerpt:
            counts.append((("未收录", "not in the received text"), len(status[TraceStatus.not_assessed])))
        counts += [
            (("地方新增", "local additions"), len(added)),
            (("落实但有变化（主体、类型、约束力、频次或材料）", "carried out with changes"), len(changed)),
        ]
        return RelativeView(
            parent=self.regulation_link(page, parent),
            received=received,
            counts=tuple((name_of(k), n) for k, n in counts),
            missing=tuple(self.duty_link(page, ref) for ref in status[TraceStatus.missing]),
            not_assessed=tuple(self.duty_link(page, ref) for ref in status[TraceStatus.not_assessed]),
            changed=tuple(
                ChangeView(
                    self.duty_link(page, c.a.id),
                    self.duty_link(page, c.b.id),
                    tuple(self.field_change(f, c.a.id, c.b.id) for f in c.changes),
                )
                for c in changed
            ),
            added=tuple(
                (
                    self.duty_link(page, e.ref),
                    tuple(self.ps.topics[t].name.zh if t in self.ps.topics else t for t in e.duty.topics),
                )
                for e in added
            ),
        )

    def field_change(self, f: FieldChange, a: str, b: str) -> FieldChangeView:
        """One changed field in words: 责任主体由 县级党委、县级政府 改为 县委 (queries.compare gives
        ids and enum values; this only names them). `a`, `b`: the two duties, whose owners the
        values name."""
        return FieldChangeView(
            FIELD_LABEL.get(f.field, (f.field, f.field))[0],
            self.field_value(f.field, f.a, a),
            self.field_value(f.field, f.b, b),
            "未规定" if f.field == "frequency" else "无",
        )

    def field_value(self, field: str, value: str, duty: str) -> tuple[Link, ...] | None:
        parts = [v for v in value.split(", ") if v and v != "-"]
        if not parts:
            return None
        names: list[str] = []
        marks: list[bool] = []
        for v in parts:
            # an owner the duty's text does not name: 〔〕 and its tooltip, as every owner of the
            # site is named (Names.as_named, render.named)
            guessed = field == "owners" and self.ps.has_duty(duty) and inferred_at(self.ps.duty(duty), v)
            marks.append(guessed)
            if field == "owners" and v in self.ps.actors:
                names.append(self.names.as_named(v, None, with_id=False, inferred=guessed))
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
        return tuple(Link(Name(n), inferred=m) for n, m in zip(names, marks, strict=True))

    def provision_block(self, page: str, reg: Regulation, provision_id: str, depth: int) -> ProvisionBlock:
        """A provision under its label as printed (第九条, 1、); an unlabelled one under how it is
        cited (序言, 第2段), or, as the body of a division, under the division's own heading."""
        prov = self.ps.provision(reg.id, provision_id)
        # a label the text does not print is marked as citations() marks it (labels.inferred)
        label = inferred(prov.label) if prov.label and prov.label_inferred else prov.label
        title: str | None = label or self.citation_of(reg, prov.id)
        if prov.label is None and title and not _UNLABELLED.fullmatch(title):
            title = None  # the body of a division (三、…): the division's heading is its heading
        no_duty = None
        if not prov.duties:
            no_duty = self.readable(prov.no_duty_reason, reg.id) if prov.no_duty_reason else ""
        return ProvisionBlock(
            anchor=anchor(prov.id),
            depth=depth,
            title=title,
            text=prov.text,
            note=self.readable(prov.note, reg.id) if prov.note else None,
            no_duty=no_duty,
            duties=tuple(self.duty_block(page, reg, prov.id, duty) for duty in prov.duties),
        )

    def duty_block(self, page: str, reg: Regulation, provision_id: str, duty: Duty) -> DutyBlock:
        """A duty and its fields (written as raw HTML, so its links are URLs)."""
        ref = f"{reg.id}/{provision_id}/{duty.id}"
        topics = []
        for t in duty.topics:
            topic = self.ps.topics.get(t)
            topics.append(
                Link(name_of(topic.name), self.url(page, self.paths.topic(t))) if topic else Link(Name(t))
            )
        artefacts = []
        for a in duty.artefacts:
            kind = self.ps.artefact_kinds.get(a)
            artefacts.append(name_of(kind.name) if kind else Name(a))
        return DutyBlock(
            anchor=anchor(provision_id, duty.id),
            summary=name_of(duty.summary),
            owners=self.owners(page, duty, raw=True),
            action=name_of(ACTION_LABEL[duty.action]),
            object=name_of(duty.object) if duty.object else None,
            modality=name_of(MODALITY_LABEL[duty.modality]),
            frequency=name_of(FREQUENCY_LABEL[duty.frequency]) if duty.frequency else None,
            deadline=duty.deadline or None,
            condition=name_of(duty.condition) if duty.condition else None,
            counterparties=tuple(
                Counterparty(ROLE_LABEL[c.role][0], self.actor_link(page, c.actor, c.zh, raw=True))
                for c in duty.counterparties
            ),
            artefacts=tuple(artefacts),
            topics=tuple(topics),
            implements=tuple(self.duty_link(page, p, raw=True) for p in duty.implements),
            local_addition=bool(duty.local_addition),
            implemented_by=tuple(self.duty_link(page, c, raw=True) for c in self.implemented_by.get(ref, [])),
            across=self.url(page, self.paths.duty(ref)) if reg.level == Level.central else "",
            quote=duty.quote,
            note=self.readable(duty.note, reg.id) if duty.note else None,
        )

    # -- notes ---------------------------------------------------------------------------------
    def readable(self, note: str, reg_id: str | None = None) -> str:
        """An encoder's note with the ids it mentions (art_24/direct-exit, central/art_9/overall)
        named as a reader cites them: 第二十四条, 《脱贫攻坚责任制实施办法》第九条. An id that names
        no provision of a loaded regulation is left as written."""

        def name(m: re.Match[str]) -> str:
            reg = self.ps.regulations.get(m["reg"] or reg_id or "")
            cite = self.citation_of(reg, m["prov"]) if reg is not None else ""
            para = re.fullmatch(r"para_(\d+)", m["prov"])
            if reg is not None and not cite and para:
                cite = inferred(f"第{para.group(1)}段")  # an unencoded paragraph, cited as citations() would
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

    def cites(self, reg: Regulation) -> dict[str, str]:
        """How each provision of the regulation is cited (policyset.citations, once each)."""
        found = self.citations.get(reg.id)
        if found is None:
            found = self.citations[reg.id] = citations(reg)
        return found

    def citation_of(self, reg: Regulation, provision_id: str) -> str:
        return self.cites(reg).get(provision_id, "")
