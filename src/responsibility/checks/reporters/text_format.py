"""Text for people: findings grouped by file, each as ``file:line:col``, with the article
concerned (第N条) and the fix; colour only when writing to a terminal."""

from __future__ import annotations

from itertools import groupby

from responsibility.checks import Finding
from responsibility.checks.reporters import RenderOptions
from responsibility.checks.runner import Report
from responsibility.core.errors import Severity
from responsibility.core.wording import plural

COLOURS = {Severity.error: "31", Severity.warning: "33", Severity.info: "36"}


def _c(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def _line(f: Finding, color: bool) -> list[str]:
    sev = _c(f"{f.severity.value:<7}", COLOURS[f.severity], color)
    art = f" {f.provision}" if f.provision else ""
    out = [f"  {f.location}: {sev} {_c(f.code, '1', color)} {f.name}{art}: {f.message}"]
    if f.hint:
        out.append(f"      fix: {f.hint}")
    return out


def render(report: Report, options: RenderOptions) -> str:
    color = options.color
    out: list[str] = []
    if report.checked:
        # the regulations as a reader names them (武邑, 中央), in the report's language
        names = report.checked_names or report.checked
        out.append(f"checked: {('、' if report.lang == 'zh' else ', ').join(names)}")
    elif not report.loaded:
        out.append(
            "the policies do not load: structural findings only (conformance and evidence not checked)"
        )
    for file, group in groupby(report.findings, key=lambda f: f.file):
        out.append("")
        out.append(_c(file, "1", color))
        for f in group:
            out += _line(f, color)
    if report.evidence is not None:
        c = report.evidence.counts()
        expected = sum(v for k, v in c.items() if k != "not-applicable")
        detail = ", ".join(f"{v} {k}" for k, v in c.items() if v and k != "not-applicable")
        out.append("")
        out.append(
            f"evidence {report.period}: {plural(expected, 'expected artefact')}"
            + (f" ({detail})" if detail else "")
            + f"; {plural(c['not-applicable'], 'duty')} not applicable"
        )
    if report.waived:
        out.append("")
        out.append(f"waived ({len(report.waived)}), counted apart:")
        for w in report.waived:
            f, wv = w.finding, w.waiver
            out.append(f"  {f.location}: {f.code} {f.name} {f.target}")
            out.append(f"      waived by {wv.approved_by} until {wv.expires.isoformat()}: {wv.reason}")
    out.append("")
    out.append(report.summary())
    return "\n".join(out).lstrip("\n") + "\n"
