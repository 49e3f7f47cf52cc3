"""The domain's questions, answered once: every face (check, trace, compare, chain, owes, the
site, the 责任清单, evidence, the graph checks) asks them here.

It reads only the model and the policy set, so it sits below the graph, the queries, the checks
and the site (model ← policyset ← semantics ← graph/computable ← checks ← faces).
``docs/semantics.md`` explains each answer and which command shows it.

* **Applicability** — :func:`parent_status`: what a parent duty is to a local regulation —
  implemented, declined (``not_implemented``), missing, not addressed to its levels, or not
  assessed (the local text is an excerpt and the duty is not carried out in what was received).
  :func:`applies` decides the level question: a duty applies when one of its owners sits at a
  level the regulation governs (its own and every one below), at ``all`` (各级: every level),
  or in ``society`` (社会各界: everywhere, so in the regulation's area too).
* **Place containment** — :func:`within`.
* **Role matching** — :func:`role_of`, :func:`owner_roles`, :func:`role_closure`.
* **Artefact satisfaction** — :func:`satisfies` through the catalogue's ``satisfies`` relation.
* **Accountability** — :func:`accountability_closure`: an actor answers through its role type,
  every composite it is a member of and every body it is part of.
* **Notes** — :func:`explanation`: the note an encoder wrote about a duty, wherever it sits.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from responsibility.policy.model import (
    LEVEL_ORDER,
    ActorKind,
    CoverageKind,
    Duty,
    Level,
    ParentStatus,
    Regulation,
)
from responsibility.policy.policyset import DutyEntry, PolicySet

# -- levels and applicability ------------------------------------------------------------------


def governed_levels(level: Level) -> frozenset[Level]:
    """The levels a regulation at `level` governs: its own and every one below.

    A regulation at ``all`` or ``society`` (none ships) governs every tier.
    """
    if level not in LEVEL_ORDER:
        return frozenset(LEVEL_ORDER)
    return frozenset(lv for lv, rank in LEVEL_ORDER.items() if rank >= LEVEL_ORDER[level])


def duty_levels(ps: PolicySet, duty: Duty) -> frozenset[Level]:
    """The levels of a duty's owners, as the catalogue places them."""
    return frozenset(ps.actors[o.actor].level for o in duty.owners if o.actor in ps.actors)


# Owner levels that bind every tier: 各级 (all) and 社会各界 (society, wherever the rule governs).
EVERY_LEVEL: frozenset[Level] = frozenset({Level.all, Level.society})


def applies(ps: PolicySet, duty: Duty, reg: Regulation) -> bool:
    """Whether `duty` is addressed to a level `reg` governs (see :func:`applicability_reason`)."""
    levels = duty_levels(ps, duty)
    return bool(levels & (governed_levels(reg.level) | EVERY_LEVEL))


def applicability_reason(ps: PolicySet, duty: Duty, reg: Regulation) -> str:
    """Why `duty` does or does not apply to `reg`, in one line naming the owners' levels."""
    levels = duty_levels(ps, duty)
    mine = levels & governed_levels(reg.level)
    if mine:
        return f"owned at {_names(mine)}, a level {reg.id} ({reg.level.value}) governs"
    if Level.all in levels:
        return "owned at all levels (各级), which binds every level"
    if Level.society in levels:
        return "owned by society (社会各界), which the duty binds wherever it applies"
    return f"every owner sits at {_names(levels)}, above {reg.id} ({reg.level.value})"


def _names(levels: Iterable[Level]) -> str:
    return "/".join(sorted(lv.value for lv in levels))


@dataclass(frozen=True)
class Verdict:
    """A parent duty's status in one local regulation, why, and the local duties that carry it out."""

    status: ParentStatus
    reason: str
    duties: tuple[str, ...] = ()  # local duties implementing it (directly or transitively)


def implementers(ps: PolicySet, parent_ref: str, reg_id: str) -> tuple[str, ...]:
    """Duties of `reg_id` that implement `parent_ref`, directly or through other duties."""
    return _implemented_in(ps, reg_id).get(parent_ref, ())


