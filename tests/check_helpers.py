"""Shared helpers for the checker's tests."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from conftest import ROOT
from responsibility.checks import runner
from responsibility.checks.runner import Options, Report, run
from responsibility.policyset import PolicySet

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


_LOADED: dict[tuple[tuple[str, ...], bool], PolicySet] = {}


@contextmanager
def policies_loaded_once() -> Iterator[None]:
    """Within the block, the checker loads each distinct policy set once per test run.

    For property tests whose examples vary only the evidence or the waivers: loading the same
    unchanged policy files again in every example is most of an example's cost and tests nothing
    new (loading is tested on its own). Never use it where a test writes policy files."""
    real = runner.load

    def load(paths: Sequence[str | os.PathLike[str]] = (), *, include_shipped: bool = True) -> PolicySet:
        key = (tuple(str(p) for p in paths), include_shipped)
        if key not in _LOADED:
            _LOADED[key] = real(paths, include_shipped=include_shipped)
        return _LOADED[key]

    with mock.patch.object(runner, "load", load):
        yield
