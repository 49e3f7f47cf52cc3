"""Each output format against a reviewed golden file, for one run with findings of every severity
in three files, evidence, one waived finding and one expired waiver (see fixtures/check/golden)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from check_helpers import FIXTURES, PARENT, TODAY
from conftest import ROOT
from responsibility import __version__
from responsibility.checks.reporters import FORMATS, RenderOptions, render
from responsibility.checks.runner import Options, Report, run

GOLDEN = FIXTURES / "golden"
FILES = {
    "text": "output.txt",
    "json": "output.json",
    "junit": "output.xml",
    "sarif": "output.sarif",
    "github": "output.github.txt",
}


@pytest.fixture(scope="module")
def report() -> Report:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)  # paths in output are relative to the working directory
        return run(
            Options(
                paths=[GOLDEN / "county"],
                policies=[PARENT],
                evidence=GOLDEN / "evidence",
                period="2018",
                waivers=GOLDEN / "waivers.yaml",
                today=TODAY,
            )
        )


def test_golden_covers_every_format() -> None:
    assert sorted(FILES) == sorted(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_matches_golden(report: Report, fmt: str) -> None:
    out = render(report, fmt)
    if fmt == "sarif":
        out = out.replace(f'"version": "{__version__}"', '"version": "VERSION"')
    assert out == (GOLDEN / FILES[fmt]).read_text("utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic(report: Report, fmt: str) -> None:
    assert render(report, fmt) == render(report, fmt)


def test_the_golden_run_finds_exactly_the_planted_gaps(report: Report) -> None:
    assert [(f.code, f.target) for f in report.findings] == [
        ("C008", "fx-county"),
        (
            "V001",
            "fx-county/art_1/quarterly-report#progress-report/county.party-committee-and-government@fx.county/2018-Q3",
        ),
        ("C004", "fx-province/art_3/quarterly-report"),
        ("C009", "fx-county/art_3/notice-board"),
        (
            "V002",
            "fx-county/art_1/quarterly-report#progress-report/county.party-committee-and-government@fx.county/2018-Q4",
        ),
        ("W001", "C009:fx-county/art_3/notice-board"),
    ]
    assert [w.finding.code for w in report.waived] == ["C001"] and report.exit_code() == 1


def test_sarif_validates_against_the_official_schema(report: Report) -> None:
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text("utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    doc = json.loads(render(report, "sarif"))
    jsonschema.Draft4Validator(schema).validate(doc)
    broken = json.loads(render(report, "sarif"))
    del broken["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):  # the schema really constrains results
        jsonschema.Draft4Validator(schema).validate(broken)


def test_sarif_rules_and_help_uris(report: Report) -> None:
    doc = json.loads(render(report, "sarif", RenderOptions(docs_url="https://example.org/rules/")))
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    assert rules[0]["helpUri"] == "https://example.org/rules/C001.md"
    results = doc["runs"][0]["results"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    waived = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in waived] == ["C001"] and waived[0]["suppressions"][0]["status"] == "accepted"


def test_colour_only_when_asked(report: Report) -> None:
    assert "\x1b[" not in render(report, "text")
    assert "\x1b[31m" in render(report, "text", RenderOptions(color=True))


def test_json_counts_waived_apart(report: Report) -> None:
    doc = json.loads(render(report, "json"))
    assert doc["summary"]["findings"] == len(doc["findings"]) == 6
    assert doc["summary"]["waived"] == len(doc["waived"]) == 1
    assert doc["waived"][0]["waiver"]["approved_by"] == "示例县扶贫开发领导小组办公室"
