"""SARIF 2.1.0 for code scanning: one ``ruleId`` per rule with a ``helpUri`` to its docs page;
waived findings carry an accepted external suppression with the waiver's justification."""

from __future__ import annotations

from typing import Any

from responsibility import __version__
from responsibility.checks import Finding
from responsibility.checks.reporters import RenderOptions, help_uri
from responsibility.checks.runner import Report
from responsibility.core.errors import Severity
from responsibility.graph.export import dumps

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def _uri(file: str) -> str:
    return file.replace("\\", "/")


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    art = f"{f.provision}: " if f.provision else ""
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": LEVEL[f.severity],
        "message": {"text": art + f.message + (f" (fix: {f.hint})" if f.hint else "")},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.file), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": f.line, "startColumn": f.col},
                }
            }
        ],
        "partialFingerprints": {"responsibilityTarget/v1": f"{f.code}:{f.target}"},
        "properties": {"name": f.name, "provision": f.provision or None, "target": f.target or None},
    }
    return out


def render(report: Report, options: RenderOptions) -> str:
    rules = sorted(report.rules, key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results = [_result(f, index) for f in report.findings]
    for w in report.waived:
        res = _result(w.finding, index)
        res["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{w.waiver.reason} (approved by {w.waiver.approved_by}, "
                f"expires {w.waiver.expires.isoformat()})",
                "location": {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(w.waiver.file), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": w.waiver.line},
                    }
                },
            }
        ]
        results.append(res)
    results.sort(
        key=lambda r: (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["ruleId"],
            r["partialFingerprints"]["responsibilityTarget/v1"],
        )
    )
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "responsibility",
                        "version": __version__,
                        "rules": [
                            {
                                "id": r.code,
                                "name": r.name,
                                "shortDescription": {"text": r.summary},
                                "fullDescription": {"text": r.doc.split("\n\n", 1)[0]},
                                "helpUri": help_uri(options.docs_url, r.code),
                                "help": {"text": r.doc, "markdown": r.doc},
                                "defaultConfiguration": {"level": LEVEL[r.severity]},
                                "properties": {"category": r.category.value},
                            }
                            for r in rules
                        ],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
                "results": results,
                "properties": {
                    "checked": report.checked,
                    "waived": len(report.waived),
                    "refused": report.refused,
                },
            }
        ],
    }
    return dumps(doc)