def _implemented_in(ps: PolicySet, reg_id: str) -> dict[str, tuple[str, ...]]:
    """Each duty some duty of `reg_id` implements (directly or through others) → those duties.

    Grouped once per regulation from its own duties' ancestors: C001 asks about every parent
    duty of every local rule, and a central duty's page about each of a thousand regulations;
    going down from the parent instead visited every descendant of a central duty (a duty in
    every rule of the country) once per parent duty asked about.
    """
    found = _BY_REGULATION.get(ps)
    if found is None:
        found = _BY_REGULATION[ps] = {}
    by_parent = found.get(reg_id)
    if by_parent is None:
        acc: dict[str, list[str]] = {}
        for e in ps.duties(regulation=reg_id) if reg_id in ps.regulations else ():
            for p in ancestors(ps, e.ref):
                if p != e.ref:
                    acc.setdefault(p, []).append(e.ref)
        by_parent = found[reg_id] = {p: tuple(sorted(ds)) for p, ds in acc.items()}
    return by_parent


def descendants(ps: PolicySet, ref: str) -> frozenset[str]:
    """Every duty that implements `ref`, directly or through other duties (not `ref` itself)."""
    found = _DESCENDANTS.get(ps)
    if found is None:
        acc: dict[str, set[str]] = {}
        for child, parents in _ancestor_index(ps).items():
            for p in parents - {child}:
                acc.setdefault(p, set()).add(child)
        found = _DESCENDANTS[ps] = {k: frozenset(v) for k, v in acc.items()}
    return found.get(ref, frozenset())


def ancestors(ps: PolicySet, ref: str) -> frozenset[str]:
    """The duty and every duty it implements, transitively (duties outside the library are kept
    as ids but not followed)."""
    return _ancestor_index(ps).get(ref, frozenset({ref}))


_ANCESTORS: weakref.WeakKeyDictionary[PolicySet, dict[str, frozenset[str]]] = weakref.WeakKeyDictionary()
_DESCENDANTS: weakref.WeakKeyDictionary[PolicySet, dict[str, frozenset[str]]] = weakref.WeakKeyDictionary()
_BY_REGULATION: weakref.WeakKeyDictionary[PolicySet, dict[str, dict[str, tuple[str, ...]]]] = (
    weakref.WeakKeyDictionary()
)


def _ancestor_index(ps: PolicySet) -> dict[str, frozenset[str]]:
    found = _ANCESTORS.get(ps)
    if found is None:
        # duty → the duties it names, read once: only duties in the library are followed further
        names = {e.ref: e.duty.implements for e in ps.all_duties()}
        found = {}
        for ref in names:
            out = {ref}
            todo = [ref]
            while todo:
                for parent in names.get(todo.pop(), ()):
                    if parent not in out:
                        out.add(parent)
                        todo.append(parent)
            found[ref] = frozenset(out)
        _ANCESTORS[ps] = found
    return found


def parent_status(ps: PolicySet, parent: DutyEntry, reg: Regulation) -> Verdict:
    """The one answer to "what is this parent duty to this local regulation?".

    In order: implemented when some duty of `reg` implements it (directly or through another
    duty); declined when `reg` lists it, or a duty that implements it, in ``not_implemented``;
    not addressed when no owner sits at a level `reg` governs (nor at 各级 or in society); not
    assessed when `reg` is an excerpt (``coverage: excerpt``), since the provisions not received
    may carry it out; otherwise missing. C001, ``trace`` and the site's 缺失 lists all read it.
    """
    mine = implementers(ps, parent.ref, reg.id)
    if mine:
        return Verdict(ParentStatus.implemented, f"carried out by {', '.join(mine)}", mine)
    declined = {n.duty: n.reason for n in reg.not_implemented}
    # listed itself or through a duty implementing it (one whose ancestors include it); the
    # first such duty in id order gives the reason
    tree = sorted(d for d in declined if parent.ref in ancestors(ps, d))
    reason = declined[tree[0]] if tree else None
    if reason is not None:
        return Verdict(ParentStatus.not_implemented, reason)
    if not applies(ps, parent.duty, reg):
        return Verdict(ParentStatus.not_addressed, applicability_reason(ps, parent.duty, reg))
    if is_excerpt(reg):
        received = ", ".join(reg.coverage.received) if reg.coverage else ""
        return Verdict(
            ParentStatus.not_assessed,
            f"未收录 not in the received text: {reg.id} is an excerpt ({received}); "
            + applicability_reason(ps, parent.duty, reg),
        )
    return Verdict(ParentStatus.missing, applicability_reason(ps, parent.duty, reg))


