"""Shared by the G rules: graph findings of one regulation, as checker findings."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator

from responsibility.policy.names import Names
from responsibility.policy.policyset import PolicySet

from .. import Finding, Rule
from ..context import ConformanceContext

GraphCheck = Callable[[PolicySet, Names | None], list[Finding]]

# A graph check looks at the whole policy set; `check` of several regulations asked each one for
# each regulation and kept that regulation's share. Its findings depend only on the policy set
# and the language they are worded in, so they are worked out once per set and language.
_FOUND: weakref.WeakKeyDictionary[PolicySet, dict[tuple[GraphCheck, str], list[Finding]]] = (
    weakref.WeakKeyDictionary()
)


def _whole(ctx: ConformanceContext, check: GraphCheck) -> list[Finding]:
    found = _FOUND.setdefault(ctx.ps, {})
    k = (check, ctx.lang)
    if k not in found:
        found[k] = check(ctx.ps, ctx.names)
    return found[k]


def findings(rule: Rule, ctx: ConformanceContext, check: GraphCheck) -> Iterator[Finding]:
    """The graph check's findings of `rule` positioned in the checked regulation (others are not
    its concern), worded in the context's language."""
    for g in _whole(ctx, check):
        if g.code == rule.code and ctx.ps.duty_entry(g.target).regulation.id == ctx.regulation.id:
            yield g
