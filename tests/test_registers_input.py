"""What a register must be before it is judged, and how the engines read its text: one row per
case, household and village (F009); whitespace around ids read as the Python reader reads it
(tabs, U+3000); the line of a CSV row whose quoted fields hold line breaks; the generator's
`procedure` column."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import duckdb
import pytest

from register_support import PS, WUYI_CASE, WUYI_COLUMNS, run_engines, write
from responsibility.cli.main import main
from responsibility.registers import engines
from responsibility.registers.generate import Sizes, generate

WUYI = WUYI_CASE
HEAD = WUYI_COLUMNS


def _check(capsys: pytest.CaptureFixture[str], *files: Path, rules: str = "wuyi") -> tuple[int, str]:
    code = main(["registers", "check", *map(str, files), "--rules", rules])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_second_row_for_a_case_is_f009_at_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    rows = [
        WUYI,
        {**WUYI, "case_id": "wy-2"},
        {**WUYI, "case_id": "\u3000wy-1\t"},
        {**WUYI, "case_id": "wy-2"},
    ]
    path = write(tmp_path / f"exits.{fmt}", rows, HEAD)
    code, err = _check(capsys, path)
    assert code == 1
    # the third row repeats wy-1 (whitespace around an id is no difference): row 4 of the file
    # (for Parquet the row number: the header is no row)
    at = "4:1" if fmt == "csv" else "3:1"
    first = "line 2" if fmt == "csv" else "row 1"
    assert f"exits.{fmt}:{at}: F009 a second row for case_id 'wy-1' (first at {first})" in err
    assert "(2 repeated rows of 2 ids in all)" in err and "Traceback" not in err


def test_households_and_villages_are_one_row_each_pairings_many(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hh = [{"household_id": "h1", "county": "cn.gansu.c01.x01", "village": "cn.gansu.c01.x01.t01.v01"}] * 2
    files = [
        write(tmp_path / "households.csv", hh, ["household_id", "county", "village"]),
        write(
            tmp_path / "pairings.csv", [{"household_id": "h1", "cadre": "C1"}] * 2, ["household_id", "cadre"]
        ),
    ]
    code, err = _check(capsys, *files, rules="gansu/household-helpers")
    assert code == 1 and "households.csv:3:1: F009 a second row for household_id 'h1'" in err
    assert "pairings.csv" not in err
    files[0] = write(tmp_path / "households.csv", hh[:1], ["household_id", "county", "village"])
    assert main(["registers", "check", *map(str, files), "--rules", "gansu/household-helpers"]) == 0


def test_whitespace_around_ids_is_read_as_the_python_reader_reads_it(tmp_path: Path) -> None:
    spaced = {
        **WUYI,
        "case_id": "\u3000wy-1",
        "county": "cn.hebei.hengshui.wuyi\t",
        "village": " cn.hebei.hengshui.wuyi.t01.v01\u3000",
        "verify_by": "\u3000village.two-committees\t;\u3000village.work-team\xa0",
        "household_consent_by": "\tvillage.poor-households\u3000",
        "township_review_by": "township.government\u3000、\u3000township.party-committee",
    }
    got = run_engines([write(tmp_path / "exits.csv", [spaced], HEAD)], ["wuyi"])
    assert got["duckdb"] == got["python"]
    [(_, subject, county, outcome, _)] = got["duckdb"]
    assert (subject, county, outcome) == ("wy-1", "cn.hebei.hengshui.wuyi", "pass")


def test_a_bad_value_after_rows_with_line_breaks_is_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "exits.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([*HEAD, "note"])
        w.writerow([WUYI.get(c, "") for c in HEAD] + ["第一行\n第二行\n第三行"])
        f.write("\n")  # a blank line: no row
        w.writerow([{**WUYI, "case_id": "wy-2"}.get(c, "") for c in HEAD] + ['说明 "引号"\n续'])
        w.writerow([{**WUYI, "case_id": "wy-3", "verify_date": "2017-02-30"}.get(c, "") for c in HEAD] + [""])
    # header 1, wy-1 on lines 2-4, blank 5, wy-2 on 6-7, wy-3 on 8
    assert path.read_text("utf-8").splitlines()[7].startswith("wy-3,")
    code, err = _check(capsys, path)
    col = HEAD.index("verify_date") + 1
    assert code == 1 and f"exits.csv:8:{col}: F008 'verify_date' must be a date" in err


def test_the_generator_names_each_case_s_procedure(tmp_path: Path) -> None:
    rules = engines.register_rules(PS, ["shanxi", "wuyi"])
    files = generate(PS, rules, tmp_path, Sizes(cases=300, seed=4, faults=0.1), "csv")
    con = duckdb.connect()
    got: list[Any] = con.execute(
        f"SELECT procedure, subject, count(*) FROM read_csv('{files['exits']}') GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    refs = {f"{rs.regulation}/{r.id}": r.subject for rs, r in rules}
    assert {p for p, _, _ in got} <= set(refs) and all(refs[p] == s for p, s, _ in got)
    assert sum(n for *_, n in got) == 300
    run = run_engines(list(files.values()), ["shanxi", "wuyi"])
    assert run["duckdb"] == run["python"] and len(run["python"]) == 300
