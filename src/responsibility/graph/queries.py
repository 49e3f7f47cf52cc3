"""Questions users ask of the responsibility graph, as pure functions returning dataclasses.

* :func:`who` — the owners of a duty (or of every duty of a provision) and how strongly.
* :func:`owes` — everything an actor owns across regulations, grouped by topic; role types apply
  to the concrete actors that fill them, within the places each regulation governs.
* :func:`chain` — the line of accountability up to the top, and who answers to the actor, per
  line of regulations (:func:`regulation_lines`: a local regulation with those above it).
* :func:`trace` — how one duty is carried out in each implementing regulation, and where not.
* :func:`compare` — two regulations per topic: duties added, dropped, changed; a level matrix.

Every result is a frozen dataclass of plain values (strings, ints, tuples, dicts), so the CLI,
the docs site and the checker share them and :func:`as_data` turns any of them into JSON data.
Every id argument also takes what a person types (武邑县人民政府, central/第十九条), resolved by
:mod:`responsibility.policy.lookup`; an unknown one raises :class:`~responsibility.core.errors.LookupFailure`
naming the nearest.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # imported where a graph is built: networkx costs ~0.4 s at start-up
    import networkx as nx

from responsibility.graph.network import (
    TARGET_RELATIONS,
    EdgeType,
    NodeType,
    graph_of,
    in_edges,
    node_id,
    split_node_id,
)
from responsibility.policy.lookup import (
    actor_id,
    duty_or_provision,
    duty_ref,
    regulation_id,
    regulation_name,
    topic_id,
)
from responsibility.policy.model import LEVEL_ORDER, ActorKind, CounterpartyRole, Duty, Level
from responsibility.policy.names import inferred_at, text_name
from responsibility.policy.policyset import DutyEntry, PolicySet
from responsibility.semantics import (
    ParentStatus,
    accountability_closure,
    ancestors,
    is_inherited,
    parent_status,
    place_at_level,
    place_chain,
    role_closure,
    role_of,
    satisfies,
    within,
)

# -- shared pieces -----------------------------------------------------------------------------


class Basis(StrEnum):
    """Where a link or duty comes from: the regulation's own text, or a parent or a role type;
    for a link of a chain, also a regulation governing the line's area that its own regulation
    does not name as a parent (the central measure, in 麻江's line), or a parent duty that a
    regulation of the line lists as not implemented and none restates: it binds all the same."""

    stated = "stated"
    inherited = "inherited"
    governing = "governing"
    declined = "declined"


@dataclass(frozen=True)
class ActorRef:
    id: str
    zh: str
    en: str | None
    level: str
    kind: str
    place: str | None = None


@dataclass(frozen=True)
class DutyRef:
    """A duty as results cite it: id, where it stands, what it says."""

    id: str
    regulation: str
    article: str
    zh: str
    en: str | None


def actor_ref(ps: PolicySet, actor_id: str) -> ActorRef:
    a = ps.actor(actor_id)
    return ActorRef(a.id, a.name.zh, a.name.en, a.level.value, a.kind.value, a.place)


def duty_ref_of(entry: DutyEntry) -> DutyRef:
    d = entry.duty
    return DutyRef(
        entry.ref,
        entry.regulation.id,
        entry.citation or entry.provision.label or entry.provision.id,  # 一(一)7, not its bare 7、
        d.summary.zh,
        d.summary.en,
    )


def cited_provisions(ps: PolicySet, refs: Iterable[str]) -> tuple[str, ...]:
    """The provisions of duties as printed (一(一)10, 第二十一条), each once however many of its
    duties are among `refs`, in the order of their regulation's text (and the regulations in the
    order first met): two duties of one provision are one provision to cite.

    A duty's id sorts art_21 before art_3; its place in the document does not."""
    order: dict[str, dict[str, int]] = {}  # regulation -> duty ref -> place in its text
    first: dict[tuple[str, str], tuple[int, int]] = {}  # (regulation, article) -> earliest place
    for ref in refs:
        e = ps.duty_entry(ref)
        reg = e.regulation.id
        if reg not in order:
            order[reg] = {d.ref: i for i, d in enumerate(ps.duties(regulation=reg))}
        key = (reg, duty_ref_of(e).article)
        place = (list(order).index(reg), order[reg].get(e.ref, len(order[reg])))
        first[key] = min(first.get(key, place), place)
    return tuple(article for (_, article), _ in sorted(first.items(), key=lambda kv: kv[1]))


def as_data(result: Any) -> Any:
    """Any query result as JSON-ready data (dicts, lists, strings, numbers)."""
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return {f.name: as_data(getattr(result, f.name)) for f in dataclasses.fields(result)}
    if isinstance(result, tuple | list):
        return [as_data(x) for x in result]
    if isinstance(result, dict):
        return {str(k): as_data(v) for k, v in result.items()}
    if isinstance(result, StrEnum):
        return result.value
    return result


# -- who ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnerInfo:
    actor: ActorRef
    responsibility: str
    members: tuple[ActorRef, ...] = ()  # for a composite owner: who shares the duty
    instances: tuple[ActorRef, ...] = ()  # for a role type: the concrete actors that fill it
    named: str | None = None  # the name the duty's text gives it (Owner.zh), where it gives one
    inferred: bool = False  # the text names no such body there: the encoder's (Owner.inferred)


@dataclass(frozen=True)
class DutyOwners:
    duty: DutyRef
    owners: tuple[OwnerInfo, ...]


@dataclass(frozen=True)
class Who:
    query: str
    kind: str  # "duty" or "provision"
    duties: tuple[DutyOwners, ...]


