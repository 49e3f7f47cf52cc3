"""`responsibility check --facts`: computable provisions reported as findings, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from responsibility.checks.reporters import FORMATS, RenderOptions, render
from responsibility.checks.runner import Options, run

FACTS = ROOT / "tests" / "fixtures" / "check" / "facts" / "wuyi-fiscal.yaml"
WUYI = ROOT / "policies" / "wuyi" / "wuyi.yaml"


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return run(Options(paths=[WUYI], facts=[FACTS]))


def test_failing_share_is_an_error_at_the_fact_row(report) -> None:  # type: ignore[no-untyped-def]
    r = [f for f in report.findings if f.code == "R001" and "0.80%" in f.message]
    assert len(r) == 1
    f = r[0]
    assert f.message == "special funds 8,000,000 / revenue 1,000,000,000 = 0.80% < 1%"
    assert (Path(f.file).name, f.line) == ("wuyi-fiscal.yaml", 4)
    assert f.provision == "武邑 一(一)4"
    assert f.severity == "error"
    assert f.target == "wuyi/special-funds-share:cn.hebei.hengshui.wuyi/2017"


def test_missing_prior_year_is_undetermined_not_passed(report) -> None:  # type: ignore[no-untyped-def]
    r = [f for f in report.findings if f.code == "R002"]
    assert [(f.line, "2015" in f.message) for f in r] == [(3, True)]


def test_a_passing_year_gives_no_finding(report) -> None:  # type: ignore[no-untyped-def]
    assert not [f for f in report.findings if f.code.startswith("R") and f.line == 3 and f.code == "R001"]


def test_without_facts_no_computable_findings() -> None:
    plain = run(Options(paths=[WUYI]))
    assert not [f for f in plain.findings if f.code.startswith("R")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_output_format_carries_the_computation(report, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = render(report, fmt, RenderOptions(color=False))
    assert "0.80%" in out
    assert "R001" in out
    if fmt in ("json", "sarif"):
        json.loads(out)


def test_complete_facts_leave_nothing_undetermined_for_the_years_after_the_first() -> None:
    r = run(Options(paths=[WUYI], facts=[FACTS.with_name("wuyi-fiscal-complete.yaml")]))
    computable = [f for f in r.findings if f.code.startswith("R")]
    # 2015 has no prior year: its growth is undetermined; 2016 is fully decided and passes
    assert [(f.code, f.line) for f in computable] == [("R002", 3)]


SHANXI = ROOT / "policies" / "shanxi" / "shanxi.yaml"
ASSESSMENTS = FACTS.with_name("shanxi-assessments.yaml")


def test_commendation_is_reported_as_an_entitlement() -> None:
    r = run(Options(paths=[SHANXI], facts=[ASSESSMENTS]))
    info = [f for f in r.findings if f.code == "R003"]
    # 20% of 5 poor counties = 1: only the best-scored county (c02, 95) is entitled
    assert [f.target for f in info] == ["shanxi/top-share-commended:cn.shanxi.c02/2017"]
    assert info[0].severity == "info" and info[0].provision.startswith("山西 第四十九条")


def test_no_entitlement_without_assessment_facts() -> None:
    r = run(Options(paths=[SHANXI], facts=[FACTS]))
    assert not [f for f in r.findings if f.code == "R003"]