def is_excerpt(reg: Regulation) -> bool:
    """Whether the regulation records that only part of its text was received."""
    return reg.coverage is not None and reg.coverage.kind == CoverageKind.excerpt


# -- places ------------------------------------------------------------------------------------


def place_chain(ps: PolicySet, place: str | None) -> list[str]:
    """The place and its ancestors, innermost first: 武邑县, 衡水市, 河北省, 中国."""
    out: list[str] = []
    while place is not None and place not in out:
        out.append(place)
        parent = ps.places.get(place)
        place = parent.parent if parent else None
    return out


def within(ps: PolicySet, place: str | None, area: str) -> bool:
    """Whether `place` lies in `area` (or is it).

    A catalogued place is inside `area` when `area` is on its chain of parents. A place the
    catalogue does not list (a fact row about a county not encoded) is placed by its id, which
    nests by dots: ``cn.shanxi.xinzhou.kelan`` is within ``cn.shanxi``.
    """
    if place is None:
        return False
    if place in ps.places:
        return area in place_chain(ps, place)
    return place == area or place.startswith(area + ".")


def place_at_level(ps: PolicySet, place: str | None, level: Level) -> str | None:
    """The ancestor (or self) of `place` at `level`, if the place hierarchy has one."""
    for p in place_chain(ps, place):
        if ps.places[p].level == level:
            return p
    return None


# -- roles -------------------------------------------------------------------------------------


def role_of(ps: PolicySet, actor_id: str) -> str:
    """The role type an actor fills.

    A concrete body fills its role (武邑县人民政府 → county.government); a composite of concrete
    bodies (武邑县委和县政府) fills the role composite with the same member roles (县级党委和政府);
    anything else is its own role.
    """
    a = ps.actors.get(actor_id)
    if a is None:
        return actor_id
    if a.kind == ActorKind.concrete and a.role:
        return a.role
    if a.kind == ActorKind.composite and a.role:
        return a.role
    if a.kind == ActorKind.composite:
        roles = frozenset(role_of(ps, m) for m in a.members)
        for c in ps.actors.values():
            if c.kind == ActorKind.composite and c.id != a.id and frozenset(c.members) == roles:
                return c.id
    return actor_id


def owner_roles(ps: PolicySet, actor_id: str) -> frozenset[str]:
    """The roles an owner stands for: its own role, and for a composite each member's role."""
    actor = ps.actors.get(actor_id)
    if actor is None:
        return frozenset({actor_id})
    roles = {role_of(ps, actor_id)}
    base = ps.actors.get(role_of(ps, actor_id), actor)
    for m in {*actor.members, *base.members}:
        roles.add(role_of(ps, m))
    return frozenset(roles)


