"""JSON for tools: every finding, the waived ones apart, the evidence table, and a summary.

Shape (keys always present)::

    {"checked": [...], "period", "fail_on", "strict", "loaded",
     "summary": {"findings", "error", "warning", "info", "waived", "refused", "exit"},
     "findings": [{"code", "name", "severity", "file", "line", "col", "provision", "target",
                   "message", "hint"}],
     "waived": [{"finding": {...}, "waiver": {"rule", "target", "reason", "approved_by",
                 "expires", "file", "line"}}],
     "evidence": null | {"counts": {status: n}, "rows": [{"duty", "kind", "body", "period",
                 "status", "path", "reason"}]}}
"""

from __future__ import annotations

from typing import Any

from responsibility.checks.reporters import RenderOptions, finding_record
from responsibility.checks.runner import Report
from responsibility.graph.export import dumps


def document(report: Report) -> dict[str, Any]:
    ev = report.evidence
    return {
        "checked": report.checked,
        "period": report.period,
        "fail_on": report.fail_on.value,
        "strict": report.strict,
        "loaded": report.loaded,
        "summary": {
            "findings": len(report.findings),
            **report.counts(),
            "waived": len(report.waived),
            "refused": report.refused,
            "exit": report.exit_code(),
        },
        "findings": [finding_record(f) for f in report.findings],
        "waived": [
            {
                "finding": finding_record(w.finding),
                "waiver": {
                    "rule": w.waiver.rule,
                    "target": w.waiver.target,
                    "reason": w.waiver.reason,
                    "approved_by": w.waiver.approved_by,
                    "expires": w.waiver.expires.isoformat(),
                    "file": w.waiver.file,
                    "line": w.waiver.line,
                },
            }
            for w in report.waived
        ],
        "evidence": None
        if ev is None
        else {
            "counts": ev.counts(),
            "rows": [
                {
                    "duty": r.duty,
                    "kind": r.kind or None,
                    "body": r.place or None,
                    "period": r.period or None,
                    "status": r.status.value,
                    "path": r.artefact.path if r.artefact else None,
                    "reason": r.reason or None,
                }
                for r in ev.rows
            ],
        },
    }


def render(report: Report, options: RenderOptions) -> str:
    return dumps(document(report))
