"""Shared by the G rules: graph findings of one regulation, as checker findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ... import graphchecks
from ...policyset import PolicySet
from .. import Finding, Rule
from ..context import ConformanceContext


def findings(
    rule: Rule, ctx: ConformanceContext, check: Callable[[PolicySet], list[graphchecks.GraphFinding]]
) -> Iterator[Finding]:
    """The graph check's findings positioned in the checked regulation (others are not its concern)."""
    for g in check(ctx.ps):
        if g.regulation != ctx.regulation.id:
            continue
        entry = ctx.ps.duty_entry(g.duty)
        yield rule.finding(ctx.where(g.path), g.reason, target=g.duty, provision=entry.citation)
