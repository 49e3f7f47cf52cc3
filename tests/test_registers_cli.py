"""`responsibility registers generate|check`: the report per county and kind, its formats, and
bad input as `file:line:col: CODE message; fix` with exit 1, never a traceback."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from responsibility.cli.main import main


def _generate(tmp: Path, *rules: str, fmt: str = "parquet", faults: str = "0.1") -> list[str]:
    args = [
        "registers",
        "generate",
        str(tmp),
        "--cases",
        "400",
        "--households",
        "300",
        "--seed",
        "2",
        "--faults",
        faults,
        "--format",
        fmt,
    ]
    for r in rules:
        args += ["--rules", r]
    assert main(args) == 0
    return sorted(str(p) for p in tmp.iterdir() if not p.name.startswith("."))


def test_check_reports_per_county_and_kind_citing_the_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _generate(tmp_path, "wuyi")
    capsys.readouterr()
    assert main(["registers", "check", *files, "--rules", "wuyi", "--format", "json", "--examples", "2"]) == 1
    report = json.loads(capsys.readouterr().out)
    [total] = report["totals"]
    assert (
        total["county"] == "cn.hebei.hengshui.wuyi" and total["checked"] == 400 and 0 < total["failed"] < 100
    )
    assert (total["county_label"], total["rule_label"]) == ("武邑县", "武邑 贫困户退出")
    kinds = {k["kind"] for k in report["kinds"]}
    assert {"notice-objection", "missing-step", "out-of-order", "wrong-body"} <= kinds
    objection = next(k for k in report["kinds"] if k["kind"] == "notice-objection")
    assert objection["citation"] == "武邑 一(二)9" and objection["quote"] == "在村内公示无异议"
    assert 1 <= len(objection["examples"]) <= 2
    assert objection["kind_label"] == "公示有异议" and objection["step_label"] == "在村内公示无异议"
    assert objection["examples"][0]["message"].startswith("「在村内公示无异议」有异议 ")
    assert sum(k["count"] for k in report["kinds"]) >= total["failed"]


def test_text_csv_and_sarif_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _generate(tmp_path, "gansu", fmt="csv")
    capsys.readouterr()
    assert main(["registers", "check", *files, "--rules", "gansu"]) == 1
    text = capsys.readouterr().out
    assert "未覆盖：贫困户 — 甘肃 第二十八条「帮扶责任人对贫困户全覆盖」" in text, text
    assert "没有驻村工作队（无驻村工作队记录）" in text
    main(["registers", "check", *files, "--rules", "gansu", "--format", "csv"])
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert {r["kind"] for r in rows} >= {"not-covered"} and all(int(r["count"]) > 0 for r in rows)
    assert {r["kind_label"] for r in rows if r["kind"] == "not-covered"} == {"未覆盖"}
    main(["registers", "check", *files, "--rules", "gansu", "--format", "sarif"])
    sarif = json.loads(capsys.readouterr().out)
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == len(rows)


def test_a_clean_register_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _generate(tmp_path, "shanxi", faults="0")
    assert main(["registers", "check", *files, "--rules", "shanxi"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("共核查 400 条，有问题 0 条（duckdb）")
    assert main(["registers", "check", *files, "--rules", "shanxi", "--lang", "en"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("400 records checked, 0 failed (duckdb)")


HEAD = "case_id,subject,procedure,county,township,village,township_approval_date,township_approval_by,system_mark_date,system_mark_by"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "exits.csv",
            HEAD + "\nsx1,household,,cn.shanxi.c01.x01,,,2018-13-01,township.government,,\n",
            "exits.csv:2:7: F008 'township_approval_date' must be a date (2018-03-01), not '2018-13-01'",
        ),
        (
            "exits.csv",
            HEAD + "\nsx1,person,,cn.shanxi.c01.x01,,,,,,\n",
            "exits.csv:2:2: F008 'subject' must be one of household, village, county and is required, not 'person'",
        ),
        (
            "exits.csv",
            "case_id,subject,county\nsx1,household,cn.shanxi.c01.x01\n",
            "exits.csv:1:1: F007 the exits register lacks the column(s) township_approval_date, township_approval_by",
        ),
        ("2019-cases.csv", HEAD + "\n", "2019-cases.csv:1:1: F006 the file's name does not say its table"),
        ("exits.parquet", "not parquet", "exits.parquet:1:1: F006 cannot read the file"),
    ],
)
def test_bad_input_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert main(["registers", "check", str(path), "--rules", "shanxi/household-exit"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(str(tmp_path / expected.split(":")[0]))
    assert expected.split(":", 1)[1] in err and "Traceback" not in err


def test_unknown_rules_are_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["registers", "check", str(tmp_path / "exits.csv"), "--rules", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert "argument --rules: unknown regulation 'nowhere'" in err and "Traceback" not in err
