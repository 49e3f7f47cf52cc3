"""The one problem type, its location, the rule that raises it, and the exception for policy errors.

Every problem the tool reports — a YAML syntax error, a dangling reference, a missing
implementation, an artefact without evidence, a bad facts row — is a :class:`Finding` of a
:class:`Rule` (a stable code), at a :class:`Location` (file, line, column, the path inside the
document, the article concerned) and, where one is known, with a fix. Producers build the
location where they know it; nothing passes ``"file:line:col"`` strings to be split again. A load
collects every finding and raises a single :class:`PolicyError`, so an author sees every problem
at once rather than one per attempt.

The rules raised below the checker (structural ones by the YAML reader, loader and reference
resolver; facts, scenario, evidence-manifest and waiver-file ones) are constants in
:mod:`responsibility.core.codes`; each has its documentation in its module in
:mod:`responsibility.checks.rules`, registered in that package's ``REGISTRY``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


SEVERITY_RANK = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}


class Category(StrEnum):
    structural = "structural"
    conformance = "conformance"
    evidence = "evidence"
    waiver = "waiver"
    graph = "graph"
    computable = "computable"


# Code prefixes of each category. Structural rules are the inputs that cannot be read as written:
# policy files (E), facts files (F) and scenario files (S).
PREFIX: dict[Category, tuple[str, ...]] = {
    Category.structural: ("E", "F", "S"),
    Category.conformance: ("C",),
    Category.evidence: ("V",),
    Category.waiver: ("W",),
    Category.graph: ("G",),
    Category.computable: ("R",),
}


@dataclass(frozen=True, order=True)
class Location:
    """Where a finding is: file (as displayed), 1-based line and column, the path inside the
    document (``divisions[0].provisions[2].duties[0]``) and the article as printed (第十九条)."""

    file: str
    line: int = 1
    column: int = 1
    path: str = ""
    provision: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Finding:
    """One problem: a rule's code at a location, with a message, the id of what it is about
    (`target`: a duty, an artefact slot, a waiver) and a fix. Ordered by file, line, column, code,
    target, message, path, fix, so output is deterministic."""

    location: Location
    code: str
    message: str
    hint: str = field(default="", compare=False)
    target: str = ""
    name: str = field(default="", compare=False)
    severity: Severity = field(default=Severity.error, compare=False)

    def _key(self) -> tuple[str, int, int, str, str, str, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.target, self.message, loc.path, self.hint)

    def __lt__(self, other: Finding) -> bool:
        return self._key() < other._key()

    @property
    def file(self) -> str:
        return self.location.file

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    col = column

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def provision(self) -> str:
        return self.location.provision

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]

    def format(self) -> str:
        """`file:line:col: CODE message [at path] (fix)` — the form editors and CI understand."""
        where = f" (at {self.path})" if self.path else ""
        fix = f"; {self.hint}" if self.hint else ""
        return f"{self.location}: {self.code} {self.message}{where}{fix}"


Diagnostic = Finding  # the name before findings and diagnostics were one type; kept for callers


@dataclass(frozen=True)
class Rule:
    """A rule: stable code and name, default severity, and its documentation (its module's docstring).

    Structural rules have no check of their own: the reader, loader or resolver raises their
    findings (``E021.finding(location, message)``). Evidence and computable rules map one status
    of an evaluation (``status``). Conformance and graph rules have a ``check`` over a
    :class:`~responsibility.checks.context.ConformanceContext` (typed at the registry, which a
    type checker sees through :class:`responsibility.checks.rules.CheckedRule`).
    """

    code: str
    name: str
    severity: Severity
    summary: str
    category: Category
    doc: str = ""
    check: Callable[[Any], Iterable[Finding]] | None = None
    status: str | None = None

    def finding(self, location: Location, message: str, *, target: str = "", hint: str = "") -> Finding:
        return Finding(location, self.code, message, hint, target, self.name, self.severity)


class PolicyError(Exception):
    """Raised when policy files cannot be loaded; carries every diagnostic of the run."""

    def __init__(self, diagnostics: list[Finding]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


class LookupFailure(KeyError):
    """An id or name that is not in the policy set, with the nearest valid ones.

    `suggestions` are ids; `shown` is how the message names them (武邑县人民政府
    (wuyi.county-government) when Chinese was typed). `option` is the command-line option or
    argument the text came from, set by the command that resolved it.
    """

    def __init__(
        self,
        kind: str,
        wanted: str,
        suggestions: list[str],
        shown: list[str] | None = None,
        hint: str = "",
    ) -> None:
        self.kind = kind
        self.wanted = wanted
        self.suggestions = suggestions
        self.shown = shown if shown is not None else list(suggestions)
        self.hint = hint
        self.option: str | None = None
        super().__init__(wanted)

    def _where(self) -> str:
        return f"argument {self.option}: " if self.option else ""

    def __str__(self) -> str:
        near = f"; did you mean {', '.join(self.shown)}?" if self.shown else ""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{self._where()}unknown {self.kind} '{self.wanted}'{near}{hint}"


class AmbiguousName(LookupFailure):
    """A name that fits several things: `suggestions` are all their ids, `shown` their names."""

    def __str__(self) -> str:
        return (
            f"{self._where()}ambiguous {self.kind} '{self.wanted}': it names {', '.join(self.shown)}; "
            "name one of them (by id or as shown)"
        )
