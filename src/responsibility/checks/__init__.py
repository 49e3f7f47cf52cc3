"""The rule catalogue of ``responsibility check``: findings, rules, configuration and the runner.

A :class:`Finding` is one problem a rule found, located at ``file:line:col`` with the article
(第N条) concerned and the id of what it is about (a duty, an artefact slot, a waiver). Rules are
modules in :mod:`responsibility.checks.rules`, one per rule, discovered at import: each defines
``RULE`` (a :class:`Rule`) and its docstring is the rule's documentation, published as
``docs/rules/CODE.md`` and printed by ``responsibility rule CODE``.

Codes are stable, in the style of ruff: ``E0xx`` structural problems (the loader's diagnostics,
same codes), ``C0xx`` conformance of a local rule to its parent, ``V0xx`` evidence of the
artefacts a duty requires, ``W0xx`` waivers, ``G0xx`` the shape of the responsibility graph
(:mod:`responsibility.graphchecks`), ``R0xx`` computable provisions evaluated on supplied facts
(:mod:`responsibility.computable`).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from types import ModuleType
from typing import TYPE_CHECKING

from ..errors import SEVERITY_RANK, Severity

if TYPE_CHECKING:  # pragma: no cover
    from .context import ConformanceContext


class Category(StrEnum):
    structural = "structural"
    conformance = "conformance"
    evidence = "evidence"
    waiver = "waiver"
    graph = "graph"
    computable = "computable"


PREFIX = {
    Category.structural: "E",
    Category.conformance: "C",
    Category.evidence: "V",
    Category.waiver: "W",
    Category.graph: "G",
    Category.computable: "R",
}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem. Ordered by file, line, column, code, target: output order is deterministic."""

    file: str
    line: int
    col: int
    code: str
    target: str = ""
    message: str = field(default="", compare=True)
    name: str = field(default="", compare=False)
    severity: Severity = field(default=Severity.error, compare=False)
    provision: str = field(default="", compare=False)  # the article as printed: 第十九条
    hint: str = field(default="", compare=False)

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


Check = Callable[["ConformanceContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule: stable code and name, default severity, and its documentation (the module docstring).

    Structural rules have no check of their own: the loader's diagnostic with the same code
    becomes their finding. Evidence rules map one status of the evidence evaluation (``status``).
    Conformance rules have a ``check`` over a :class:`~responsibility.checks.context.ConformanceContext`.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    category: Category
    doc: str = ""
    check: Check | None = None
    status: str | None = None

    def finding(
        self,
        where: tuple[str, int, int],
        message: str,
        *,
        target: str = "",
        provision: str = "",
        hint: str = "",
    ) -> Finding:
        file, line, col = where
        return Finding(
            file, line, col, self.code, target, message, self.name, self.severity, provision or "", hint
        )


def _load_rules() -> dict[str, Rule]:
    from . import rules as pkg

    found: dict[str, Rule] = {}
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):  # helpers shared by rules, not rules
            continue
        mod: ModuleType = importlib.import_module(f"{pkg.__name__}.{info.name}")
        rule: Rule = mod.RULE
        check = getattr(mod, "check", None)
        full = Rule(
            rule.code,
            rule.name,
            rule.severity,
            rule.summary,
            rule.category,
            (mod.__doc__ or "").strip(),
            check,
            rule.status,
        )
        if not full.code.startswith(PREFIX[full.category]):
            raise RuntimeError(f"rule {full.code} in {info.name}: code does not match its category")
        if full.code in found or full.name in {r.name for r in found.values()}:
            raise RuntimeError(f"rule {full.code} {full.name} is defined twice")
        found[full.code] = full
    return dict(sorted(found.items()))


RULES: dict[str, Rule] = _load_rules()
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES.values()}


def rule(code_or_name: str) -> Rule:
    """A rule by code (C001) or name (missing-implementation); LookupFailure with the nearest."""
    from ..errors import LookupFailure
    from ..policyset import suggest

    key = code_or_name.strip()
    if key.upper() in RULES:
        return RULES[key.upper()]
    if key in BY_NAME:
        return BY_NAME[key]
    raise LookupFailure("rule", key, suggest(key, [*RULES, *BY_NAME]))


def rules_of(category: Category) -> Iterator[Rule]:
    return (r for r in RULES.values() if r.category == category)


__all__ = ["BY_NAME", "RULES", "Category", "Finding", "Rule", "Severity", "rule", "rules_of"]