def who(ps: PolicySet, ref: str) -> Who:
    """The owners of a duty, or of every duty of a provision, read from the graph's owns edges."""
    found = duty_or_provision(ps, ref)  # an id or names: central/第十九条
    if found.kind == "duty":
        entries, kind = [ps.duty_entry(found.ref)], "duty"
    else:
        reg, prov = found.ref.split("/")
        entries, kind = ps.duties(reg, prov), "provision"
    g = graph_of(ps)
    index = _index(ps)
    out = []
    for e in entries:
        owners = []
        for u, data in sorted(in_edges(g, node_id(NodeType.duty, e.ref), [EdgeType.owns])):
            aid = split_node_id(u)[1]
            actor = ps.actors[aid]
            members = tuple(actor_ref(ps, m) for m in actor.members)
            # A concrete body has no instances: its members fill roles *through* it, and listing
            # them again as instances named 武邑县委、武邑县人民政府 twice.
            filled = index.instances.get(aid, []) if actor.kind != ActorKind.concrete else []
            instances = tuple(actor_ref(ps, c) for c in filled if c not in actor.members)
            named, guessed = text_name(e.duty, aid), inferred_at(e.duty, aid)
            owners.append(
                OwnerInfo(actor_ref(ps, aid), data["responsibility"], members, instances, named, guessed)
            )
        out.append(DutyOwners(duty_ref_of(e), tuple(owners)))
    return Who(ref, kind, tuple(out))


# -- owes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwedDuty:
    duty: DutyRef
    owner: str  # the owner the text names: the actor, a composite it belongs to, or its role
    responsibility: str
    modality: str
    frequency: str | None
    topics: tuple[str, ...]
    basis: Basis  # inherited when it applies through a role type
    steps: tuple[str, ...]  # member:X / role:X steps from the actor to the owner
    implemented_by: tuple[str, ...]  # other owed duties that carry this one out
    named: str | None = None  # the name the duty's text gives the owner, where it gives one


@dataclass(frozen=True)
class TopicGroup:
    topic: str  # "" for duties without a topic
    zh: str
    en: str | None
    duties: tuple[OwedDuty, ...]


@dataclass(frozen=True)
class Owes:
    actor: ActorRef
    regulation: str | None
    topic: str | None
    total: int  # distinct duties
    groups: tuple[TopicGroup, ...]
    # for a role type: the bodies filling it (under one regulation, those in its area: 武邑's 县长
    # is 武邑县县长), whose own duties — the local rule's — `owes` of the body gives
    filled_by: tuple[ActorRef, ...] = ()


def owes(ps: PolicySet, actor: str, regulation: str | None = None, topic: str | None = None) -> Owes:
    """Everything `actor` owns, across regulations (or one), grouped by topic.

    An actor owns what it is named owner of, what a composite it belongs to owns (it shares the
    joint duty), and — for a concrete actor — what its role type owns under every regulation that
    governs its place (those duties are marked inherited).
    """
    actor = actor_id(ps, actor)  # ids or names: 武邑县人民政府, 规划
    me = actor_ref(ps, actor)
    if regulation is not None:
        regulation = regulation_id(ps, regulation)
    if topic is not None:
        topic = topic_id(ps, topic)
    g = graph_of(ps)
    place = ps.actors[actor].place
    owed: list[OwedDuty] = []
    for owner, steps in role_closure(ps, actor).items():
        for _, v, data in g.out_edges(node_id(NodeType.actor, owner), data=True):
            if data["type"] != EdgeType.owns.value:
                continue
            entry = ps.duty_entry(split_node_id(v)[1])
            reg = entry.regulation
            if regulation is not None and reg.id != regulation:
                continue
            if is_inherited(steps) and place is not None and not within(ps, place, reg.jurisdiction):
                continue
            d = entry.duty
            if topic is not None and topic not in d.topics:
                continue
            owed.append(
                OwedDuty(
                    duty_ref_of(entry),
                    owner,
                    data["responsibility"],
                    d.modality.value,
                    d.frequency.value if d.frequency else None,
                    tuple(d.topics),
                    Basis.inherited if is_inherited(steps) else Basis.stated,
                    steps,
                    (),
                    text_name(d, owner),
                )
            )
    owed = _with_implementers(ps, _most_direct(owed))
    groups: dict[str, list[OwedDuty]] = {}
    for o in owed:
        for t in (o.topics or ("",)) if topic is None else (topic,):
            groups.setdefault(t, []).append(o)
    out = []
    for t in sorted(groups):
        name = ps.topics[t].name if t else None
        rows = sorted(groups[t], key=lambda o: (o.duty.id, o.owner))
        out.append(
            TopicGroup(t, name.zh if name else "(无主题)", name.en if name else "(no topic)", tuple(rows))
        )
    idx = _index(ps)
    if regulation is not None:
        area = ps.regulation(regulation).jurisdiction
        bodies = [a for a in _starts(ps, idx, actor, area) if a != actor]
    else:  # every body filling the role type, wherever it stands
        at = idx.fillers_at.get(actor, {})
        bodies = sorted({a for ids in at.values() for a in ids})
    filled = tuple(actor_ref(ps, a) for a in bodies)
    return Owes(me, regulation, topic, len({o.duty.id for o in owed}), tuple(out), filled)


def _most_direct(owed: list[OwedDuty]) -> list[OwedDuty]:
    """One row per duty: the most direct way it reaches the actor (own name, composite, role)."""
    best: dict[str, OwedDuty] = {}
    for o in owed:
        cur = best.get(o.duty.id)
        key = (o.basis != Basis.stated, len(o.steps), o.owner)
        if cur is None or key < (cur.basis != Basis.stated, len(cur.steps), cur.owner):
            best[o.duty.id] = o
    return list(best.values())


def _with_implementers(ps: PolicySet, owed: list[OwedDuty]) -> list[OwedDuty]:
    refs = {o.duty.id for o in owed}
    by_parent: dict[str, set[str]] = {}
    for ref in refs:
        for parent in ps.duty(ref).implements:
            by_parent.setdefault(parent, set()).add(ref)
    return [dataclasses.replace(o, implemented_by=tuple(sorted(by_parent.get(o.duty.id, ())))) for o in owed]


# -- chain -------------------------------------------------------------------------------------

# The relations that make up the line of accountability (the four).
CHAIN_ROLES: tuple[CounterpartyRole, ...] = (
    CounterpartyRole.reports_to,
    CounterpartyRole.signs_with,
    CounterpartyRole.assessed_by,
    CounterpartyRole.supervised_by,
)


@dataclass(frozen=True)
class Condition:
    """The condition the text puts on a link's duty (有条件的, 发现问题): the link holds only then."""

    zh: str | None
    en: str | None


