"""GitHub Actions workflow commands: each finding an ``::error``/``::warning``/``::notice``
annotation on its file and line; waived findings are not annotated but counted in the summary."""

from __future__ import annotations

from responsibility.checks import Finding
from responsibility.checks.reporters import RenderOptions
from responsibility.checks.runner import Report
from responsibility.core.errors import Severity

COMMAND = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def _annotation(f: Finding) -> str:
    art = f"{f.provision}: " if f.provision else ""
    fix = f" (fix: {f.hint})" if f.hint else ""
    props = f"file={_prop(f.file)},line={f.line},col={f.col},title={_prop(f'{f.code} {f.name}')}"
    return f"::{COMMAND[f.severity]} {props}::{_data(art + f.message + fix)}"


def render(report: Report, options: RenderOptions) -> str:
    lines = [_annotation(f) for f in report.findings]
    lines.append(f"::notice title=responsibility check::{_data(report.summary())}")
    return "\n".join(lines) + "\n"
