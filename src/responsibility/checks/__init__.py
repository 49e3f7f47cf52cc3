"""The rule catalogue of ``responsibility check``: findings, rules, configuration and the runner.

A :class:`~responsibility.core.errors.Finding` is one problem a rule found, at a
:class:`~responsibility.core.errors.Location` (file, line, column, path in the document, the article
第N条 concerned), with the id of what it is about (a duty, an artefact slot, a waiver). Rules are
modules in :mod:`responsibility.checks.rules`, one per rule, listed in its ``REGISTRY``: each
defines ``RULE`` (a :class:`Rule`) and its docstring is the rule's documentation, published as
``docs/rules/CODE.md`` and printed by ``responsibility rule CODE``.

Codes are stable, in the style of ruff: ``E0xx`` structural problems (raised by the reader and
loader; ``F0xx`` for facts files, ``S0xx`` for scenario files), ``C0xx`` conformance of a local
rule to its parent, ``V0xx`` evidence of the artefacts a duty requires, ``W0xx`` waivers,
``G0xx`` the shape of the responsibility graph (:mod:`responsibility.graph.checks`), ``R0xx``
computable provisions evaluated on supplied facts (:mod:`responsibility.computable`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from responsibility.core.errors import PREFIX, Category, Finding, Location, Rule, Severity

if TYPE_CHECKING:  # pragma: no cover
    from .context import ConformanceContext

Check = Callable[["ConformanceContext"], Iterable[Finding]]


def _load_rules() -> dict[str, Rule]:
    from .rules import CHECKED, DOCUMENTED, RuleModule

    found: dict[str, Rule] = {}
    entries: list[tuple[RuleModule, Check | None]] = [(m, m.check) for m in CHECKED]
    entries += [(m, None) for m in DOCUMENTED]
    for mod, check in sorted(entries, key=lambda e: e[0].RULE.code):
        full = replace(mod.RULE, doc=(mod.__doc__ or "").strip(), check=check)
        if not full.code.startswith(PREFIX[full.category]):
            raise RuntimeError(f"rule {full.code}: code does not match its category {full.category}")
        if full.code in found or full.name in {r.name for r in found.values()}:
            raise RuntimeError(f"rule {full.code} {full.name} is defined twice")
        found[full.code] = full
    return dict(sorted(found.items()))


RULES: dict[str, Rule] = _load_rules()
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES.values()}


def rule(code_or_name: str) -> Rule:
    """A rule by code (C001) or name (missing-implementation); LookupFailure with the nearest."""
    from responsibility.core.errors import LookupFailure
    from responsibility.policy.policyset import suggest

    key = code_or_name.strip()
    if key.upper() in RULES:
        return RULES[key.upper()]
    if key in BY_NAME:
        return BY_NAME[key]
    raise LookupFailure("rule", key, suggest(key, [*RULES, *BY_NAME]))


def rules_of(category: Category) -> Iterator[Rule]:
    return (r for r in RULES.values() if r.category == category)


__all__ = [
    "BY_NAME",
    "PREFIX",
    "RULES",
    "Category",
    "Finding",
    "Location",
    "Rule",
    "Severity",
    "rule",
    "rules_of",
]
