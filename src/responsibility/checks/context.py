"""What conformance rules see: one local regulation, its parents, and indexes between them.

A parent duty *applies* to a local regulation when one of its owners sits at a level the local
regulation governs: its own level and every level below it (a county rule governs the county,
its townships and villages). Owners at the level ``all`` (各级) or ``society`` do not make a
duty applicable: whether 各级 binds a given county is a reading of the text, which the author
records in ``implements`` or ``not_implemented`` rather than the checker guessing it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from ..model import LEVEL_ORDER, Actor, ActorKind, Duty, Level, Regulation
from ..policyset import DutyEntry, PolicySet
from ..yamlfile import Path


def governed_levels(level: Level) -> frozenset[Level]:
    """The levels a regulation at `level` governs: its own and every one below."""
    if level not in LEVEL_ORDER:
        return frozenset()
    return frozenset(lv for lv, rank in LEVEL_ORDER.items() if rank >= LEVEL_ORDER[level])


def role_of(actor: Actor) -> str:
    """The role type an actor fills: itself for a role, its role for a concrete body."""
    return actor.role if actor.kind == ActorKind.concrete and actor.role else actor.id


def owner_roles(ps: PolicySet, actor_id: str) -> frozenset[str]:
    """An actor's role type, and for a composite (党委和政府) each member's role type too."""
    actor = ps.actors.get(actor_id)
    if actor is None:
        return frozenset({actor_id})
    roles = {role_of(actor)}
    base = ps.actors.get(role_of(actor), actor)
    for m in base.members:
        member = ps.actors.get(m)
        roles.add(role_of(member) if member else m)
    return frozenset(roles)


def duty_levels(ps: PolicySet, duty: Duty) -> frozenset[Level]:
    return frozenset(ps.actors[o.actor].level for o in duty.owners if o.actor in ps.actors)


@dataclass
class ConformanceContext:
    ps: PolicySet
    regulation: Regulation
    parents: list[Regulation]
    against: str | None = None
    _cache: dict[str, object] = field(default_factory=dict, repr=False)

    # -- locations -----------------------------------------------------------------------------
    def where(self, path: Path) -> tuple[str, int, int]:
        return self.ps.locate(self.regulation.id, path)

    def parent_link(self, parent_id: str) -> Path:
        """Where the local regulation names `parent_id` (its implements entry), else its id."""
        if parent_id in self.regulation.implements:
            return ("implements", self.regulation.implements.index(parent_id))
        return ("id",)

    # -- indexes -------------------------------------------------------------------------------
    @cached_property
    def local_duties(self) -> list[DutyEntry]:
        return self.ps.duties(regulation=self.regulation.id)

    @cached_property
    def parent_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.parents)

    @cached_property
    def implementing(self) -> dict[str, list[DutyEntry]]:
        """Parent duty id → the local duties that implement it, in document order."""
        out: dict[str, list[DutyEntry]] = defaultdict(list)
        for entry in self.local_duties:
            for ref in entry.duty.implements:
                out[ref].append(entry)
        return dict(out)

    @cached_property
    def not_implemented(self) -> dict[str, int]:
        """Parent duty id → its index in the regulation's not_implemented list."""
        return {ni.duty: i for i, ni in enumerate(self.regulation.not_implemented)}

    @cached_property
    def levels(self) -> frozenset[Level]:
        return governed_levels(self.regulation.level)

    def applies(self, duty: Duty) -> bool:
        return bool(duty_levels(self.ps, duty) & self.levels)

    @cached_property
    def applicable(self) -> list[DutyEntry]:
        """Parent duties addressed to a level this regulation governs, in parent document order."""
        return [e for p in self.parents for e in self.ps.duties(regulation=p.id) if self.applies(e.duty)]

    def implemented_pairs(self) -> list[tuple[DutyEntry, list[DutyEntry]]]:
        """Each parent duty (in a parent) that local duties implement, with those local duties."""
        out = []
        for p in self.parents:
            for parent in self.ps.duties(regulation=p.id):
                locals_ = self.implementing.get(parent.ref)
                if locals_:
                    out.append((parent, locals_))
        return out
