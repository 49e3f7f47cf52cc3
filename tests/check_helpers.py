"""Shared helpers for the checker's tests."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from conftest import ROOT
from responsibility.checks import runner
from responsibility.checks.runner import Options, Report, run
from responsibility.policy.policyset import PolicySet

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


_LOADED: dict[tuple[object, ...], tuple[PolicySet, dict[str, list[Any]]]] = {}


@contextmanager
def policies_loaded_once() -> Iterator[None]:
    """Within the block, the checker loads each distinct policy set once per test run.

    For property tests whose examples vary only the evidence or the waivers: loading the same
    unchanged policy files again in every example is most of an example's cost and tests nothing
    new (loading is tested on its own). Lists the loader appends to (files it passed over) get
    the same entries on every call. Never use it where a test writes policy files."""
    real = runner.load

    def load(paths: Sequence[str | os.PathLike[str]] = (), **kwargs: Any) -> PolicySet:
        outputs = {k: v for k, v in kwargs.items() if isinstance(v, list)}
        key = (
            tuple(str(p) for p in paths),
            tuple(sorted((k, repr(v)) for k, v in kwargs.items() if k not in outputs)),
        )
        if key not in _LOADED:
            before = {k: len(v) for k, v in outputs.items()}
            ps = real(paths, **kwargs)
            _LOADED[key] = ps, {k: v[before[k] :] for k, v in outputs.items()}
            return ps
        ps, appended = _LOADED[key]
        for k, items in appended.items():
            outputs[k].extend(items)
        return ps

    with mock.patch.object(runner, "load", load):
        yield