@dataclass(frozen=True)
class Link:
    """`lower` answers to `upper` (reports to, signs with, is assessed or supervised by).

    ``lower_place``/``upper_place`` say where a role type stands when the chain is followed from
    a concrete actor (the county government above 武邑's townships is the one at 武邑县).
    ``condition`` is the duty's condition as the text gives it: the link holds only under it.
    ``lower_inferred``/``upper_inferred`` say that the link's duty holds that side only as an
    inferred owner (Owner.inferred, :func:`~responsibility.policy.names.inferred_at`): the text
    names no body there, so the link is the encoder's reading, not the text's words; every face
    names such a side in 〔〕.
    """

    lower: str
    lower_place: str | None
    relation: str
    upper: str
    upper_place: str | None
    duty: str
    regulation: str
    basis: Basis
    via: tuple[str, ...]  # why it applies: member:X, role:X, implements:REG, governs:REG
    depth: int
    condition: Condition | None = None
    lower_inferred: bool = False
    upper_inferred: bool = False


class Reaching(Protocol):
    """An arrow of a chain as :func:`inferred_end` reads it: a :class:`Link`, or a face's own
    arrow (a site diagram's edge) that carries the same two fields."""

    @property
    def upper(self) -> str: ...

    @property
    def upper_inferred(self) -> bool: ...


def inferred_end(arrows: Iterable[Reaching], actor: str) -> bool:
    """Whether every arrow reaching `actor` (it is their upper) comes from a duty that holds it
    only as an inferred owner: the line reaches it only on the encoder's reading, so a face names
    it in 〔〕 (the CLI's 顶端, a site diagram's node). False where no arrow reaches it, or one
    comes from the text's words or from how bodies are made up (part-of)."""
    reaching = [k.upper_inferred for k in arrows if k.upper == actor]
    return bool(reaching) and all(reaching)


@dataclass(frozen=True)
class Line:
    """A line of regulations: the regulations in force together where a local one applies.

    That is the regulation (its head), the regulations it implements, transitively, and those
    governing the whole of its area (the central measure governs every place), from the top down.
    Each shared catalogue role (县长, 市级党委和政府) stands in every line; only within one line
    do its links read as one body's answer. Two regulations of one area that no other
    regulation implements make one line, headed by both.
    """

    heads: tuple[str, ...]
    regulations: tuple[str, ...]  # from the top down: 中央, 山西
    area: str  # the heads' jurisdiction: where the line applies
    zh: str  # 山西：中央 + 山西
    en: str  # Shanxi Province: Central + Shanxi Province


@dataclass(frozen=True)
class ChainLine:
    """The chain of an actor within one line of regulations: every link from its regulations.

    `upward` climbs to the top; `downward` holds who answers to the actor directly. `stands` is
    false for a body whose place lies outside the line's area (asked for with `regulation`)."""

    line: Line
    upward: tuple[Link, ...]
    downward: tuple[Link, ...]
    top: tuple[str, ...]  # the actors the upward line ends at (the actor itself, if at the top)
    stands: bool = True
    # For a role type: the bodies filling it in the line, whose links are shown under their
    # names (武邑县县长 for 县长 in 武邑's line); empty: the actor's own links only.
    bodies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chain:
    actor: ActorRef
    regulation: str | None  # the line asked for; None: every line the actor takes part in
    lines: tuple[ChainLine, ...]
    # The lines the actor stands in where it has no link (the one asked for, with `regulation`),
    # so an answer says so rather than leave them out unnoticed or show them empty.
    without: tuple[Line, ...] = ()


@dataclass(frozen=True)
class _Rel:
    """A chain relation oriented by level: `lower` answers to `upper`."""

    lower: str
    upper: str
    relation: str
    duty: str
    regulation: str


@dataclass(frozen=True)
class _Scope:
    """One line's regulations, why each is in it, and what becomes of the parent duties."""

    line: Line
    paths: dict[str, tuple[str, ...]]  # regulation → implements:/governs: steps from the head
    replaced: frozenset[str]  # parent duties a regulation of the line carries out with its own
    # parent duties a regulation of the line declines (not_implemented) and none carries out →
    # the regulations declining: their links stay, for a parent binds where it is not restated
    declined: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class _Index:
    instances: dict[str, list[str]] = field(default_factory=dict)  # role → concrete actors (closure)
    # role → place → its concrete actors at that place or inside it: a walk down from a county
    # finds its townships' bodies without testing every township body of the country
    instances_under: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # role → place → the bodies naming it `role:` at that place or inside it (None: no place), so
    # a line finds those of its area without testing every body of the country
    fillers: dict[str, dict[str | None, list[str]]] = field(default_factory=dict)
    fillers_at: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # … at that very place
    # lower (upper) → regulation → its relations: a line reads only its own regulations'
    up: dict[str, dict[str, list[_Rel]]] = field(default_factory=dict)
    down: dict[str, dict[str, list[_Rel]]] = field(default_factory=dict)
    closures: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # role_closure
    # accountability_closure: through what a body answers, and is answered to, in a chain
    answers: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    lines: tuple[_Scope, ...] | None = None  # every line of the policy set, once computed
    scopes: dict[str, _Scope] = field(default_factory=dict)  # a regulation → the line it heads


_INDEX: weakref.WeakKeyDictionary[PolicySet, _Index] = weakref.WeakKeyDictionary()


def _index(ps: PolicySet) -> _Index:
    found = _INDEX.get(ps)
    if found is not None:
        return found
    idx = _Index()
    for a in ps.actors.values():
        idx.closures[a.id] = role_closure(ps, a.id)
        idx.answers[a.id] = accountability_closure(ps, a.id)
        if a.role is not None:
            fillers = idx.fillers.setdefault(a.role, {})
            places: list[str | None] = [*place_chain(ps, a.place)] or [None]
            for p in places:
                fillers.setdefault(p, []).append(a.id)
            if a.place is not None:
                idx.fillers_at.setdefault(a.role, {}).setdefault(a.place, []).append(a.id)
        if a.kind == ActorKind.concrete:
            for other in idx.closures[a.id]:
                if other != a.id:
                    idx.instances.setdefault(other, []).append(a.id)
                    under = idx.instances_under.setdefault(other, {})
                    for p in place_chain(ps, a.place):
                        under.setdefault(p, []).append(a.id)
    wanted = {r.value for r in CHAIN_ROLES}
    g = graph_of(ps)
    for u, v, data in g.edges(data=True):
        owner, other = split_node_id(u)[1], split_node_id(v)[1]
        relation = data["type"]
        lower, upper = owner, other
        if relation == CounterpartyRole.target.value:
            # The leading group assesses the provinces: each province is assessed by it.
            derived = TARGET_RELATIONS.get(g.nodes[node_id(NodeType.duty, data["duty"])]["action"])
            if derived is None:
                continue
            relation, lower, upper = derived.value, other, owner
        elif relation not in wanted:
            continue
        elif relation == CounterpartyRole.signs_with.value and _rank(ps, other) > _rank(ps, owner):
            lower, upper = other, owner  # the county signs with its townships: they answer to it
        rel = _Rel(lower, upper, relation, data["duty"], data["regulation"])
        idx.up.setdefault(lower, {}).setdefault(rel.regulation, []).append(rel)
        idx.down.setdefault(upper, {}).setdefault(rel.regulation, []).append(rel)
    _INDEX[ps] = idx
    return idx