def same_owner(ps: PolicySet, a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two owner lists share a role (a concrete body matches its role, a composite each
    member's): the test C003 and evidence matching use."""
    roles_a = frozenset().union(*(owner_roles(ps, x) for x in a))
    roles_b = frozenset().union(*(owner_roles(ps, x) for x in b))
    return bool(roles_a & roles_b)


def _composites(ps: PolicySet) -> dict[str, list[str]]:
    """Member id → the composites it belongs to (cached per policy set)."""
    found = _COMPOSITES.get(ps)
    if found is None:
        found = {}
        for a in ps.actors.values():
            if a.kind == ActorKind.composite:
                for m in a.members:
                    found.setdefault(m, []).append(a.id)
        _COMPOSITES[ps] = found
    return found


_COMPOSITES: weakref.WeakKeyDictionary[PolicySet, dict[str, list[str]]] = weakref.WeakKeyDictionary()


def _closure(ps: PolicySet, actor: str, part_of: bool) -> dict[str, tuple[str, ...]]:
    composites = _composites(ps)
    out: dict[str, tuple[str, ...]] = {actor: ()}
    todo = [actor]
    start = ps.actors.get(actor)
    if part_of and start is not None and start.kind == ActorKind.composite:
        # a joint owner answers as its members do (县级党委和政府 through 县委 and 县政府); only
        # from the start, so a member never answers through its fellow members
        for m in start.members:
            if m not in out:
                out[m] = (f"has-member:{m}",)
                todo.append(m)
    while todo:
        cur = todo.pop(0)
        nxt: list[tuple[str, str]] = [(c, f"member:{c}") for c in sorted(composites.get(cur, []))]
        a = ps.actors.get(cur)
        if a is not None and a.role is not None:
            nxt.append((a.role, f"role:{a.role}"))
        if part_of and a is not None and a.part_of is not None:
            nxt.append((a.part_of, f"part-of:{a.part_of}"))
        for target, step in nxt:
            if target not in out:
                out[target] = (*out[cur], step)
                todo.append(target)
    return out


def role_closure(ps: PolicySet, actor: str) -> dict[str, tuple[str, ...]]:
    """The actor ids whose duties apply to `actor`, each with the steps that lead there.

    Steps are ``member:X`` (a member of composite X shares X's duties) and ``role:X`` (a concrete
    actor fills role type X). The actor itself maps to ``()``.
    """
    return _closure(ps, actor, part_of=False)


def accountability_closure(ps: PolicySet, actor: str) -> dict[str, tuple[str, ...]]:
    """The actor ids through which `actor` answers upward, with the steps that lead there.

    As :func:`role_closure`, plus ``part-of:X``: a member of a body answers through the body
    (武邑县委书记 through 武邑县委, which reports every year as part of 县委、县政府). Duties do
    not pass down this way: the secretary does not own what the committee owns. A composite
    also answers through its members (``has-member:X``). G003 and ``chain`` follow it.
    """
    return _closure(ps, actor, part_of=True)


def is_inherited(steps: tuple[str, ...]) -> bool:
    """A duty reached through a role type is inherited; through a composite, it is the actor's own."""
    return any(s.startswith("role:") for s in steps)


# -- artefacts ---------------------------------------------------------------------------------


def satisfied_by(ps: PolicySet, kind: str) -> frozenset[str]:
    """The kinds an artefact of `kind` counts as: itself and, transitively, each kind the
    catalogue says it `satisfies` (a rolling plan is an implementation plan)."""
    out = {kind}
    todo = [kind]
    while todo:
        cur = ps.artefact_kinds.get(todo.pop())
        for k in cur.satisfies if cur is not None else ():
            if k not in out:
                out.add(k)
                todo.append(k)
    return frozenset(out)


def satisfies(ps: PolicySet, produced: str, required: str) -> bool:
    """Whether an artefact of kind `produced` meets a requirement for kind `required`."""
    return required in satisfied_by(ps, produced)


def satisfying(ps: PolicySet, required: str) -> frozenset[str]:
    """Every kind that meets a requirement for `required` (itself included)."""
    return frozenset(k for k in ps.artefact_kinds if satisfies(ps, k, required)) | {required}


# -- notes -------------------------------------------------------------------------------------


def explanation(entry: DutyEntry) -> str | None:
    """The note explaining a duty's encoding, wherever the encoder put it.

    The duty's own note; else its provision's (one note on an article covers each duty in it);
    else the regulation's note when it names the duty by its id (a regulation-wide note that
    does not name the duty explains nothing in particular about it). Rules that ask "is this
    choice explained?" (C003) read it here.
    """
    if entry.duty.note:
        return entry.duty.note
    if entry.provision.note:
        return entry.provision.note
    note = entry.regulation.note
    if note and (entry.ref in note or f"{entry.provision.id}/{entry.duty.id}" in note):
        return note
    return None


__all__ = [
    "EVERY_LEVEL",
    "ParentStatus",
    "Verdict",
    "accountability_closure",
    "ancestors",
    "applicability_reason",
    "applies",
    "descendants",
    "duty_levels",
    "explanation",
    "governed_levels",
    "implementers",
    "is_excerpt",
    "is_inherited",
    "owner_roles",
    "parent_status",
    "place_at_level",
    "place_chain",
    "role_closure",
    "role_of",
    "same_owner",
    "satisfied_by",
    "satisfies",
    "satisfying",
    "within",
]
