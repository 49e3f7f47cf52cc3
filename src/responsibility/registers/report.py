"""A register check as a provincial office reads it: per county and per finding kind, how many
cases, and the first examples with each step's explanation and the article that requires it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from .compile import Compiled
from .engines import Engine


@dataclass(frozen=True)
class Kind:
    """One finding kind of one rule in one county: e.g. the public notice drew objections."""

    county: str
    rule: str
    kind: str
    step: str
    citation: str
    quote: str
    count: int
    examples: tuple[tuple[str, str], ...]  # (subject, message)


@dataclass
class Report:
    engine: str
    totals: list[tuple[str, str, int, int]] = field(default_factory=list)  # county, rule, checked, failed
    kinds: list[Kind] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(t[3] for t in self.totals)


def summarise(engine: Engine, compiled: Sequence[Compiled], examples: int = 3) -> Report:
    """Counts by county and kind (one scan per rule) and the first `examples` of each kind,
    by subject id, from the failed subjects (a second scan, kept by the engine)."""
    report = Report(engine.name)
    for c in compiled:
        checked = dict(engine.rows(c.counted))
        if not checked:
            continue
        # The one costly scan: judging each subject. Only the failed ones are kept.
        engine.materialize("fails", f"SELECT * FROM ({c.sql}) AS f WHERE outcome = 'fail'")
        sums = ", ".join(f"SUM(CASE WHEN p{i} THEN 1 ELSE 0 END)" for i in range(len(c.problems)))
        counts = {
            r[0]: r[1:] for r in engine.rows(f"SELECT county, COUNT(*), {sums} FROM fails GROUP BY county")
        }
        union = " UNION ALL ".join(
            f"SELECT county, {i} AS k, subject, message FROM fails WHERE p{i}" for i in range(len(c.problems))
        )
        shown: dict[tuple[str, int], list[tuple[str, str]]] = {}
        for county, k, subject, message in engine.rows(
            "SELECT county, k, subject, message FROM (SELECT county, k, subject, message, "
            "ROW_NUMBER() OVER (PARTITION BY county, k ORDER BY subject) AS rn "
            f"FROM ({union}) AS u) AS r WHERE rn <= {int(examples)} ORDER BY county, k, subject"
        ):
            shown.setdefault((county, int(k)), []).append((subject, message))
        for county in sorted(checked):
            failed, *per_kind = counts.get(county, (0, *([0] * len(c.problems))))
            report.totals.append((county, c.ref, int(checked[county]), int(failed or 0)))
            for i, n in enumerate(per_kind):
                if n:
                    p = c.problems[i]
                    examples_of = tuple(shown.get((county, i), ()))
                    report.kinds.append(
                        Kind(county, c.ref, p.kind, p.step, p.citation, p.quote, int(n), examples_of)
                    )
    return report


def as_text(report: Report) -> str:
    out: list[str] = []
    for county, rule, checked, failed in report.totals:
        out.append(f"{county}  {rule}: {checked:,} checked, {failed:,} failed")
        for k in (k for k in report.kinds if k.county == county and k.rule == rule):
            out.append(f"  {k.count:>9,}  {k.kind} {k.step} — {k.citation}「{k.quote}」")
            out += [f"             {subject}: {message}" for subject, message in k.examples]
    total = sum(t[2] for t in report.totals)
    out.append(f"{total:,} checked, {report.failed:,} failed ({report.engine})")
    return "\n".join(out) + "\n"


def as_json(report: Report) -> str:
    data = {
        "engine": report.engine,
        "totals": [{"county": c, "rule": r, "checked": n, "failed": f} for c, r, n, f in report.totals],
        "kinds": [
            {
                "county": k.county,
                "rule": k.rule,
                "kind": k.kind,
                "step": k.step,
                "citation": k.citation,
                "quote": k.quote,
                "count": k.count,
                "examples": [{"subject": s, "message": m} for s, m in k.examples],
            }
            for k in report.kinds
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_csv(report: Report) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["county", "rule", "kind", "step", "citation", "count", "first_subject", "first_message"])
    for k in report.kinds:
        first = k.examples[0] if k.examples else ("", "")
        w.writerow([k.county, k.rule, k.kind, k.step, k.citation, k.count, *first])
    return buf.getvalue()


def as_sarif(report: Report, files: dict[str, str]) -> str:
    """SARIF 2.1.0: one result per county and kind, at the register file that holds the cases."""
    results = [
        {
            "ruleId": "R001",
            "level": "error",
            "message": {
                "text": f"{k.citation}: {k.count:,} {k.kind} ({k.step}) in {k.county}"
                + (f"; first: {k.examples[0][1]}" if k.examples else "")
            },
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": files.get(k.rule, "")}}}],
            "properties": {"county": k.county, "rule": k.rule, "kind": k.kind, "count": k.count},
        }
        for k in report.kinds
    ]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "responsibility",
                        "rules": [
                            {
                                "id": "R001",
                                "name": "rule-violated",
                                "shortDescription": {"text": "a computable rule is violated"},
                            }
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