def _rank(ps: PolicySet, actor: str) -> int:
    """Level rank (central 0 … village 5); `all` and `society` rank with no tier (99)."""
    return LEVEL_ORDER.get(ps.actors[actor].level, 99)


def _members(ps: PolicySet, head: str) -> dict[str, tuple[str, ...]]:
    """The regulations of `head`'s line, each with the steps that bring it in: ``implements:X``
    along the text's own implements links, ``governs:X`` for a regulation governing the whole of
    the head's area that the head does not implement (the central measure, for a county's
    reported practice that names no parent), then what those implement in turn."""
    paths: dict[str, tuple[str, ...]] = {head: ()}
    area = ps.regulations[head].jurisdiction
    todo = deque([head])
    # the text's own implements links first, so a parent they reach is named by them
    enclosing = [r for r in sorted(ps.regulations) if within(ps, area, ps.regulations[r].jurisdiction)]
    for seed in [None, *enclosing]:
        if seed is not None:
            if seed in paths:
                continue
            paths[seed] = (f"governs:{seed}",)
            todo.append(seed)
        while todo:
            cur = todo.popleft()
            for parent in ps.regulations[cur].implements:
                if parent not in paths and parent in ps.regulations:
                    paths[parent] = (*paths[cur], f"implements:{parent}")
                    todo.append(parent)
    return paths


def _reg_order(ps: PolicySet, regs: Iterable[str]) -> tuple[str, ...]:
    """Regulations from the top down (中央, 河北, 衡水, 武邑), by id within a level."""
    return tuple(sorted(regs, key=lambda r: (_reg_rank(ps, r), r)))


def _named_line(ps: PolicySet, heads: tuple[str, ...], regs: tuple[str, ...]) -> Line:
    """The line with its name in both languages: 山西：中央 + 山西. Two regulations the answers
    would name alike (two rules of one county) are told apart by their ids."""
    names: dict[str, dict[str, str]] = {}
    for lang in ("zh", "en"):
        plain = {r: regulation_name(ps, r, lang) for r in regs}
        counts = Counter(plain.values())
        names[lang] = {r: f"{n} ({r})" if counts[n] > 1 else n for r, n in plain.items()}
    zh = "、".join(names["zh"][h] for h in heads) + "：" + " + ".join(names["zh"][r] for r in regs)
    en = ", ".join(names["en"][h] for h in heads) + ": " + " + ".join(names["en"][r] for r in regs)
    return Line(heads, regs, ps.regulations[heads[0]].jurisdiction, zh, en)


def _make_scope(ps: PolicySet, heads: tuple[str, ...], paths: dict[str, tuple[str, ...]]) -> _Scope:
    """A line's scope. A parent duty one of its regulations carries out with a duty of its own
    gives way to that duty's link; one it declines keeps its link, marked declined: a province
    not restating a central duty does not lift it (the central measure binds everywhere)."""
    replaced: set[str] = set()
    declined: dict[str, list[str]] = {}
    order = _reg_order(ps, paths)
    for rid in order:
        replaced |= {p for d in ps.duties(rid) for p in d.duty.implements}
        for n in ps.regulations[rid].not_implemented:
            declined.setdefault(n.duty, []).append(rid)
    kept = {duty: tuple(regs) for duty, regs in sorted(declined.items()) if duty not in replaced}
    return _Scope(_named_line(ps, heads, order), paths, frozenset(replaced), kept)


def _all_lines(ps: PolicySet, idx: _Index) -> tuple[_Scope, ...]:
    """Every line of the policy set: one per regulation that no other implements (a province's
    rule under which no county rule is encoded, each county's rule), those with the very same
    regulations as one; in the order of their heads' ids, as `check` lists regulations."""
    if idx.lines is not None:
        return idx.lines
    implemented = {p for r in ps.regulations.values() for p in r.implements}
    grouped: dict[frozenset[str], tuple[list[str], dict[str, tuple[str, ...]]]] = {}
    for rid in sorted(ps.regulations):
        if rid in implemented:
            continue
        paths = _members(ps, rid)
        heads, _ = grouped.setdefault(frozenset(paths), ([], paths))
        heads.append(rid)
    scopes = []
    for heads, paths in grouped.values():
        # every head is the line's own regulation, however the first one's walk reached the others
        scope = _make_scope(ps, tuple(heads), {**paths, **{h: () for h in heads}})
        scopes.append(scope)
        for h in heads:
            idx.scopes[h] = scope
    idx.lines = tuple(sorted(scopes, key=lambda s: s.line.heads))
    return idx.lines


def _line_scope(ps: PolicySet, idx: _Index, regulation: str) -> _Scope:
    """The line `regulation` heads: the one of :func:`regulation_lines` it heads, or, for a
    regulation others implement (the central measure), it with what it implements."""
    _all_lines(ps, idx)
    found = idx.scopes.get(regulation)
    if found is None:
        found = idx.scopes[regulation] = _make_scope(ps, (regulation,), _members(ps, regulation))
    return found


def regulation_lines(ps: PolicySet) -> tuple[Line, ...]:
    """Every line of regulations of the policy set (see :class:`Line`), in the order of their heads."""
    return tuple(s.line for s in _all_lines(ps, _index(ps)))


