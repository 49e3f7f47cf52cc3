"""Diagnostics and the one exception type for policy errors.

Every problem found in policy files is a :class:`Diagnostic` with a stable code, a location
(file, line, column, and the path inside the document) and, where one is known, a fix. A run
collects them all and raises a single :class:`PolicyError`, so an author sees every problem at
once rather than one per attempt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


SEVERITY_RANK = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in a policy file. Ordered by file, line, column so output is deterministic."""

    file: str
    line: int
    column: int
    code: str
    message: str
    path: str = ""
    hint: str = ""
    severity: Severity = field(default=Severity.error, compare=False)

    def format(self) -> str:
        """`file:line:col: CODE message [at path] (fix)` — the form editors and CI understand."""
        where = f" (at {self.path})" if self.path else ""
        fix = f"; {self.hint}" if self.hint else ""
        return f"{self.file}:{self.line}:{self.column}: {self.code} {self.message}{where}{fix}"


class PolicyError(Exception):
    """Raised when policy files cannot be loaded; carries every diagnostic of the run."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
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
