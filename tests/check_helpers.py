"""Shared helpers for the checker's tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import ROOT
from responsibility.checks.runner import Options, Report, run

FIXTURES = ROOT / "tests" / "fixtures" / "check"
PARENT = FIXTURES / "parent"
BASE = FIXTURES / "base"
RULES_DIR = FIXTURES / "rules"
TODAY = dt.date(2018, 6, 1)


def check(
    path: Path = BASE,
    *,
    evidence: Path | None = None,
    period: str | None = None,
    waivers: Path | None = None,
    strict: bool = False,
) -> Report:
    return run(
        Options(
            paths=[path],
            policies=[PARENT],
            evidence=evidence,
            period=period,
            waivers=waivers,
            strict=strict,
            today=TODAY,
        )
    )


def codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]