def regulation_line(ps: PolicySet, regulation: str) -> Line:
    """The line a regulation heads (an id or a name: 山西): it, what it implements, and what
    governs its whole area."""
    return _line_scope(ps, _index(ps), regulation_id(ps, regulation)).line


def _applies(ps: PolicySet, scope: _Scope, rel: _Rel, place: str | None, below: bool = False) -> bool:
    """Whether a relation of the line holds at `place`: its duty is not one a regulation of the
    line carries out with its own, and its regulation governs the place, or (walking down) part
    of it (a township's rule binds bodies inside the county)."""
    if rel.duty in scope.replaced:
        return False
    if place is None:
        return True
    area = ps.regulations[rel.regulation].jurisdiction
    return within(ps, place, area) or (below and within(ps, area, place))


def _stands_in(ps: PolicySet, place: str | None, area: str) -> bool:
    """Whether a body at `place` stands in a line's area: inside it, or above it (the centre and
    a province stand in the line of each of their counties). A role type, with no place, stands
    in every line; a body of another province in none."""
    return place is None or within(ps, place, area) or within(ps, area, place)


def _resolve(
    ps: PolicySet, idx: _Index, actor: str, place: str | None, area: str, below: bool
) -> list[tuple[str, str | None]]:
    """Where `actor` stands seen from `place`, within the line's `area`: the concrete bodies
    filling a role type there.

    Upward (`below` false) the role sits at the ancestor of `place` at its level; downward it is
    every concrete body of that role inside both `place` and the area (below the centre, in
    山西's line, the bodies in 山西). Without concrete bodies the role stays.
    """
    a = ps.actors[actor]
    if a.kind == ActorKind.concrete or a.place is not None:  # a body, or a joint one (武邑县委和县政府)
        if place is not None and below and not (within(ps, a.place, place) and _stands_in(ps, a.place, area)):
            return []
        return [(actor, a.place)]
    if a.level not in LEVEL_ORDER:
        return [(actor, None)]
    if place is None:
        # a role reached from a role: where the line's area has the body filling it at its own
        # place (县级党委和政府 in 武邑's line is 武邑县委和县政府), it is that body, so one body
        # is not shown under two names with each of its links twice
        at = place_at_level(ps, area, a.level)
        sole = idx.fillers_at.get(actor, {}).get(at, []) if at is not None else []
        return [(c, at) for c in sorted(sole)] or [(actor, None)]
    if below:
        inside = place if within(ps, place, area) else area  # the narrower: the walk stays in the area
        found = idx.instances_under.get(actor, {}).get(inside, [])
        # No concrete body of the role is encoded there: the role still stands inside the place
        # (the townships of 武邑), so only links of regulations that reach that place apply below.
        return [(c, ps.actors[c].place) for c in sorted(found)] or [(actor, inside)]
    at = place_at_level(ps, place, a.level)
    # the body naming the role `role:` at that place first: 县级党委和政府 at 武邑县 is
    # 武邑县委和县政府, one body as the text names it, not its two members each in its stead
    direct = idx.fillers_at.get(actor, {}).get(at, []) if at is not None else []
    at_place = idx.instances_under.get(actor, {}).get(at, []) if at is not None else []
    found = direct or [c for c in at_place if ps.actors[c].place == at]
    return [(c, at) for c in sorted(found)] or [(actor, at)]


def chain(ps: PolicySet, actor: str, regulation: str | None = None) -> Chain:
    """To whom `actor` answers and who answers to it, line of regulations by line.

    The catalogue's roles (县长, 市级党委和政府) are shared by every regulation, so links of 山西
    and 甘肃 meet at one node; read together they would have a county head answer to two
    provinces. So the chain is followed within each line of regulations (:class:`Line`: a local
    regulation with those it implements and those governing its area) and answered per line:
    every line the actor takes part in (it has a link there, and a body with a place stands in
    the line's area), or, with `regulation`, the line that regulation heads. The lines it
    stands in with no link are named in ``Chain.without``, the one asked for as any other.

    Links come from counterparty relations (reports to, signs with, assessed by, supervised by)
    of the duties the actor owns, as its own, as a member of a composite, or through its role
    type, and through the body it is part of or (a joint body) its members
    (``semantics.accountability_closure``), upward and downward alike. Upward the chain climbs
    to the top; downward it holds who answers to the actor directly. A signs-with relation is
    oriented by level (the higher body is above). A link is `stated` when its regulation heads
    the line and it is the actor's own; else `inherited`, or `governing`. A parent duty a
    regulation of the line carries out itself gives way to that regulation's link; one that a
    regulation of the line declines keeps its link, marked `declined`.

    Within a line, a role type stands for the bodies filling it there (``role:``): where the
    line's area has one place for the role (县长 in 武邑's line is 武邑县县长), the chain is that
    body's, under its name; where it has several, the role's own and each body's.
    """
    actor = actor_id(ps, actor)  # an id or a name: 武邑县人民政府
    regulation = None if regulation is None else regulation_id(ps, regulation)
    idx = _index(ps)
    scopes = _all_lines(ps, idx) if regulation is None else (_line_scope(ps, idx, regulation),)
    found = [_chain_in(ps, idx, scope, actor) for scope in scopes]
    # a line the actor stands in with no link is named in `without`, asked for or not, so the
    # answer says so the same way (以下规定线中无链接); one it stands outside stays, to say so
    kept = tuple(c for c in found if c.upward or c.downward or (regulation and not c.stands))
    without = tuple(c.line for c in found if c.stands and not (c.upward or c.downward))
    return Chain(actor_ref(ps, actor), regulation, kept, without)


def _starts(ps: PolicySet, idx: _Index, actor: str, area: str) -> tuple[str, ...]:
    """The bodies whose chains make `actor`'s in a line of `area`: the actor, or for a role type
    the bodies filling it there. One filling the role at the area's own place of the role's
    level is the role there (武邑县县长 is 武邑's line's 县长); bodies inside a wider area are
    some of the role's bodies, shown beside the role."""
    under = idx.fillers.get(actor)
    level = ps.actors[actor].level
    at = place_at_level(ps, area, level) if level in LEVEL_ORDER else None
    if not under:
        return _member_bodies(ps, idx, actor, at) or (actor,)
    exact = idx.fillers_at.get(actor, {})
    sole = tuple(exact.get(at, ())) if at is not None else ()
    if sole:
        return sole
    # those inside the area, those above it (a province's body in a county's line), those unplaced
    found = {*under.get(area, ()), *under.get(None, ())}
    found |= {f for p in place_chain(ps, area)[1:] for f in exact.get(p, ())}
    return (actor, *sorted(found)) if found else (actor,)


