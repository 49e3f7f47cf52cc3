"""Shared by the G rules: graph findings of one regulation, as checker findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from responsibility.policy.names import Names
from responsibility.policy.policyset import PolicySet

from .. import Finding, Rule
from ..context import ConformanceContext


def findings(
    rule: Rule, ctx: ConformanceContext, check: Callable[[PolicySet, Names | None], list[Finding]]
) -> Iterator[Finding]:
    """The graph check's findings of `rule` positioned in the checked regulation (others are not
    its concern), worded in the context's language."""
    for g in check(ctx.ps, ctx.names):
        if g.code == rule.code and ctx.ps.duty_entry(g.target).regulation.id == ctx.regulation.id:
            yield g
