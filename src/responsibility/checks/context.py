"""What conformance rules see: one local regulation, its parents, and indexes between them.

Which parent duties apply to the local regulation, and what each is to it (implemented,
declined, missing, not addressed, not assessed), is decided in :mod:`responsibility.semantics`
(see ``docs/semantics.md``); the rules here read those answers and never decide them again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from responsibility.core.errors import Location
from responsibility.policy.model import Level, Regulation
from responsibility.policy.names import Names
from responsibility.policy.policyset import DutyEntry, PolicySet
from responsibility.policy.yamlfile import YamlPath

from ..semantics import Verdict, applies, governed_levels, parent_status


@dataclass
class ConformanceContext:
    ps: PolicySet
    regulation: Regulation
    parents: list[Regulation]
    against: str | None = None
    lang: str = "zh"  # the language of the findings' messages and hints (names.Names)

    @cached_property
    def names(self) -> Names:
        """How findings name regulations, articles, duties, bodies and levels, in `lang`."""
        return Names(self.ps, self.lang)

    # -- locations -----------------------------------------------------------------------------
    def where(self, path: YamlPath, provision: str = "") -> Location:
        """The location of `path` in the checked regulation's file, citing `provision` (第N条)."""
        return self.ps.locate(self.regulation.id, path, provision)

    def parent_link(self, parent_id: str) -> YamlPath:
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

    @cached_property
    def applicable(self) -> list[DutyEntry]:
        """Parent duties addressed to a level this regulation governs, in parent document order."""
        return [
            e
            for p in self.parents
            for e in self.ps.duties(regulation=p.id)
            if applies(self.ps, e.duty, self.regulation)
        ]

    @cached_property
    def verdicts(self) -> list[tuple[DutyEntry, Verdict]]:
        """Every parent duty with what it is to this regulation (semantics.parent_status)."""
        return [
            (e, parent_status(self.ps, e, self.regulation))
            for p in self.parents
            for e in self.ps.duties(regulation=p.id)
        ]

    def implemented_pairs(self) -> list[tuple[DutyEntry, list[DutyEntry]]]:
        """Each parent duty (in a parent) that local duties implement, with those local duties."""
        out = []
        for p in self.parents:
            for parent in self.ps.duties(regulation=p.id):
                locals_ = self.implementing.get(parent.ref)
                if locals_:
                    out.append((parent, locals_))
        return out