def _member_bodies(ps: PolicySet, idx: _Index, actor: str, at: str | None) -> tuple[str, ...]:
    """For a joint role no body fills at `at` itself: the bodies filling each of its members
    there (县级党委和政府主要负责人 in 武邑's line: 武邑县委书记 and 武邑县县长), when every member
    has one, so the joint role's line reads as its members' do; else none."""
    a = ps.actors[actor]
    if a.kind != ActorKind.composite or not a.members or at is None:
        return ()
    found: list[str] = []
    for m in a.members:
        bodies = idx.fillers_at.get(m, {}).get(at, [])
        if not bodies:
            return ()
        found.extend(bodies)
    return tuple(sorted(set(found)))


def _chain_in(ps: PolicySet, idx: _Index, scope: _Scope, actor: str) -> ChainLine:
    if not _stands_in(ps, ps.actors[actor].place, scope.line.area):
        return ChainLine(scope.line, (), (), (), stands=False)
    starts = _starts(ps, idx, actor, scope.line.area)
    up: dict[tuple[Any, ...], Link] = {}
    down: dict[tuple[Any, ...], Link] = {}
    top: set[str] = set()
    for start in starts:
        links, ends = _walk(ps, idx, scope, start, upward=True)
        top |= set(ends) - set(starts)
        # a body's walk meets the role's above it (市级党委和政府 @衡水市 beside 市级党委和政府):
        # one row per link, as within a walk, the role's (walked first) kept
        for k in links:
            up.setdefault((k.lower, k.upper, k.relation, k.duty), k)
        links, _ = _walk(ps, idx, scope, start, upward=False)
        for k in links:
            down.setdefault((k.lower, k.upper, k.relation, k.duty), k)
    upward, downward = _ordered(up.values()), _ordered(down.values())
    if not upward and downward:
        top = set(starts)  # answered to, answering to none: the line's top is the actor itself
    bodies = tuple(s for s in starts if s != actor)
    return ChainLine(scope.line, upward, downward, tuple(sorted(top)), bodies=bodies)


def _ordered(links: Iterable[Link]) -> tuple[Link, ...]:
    """Nearest first, then by ids: one link per (lower, upper, relation, duty) sorts one way."""
    return tuple(sorted(links, key=lambda k: (k.depth, k.lower, k.relation, k.upper, k.duty)))


def _walk(
    ps: PolicySet, idx: _Index, scope: _Scope, start: str, upward: bool
) -> tuple[tuple[Link, ...], tuple[str, ...]]:
    """Upward, the line from `start` to the top, breadth first; downward, the bodies answering
    to `start` directly. A body answers through the bodies it is part of and (a joint body) its
    members (``accountability_closure``), under its own name; downward it is answered to through
    them too, under their names (:func:`_answered`)."""
    links: dict[tuple[str, ...], Link] = {}
    seen = {(start, ps.actors[start].place)}
    todo = deque([(start, ps.actors[start].place, 1)])
    top: set[str] = set()
    relations = idx.up if upward else idx.down
    area = scope.line.area
    while todo:
        cur, place, depth = todo.popleft()
        found = False
        for via_actor, steps in sorted(idx.answers[cur].items()):
            by_regulation = relations.get(via_actor)
            if not by_regulation:
                continue
            answered: list[tuple[str, str | None]] | None = None  # once per body, when a relation applies
            for reg in scope.line.regulations:
                for rel in by_regulation.get(reg, ()):
                    if not _applies(ps, scope, rel, place, below=not upward):
                        continue
                    other = rel.upper if upward else rel.lower
                    if answered is None:
                        answered = _answered(ps, idx, cur, place, via_actor, steps, area)
                    ends = [(cur, place)] if upward else answered
                    # upward, one row per body the text names: 武邑县委 answering as a member of
                    # 武邑县委和县政府 repeats that body's link, listed once, nearest first; `cur`
                    # where the owner stands for several bodies (an unplaced 县委、县政府 read as its
                    # two members), each answering by its own row
                    owner = (answered[0][0] if len(answered) == 1 else cur) if upward else None
                    for nxt, nxt_place in _resolve(ps, idx, other, place, area, below=not upward):
                        found = True
                        for end, end_place in ends:
                            link = _link(ps, scope, rel, end, end_place, nxt, nxt_place, steps, depth, upward)
                            lower = owner or link.lower
                            links.setdefault((lower, link.upper, link.relation, link.duty), link)
                        # downward: who answers to the actor directly, as the site draws it
                        if upward and (nxt, nxt_place) not in seen:
                            seen.add((nxt, nxt_place))
                            todo.append((nxt, nxt_place, depth + 1))
        if not found and upward:
            top.add(cur)
    return _ordered(links.values()), tuple(sorted(top - {start}) if len(seen) > 1 else ())


def _answered(
    ps: PolicySet,
    idx: _Index,
    cur: str,
    place: str | None,
    owner: str,
    steps: tuple[str, ...],
    area: str,
) -> list[tuple[str, str | None]]:
    """Who a downward link answers to: the body the text's duty names (`owner`, reached from
    `cur` by `steps`), placed as any role is. Answering to a body is not answering to each of
    its parts: the townships sign with 县委、县政府, not with 县长, and their leaders with the
    county leading group, not with its office (山西 第三十六条). Nor is it answering to a part
    the walk passed through: 县级党委和政府 reached from 县委书记 through 县级党委 stays
    县级党委和政府, so a link reads the same whichever body is asked about. Through role types
    alone (武邑县县长 filling 县长), the body is `cur` itself, the role's body in the line."""
    if all(s.startswith("role:") for s in steps):
        return [(cur, place)]
    return _resolve(ps, idx, owner, place, area, below=False)


def _link(
    ps: PolicySet,
    scope: _Scope,
    rel: _Rel,
    cur: str,
    place: str | None,
    nxt: str,
    nxt_place: str | None,
    steps: tuple[str, ...],
    depth: int,
    upward: bool,
) -> Link:
    path = scope.paths.get(rel.regulation, ())
    declined = scope.declined.get(rel.duty, ())
    via = (*steps, *path, *(f"not-implemented:{r}" for r in declined))
    if declined:  # binding from above, though no regulation of the line restates it
        basis = Basis.declined
    elif is_inherited(steps):
        basis = Basis.inherited  # through a role type
    elif rel.regulation in scope.line.heads:
        basis = Basis.stated
    else:  # from a parent the text names, or a regulation in force over the whole area
        basis = Basis.governing if path[:1] and path[0].startswith("governs:") else Basis.inherited
    duty = ps.duty(rel.duty)
    condition = Condition(duty.condition.zh, duty.condition.en) if duty.condition is not None else None
    ends = (cur, place, nxt, nxt_place) if upward else (nxt, nxt_place, cur, place)
    lower, lower_place, upper, upper_place = ends
    return Link(
        lower,
        lower_place,
        rel.relation,
        upper,
        upper_place,
        rel.duty,
        rel.regulation,
        basis,
        via,
        depth,
        condition,
        # whether the duty names each side or the encoder attributed it (Owner.inferred): a domain
        # answer, given here once so the CLI, JSON and the site mark the same bodies
        inferred_at(duty, lower),
        inferred_at(duty, upper),
    )


# -- trace -------------------------------------------------------------------------------------


# A regulation's status for a traced duty is semantics.ParentStatus: implemented,
# not-implemented (declined with a reason), missing, not-addressed, not-assessed (an excerpt).
TraceStatus = ParentStatus


@dataclass(frozen=True)
class TraceNode:
    duty: DutyRef
    level: str
    owners: tuple[str, ...]
    children: tuple[TraceNode, ...]


@dataclass(frozen=True)
class RegulationTrace:
    regulation: str
    zh: str
    level: str
    jurisdiction: str
    status: TraceStatus
    duties: tuple[str, ...]  # its duties in the implementation tree
    reason: str | None = None


@dataclass(frozen=True)
class Trace:
    duty: DutyRef
    tree: tuple[TraceNode, ...]  # the duties that implement it, each with its own implementers
    regulations: tuple[RegulationTrace, ...]


def trace(ps: PolicySet, duty: str) -> Trace:
    """How `duty` is carried out: the implementation tree, and each implementing regulation's status.

    The regulations considered are those that implement the duty's regulation, directly or
    through others (a county rule implementing its province's), plus any with a duty in the tree.
    """
    duty = duty_ref(ps, duty)  # an id or names: central/第十九条/建立扶贫项目库
    root = ps.duty_entry(duty)
    g = graph_of(ps)
    tree = _tree(ps, g, duty, {duty})
    in_tree: dict[str, list[str]] = {}
    _collect(tree, in_tree)
    regs = set(in_tree) | _implementers(ps, root.regulation.id)
    rows = [_reg_status(ps, root, r, in_tree) for r in sorted(regs, key=lambda r: (_reg_rank(ps, r), r))]
    return Trace(duty_ref_of(root), tree, tuple(rows))


def _tree(ps: PolicySet, g: nx.MultiDiGraph, ref: str, path: set[str]) -> tuple[TraceNode, ...]:
    children = sorted(
        split_node_id(u)[1] for u, _ in in_edges(g, node_id(NodeType.duty, ref), [EdgeType.implements])
    )
    out = []
    for child in children:
        if child in path:  # a cycle in implements: reported by the graph checks, cut here
            continue
        e = ps.duty_entry(child)
        out.append(
            TraceNode(
                duty_ref_of(e),
                e.regulation.level.value,
                tuple(o.actor for o in e.duty.owners),
                _tree(ps, g, child, path | {child}),
            )
        )
    return tuple(out)


def _collect(nodes: Iterable[TraceNode], acc: dict[str, list[str]]) -> None:
    for n in nodes:
        acc.setdefault(n.duty.regulation, []).append(n.duty.id)
        _collect(n.children, acc)


def _implementers(ps: PolicySet, reg_id: str) -> set[str]:
    """Regulations that implement `reg_id`, directly or through others."""
    found: set[str] = set()
    frontier = {reg_id}
    while frontier:
        frontier = {r.id for r in ps.regulations.values() if frontier & set(r.implements)} - found - {reg_id}
        found |= frontier
    return found


def _reg_rank(ps: PolicySet, reg_id: str) -> int:
    return LEVEL_ORDER.get(ps.regulations[reg_id].level, 99)


def _reg_status(
    ps: PolicySet, root: DutyEntry, reg_id: str, in_tree: dict[str, list[str]]
) -> RegulationTrace:
    reg = ps.regulations[reg_id]
    verdict = parent_status(ps, root, reg)
    reason = None if verdict.status == ParentStatus.implemented else verdict.reason
    return RegulationTrace(
        reg.id, reg.title.zh, reg.level.value, reg.jurisdiction, verdict.status, verdict.duties, reason
    )


def walk_tree(nodes: Iterable[TraceNode], depth: int = 1) -> Iterable[tuple[int, TraceNode]]:
    """The tree in pre-order with depths, for flat rendering."""
    for n in nodes:
        yield depth, n
        yield from walk_tree(n.children, depth + 1)


# -- compare -----------------------------------------------------------------------------------

MATRIX_LEVELS: tuple[Level, ...] = (
    Level.central,
    Level.province,
    Level.city,
    Level.county,
    Level.township,
    Level.village,
    Level.all,
    Level.society,
)


@dataclass(frozen=True)
class FieldChange:
    field: str  # owners | responsibility | modality | frequency | artefacts
    a: str
    b: str


@dataclass(frozen=True)
class Change:
    a: DutyRef
    b: DutyRef
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class TopicDiff:
    topic: str
    zh: str
    en: str | None
    added: tuple[DutyRef, ...]  # in B with no counterpart in A
    dropped: tuple[DutyRef, ...]  # in A with no counterpart in B
    changed: tuple[Change, ...]
    same: int  # counterpart pairs with no change


@dataclass(frozen=True)
class MatrixRow:
    topic: str
    regulation: str
    counts: dict[str, int]  # owner level → duties


@dataclass(frozen=True)
class Comparison:
    a: str
    b: str
    topics: tuple[TopicDiff, ...]
    matrix: tuple[MatrixRow, ...]
    # Distinct duties added and dropped, and distinct counterpart pairs changed and unchanged: a
    # duty with several topics is listed under each topic but counted once here.
    totals: dict[str, int] = field(default_factory=dict)


def _differences(ps: PolicySet, a: Duty, b: Duty) -> tuple[FieldChange, ...]:
    def owners(d: Duty) -> str:
        return ", ".join(sorted({role_of(ps, o.actor) for o in d.owners}))

    def kinds(d: Duty) -> str:
        return ", ".join(sorted({o.responsibility.value for o in d.owners}))

    pairs = [
        ("owners", owners(a), owners(b)),
        ("responsibility", kinds(a), kinds(b)),
        ("modality", a.modality.value, b.modality.value),
        ("frequency", a.frequency.value if a.frequency else "-", b.frequency.value if b.frequency else "-"),
        ("artefacts", ", ".join(sorted(a.artefacts)) or "-", ", ".join(sorted(b.artefacts)) or "-"),
    ]
    return tuple(FieldChange(f, x, y) for f, x, y in pairs if x != y)


def _comparable(ps: PolicySet, a: str, b: str) -> bool:
    """Whether two duties sharing an anchor can be counterparts: one implements the other, or
    their artefacts are compatible (either produces none, or a kind of one satisfies one of the
    other's kinds, either way)."""
    if a in ancestors(ps, b) or b in ancestors(ps, a):
        return True
    arts_a, arts_b = ps.duty(a).artefacts, ps.duty(b).artefacts
    if not arts_a or not arts_b:
        return True
    return any(satisfies(ps, x, y) or satisfies(ps, y, x) for x in arts_a for y in arts_b)


def compare(ps: PolicySet, reg_a: str, reg_b: str) -> Comparison:
    """Regulation B against A, per topic.

    Two duties are counterparts when one implements the other (directly or through others) or
    both implement a common duty (two provinces carrying out one central article) — unless both
    produce artefacts and none of one's kinds satisfies one of the other's (semantics.satisfies):
    two provinces that split one central duty into a rolling plan and an annual plan have no
    counterpart for each other's plan. Owners are compared by role type, so 武邑县委 matches 县级党委.
    """
    reg_a, reg_b = regulation_id(ps, reg_a), regulation_id(ps, reg_b)
    da, db = ps.duties(reg_a), ps.duties(reg_b)
    anchors_a = {e.ref: ancestors(ps, e.ref) for e in da}
    by_anchor: dict[str, set[str]] = {}
    for ref, anc in anchors_a.items():
        for x in anc:
            by_anchor.setdefault(x, set()).add(ref)
    pairs: set[tuple[str, str]] = set()
    for e in db:
        for x in ancestors(ps, e.ref):
            pairs |= {(a, e.ref) for a in by_anchor.get(x, ()) if _comparable(ps, a, e.ref)}
    paired_a, paired_b = {a for a, _ in pairs}, {b for _, b in pairs}
    diffs: dict[str, dict[str, list[Any]]] = {}

    def bucket(t: str) -> dict[str, list[Any]]:
        return diffs.setdefault(t, {"added": [], "dropped": [], "changed": [], "same": []})

    for e in da:
        if e.ref not in paired_a:
            for t in e.duty.topics or [""]:
                bucket(t)["dropped"].append(duty_ref_of(e))
    for e in db:
        if e.ref not in paired_b:
            for t in e.duty.topics or [""]:
                bucket(t)["added"].append(duty_ref_of(e))
    for a, b in sorted(pairs):
        ea, eb = ps.duty_entry(a), ps.duty_entry(b)
        changes = _differences(ps, ea.duty, eb.duty)
        for t in sorted(set(ea.duty.topics) | set(eb.duty.topics)) or [""]:
            if changes:
                bucket(t)["changed"].append(Change(duty_ref_of(ea), duty_ref_of(eb), changes))
            else:
                bucket(t)["same"].append(b)
    topics = []
    for t in sorted(diffs):
        d = diffs[t]
        name = ps.topics[t].name if t else None
        topics.append(
            TopicDiff(
                t,
                name.zh if name else "(无主题)",
                name.en if name else "(no topic)",
                tuple(d["added"]),
                tuple(d["dropped"]),
                tuple(d["changed"]),
                len(d["same"]),
            )
        )
    changed = {p for p in pairs if _differences(ps, ps.duty(p[0]), ps.duty(p[1]))}
    totals = {
        "added": len({e.ref for e in db} - paired_b),
        "dropped": len({e.ref for e in da} - paired_a),
        "changed": len(changed),
        "unchanged": len(pairs) - len(changed),
    }
    matrix = _matrix(ps, [reg_a, reg_b] if reg_a != reg_b else [reg_a])
    return Comparison(reg_a, reg_b, tuple(topics), matrix, totals)


def _matrix(ps: PolicySet, regs: list[str]) -> tuple[MatrixRow, ...]:
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for reg in regs:
        for e in ps.duties(reg):
            levels = {ps.actors[o.actor].level.value for o in e.duty.owners}
            for t in e.duty.topics or [""]:
                row = counts.setdefault((t, reg), {lv.value: 0 for lv in MATRIX_LEVELS})
                for lv in levels:
                    row[lv] += 1
    order = {r: i for i, r in enumerate(regs)}
    keys = sorted(counts, key=lambda k: (k[0], order[k[1]]))
    return tuple(MatrixRow(t, r, counts[(t, r)]) for t, r in keys)


__all__ = [
    "ActorRef",
    "Basis",
    "Chain",
    "ChainLine",
    "Change",
    "Comparison",
    "Condition",
    "DutyOwners",
    "DutyRef",
    "Line",
    "Link",
    "MatrixRow",
    "OwedDuty",
    "Owes",
    "Reaching",
    "RegulationTrace",
    "TopicDiff",
    "TopicGroup",
    "Trace",
    "TraceNode",
    "TraceStatus",
    "Who",
    "as_data",
    "chain",
    "compare",
    "inferred_end",
    "owes",
    "regulation_line",
    "regulation_lines",
    "trace",
    "walk_tree",
    "who",
]
