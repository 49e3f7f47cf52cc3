"""Where evidence findings point: the character column (1-based) of the cell a finding is about,
as facts CSVs point at theirs, on the line its record starts on; messages on one line whatever
the values they quote; an unclosed quote, an empty manifest and a bad header row as V007
findings, the check going on."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import responsibility
from check_helpers import FIXTURES, check
from responsibility.checks.evidence import FIELDS, read_inventory
from responsibility.checks.reporters import render
from responsibility.policy.policyset import PolicySet
from test_evidence_bulk import GOOD

GOLDEN = FIXTURES / "golden"


@pytest.fixture(scope="module")
def ps() -> PolicySet:
    return responsibility.load()


def write(root: Path, rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (root / "evidence.csv").write_text(buf.getvalue(), "utf-8")
    return buf.getvalue()


def checked(evidence: Path) -> list[tuple[str, int, int]]:
    report = check(GOLDEN / "county", evidence=evidence, period="2018")
    return [(f.code, f.location.line, f.location.column) for f in report.findings]


# cells of plain and Chinese text with commas and quotes, which make the writer quote them: a bad
# date (the last cell) must be reported at its first character (its opening quote when quoted)
TEXT = st.text(alphabet="ab 中文,\"'", max_size=6)


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.tuples(TEXT, TEXT, st.booleans(), st.booleans()), min_size=1, max_size=8))
def test_a_cell_is_reported_at_its_character_column(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str, bool, bool]]
) -> None:
    root = tmp_path_factory.mktemp("ev")
    records = [["path", "kind", "producer", "period", "counterparty", "date"]]
    for path, counterparty, bad, comma in rows:
        date = ("2018-02-30" + ("," if comma else "")) if bad else "2018-04-05"
        records.append(
            [f"{path}.pdf", "progress-report", "wuyi.county-government", "2018", counterparty, date]
        )
    lines = write(root, records).splitlines()
    inv = read_inventory(root, None)
    want = []
    for n, row in enumerate(records[1:], start=2):
        if row[5] != "2018-04-05":
            cell = f'"{row[5]}"' if "," in row[5] else row[5]
            assert lines[n - 1].endswith("," + cell)
            want.append((n, len(lines[n - 1]) - len(cell) + 1))
    dates = [f for f in inv.problems if "is not a date" in f.message]
    assert [(f.location.line, f.location.column) for f in dates] == want


def test_the_late_report_points_at_its_date_cell() -> None:
    report = check(
        GOLDEN / "county", evidence=GOLDEN / "evidence", period="2018", waivers=GOLDEN / "waivers.yaml"
    )
    lines = (GOLDEN / "evidence" / "evidence.csv").read_text("utf-8").splitlines()
    (late,) = [f for f in report.findings if f.code == "V002"]
    line = lines[late.location.line - 1]
    assert late.location.column == line.index(",2019-01-15,") + 2 != 7  # the date cell, not the path's number


def test_file_missing_and_hash_mismatch_point_at_path_and_sha256(tmp_path: Path) -> None:
    evidence = tmp_path / "ev"
    evidence.mkdir()
    for name in ("q1.txt", "q2.txt", "q4.txt", "letter.txt"):
        (evidence / name).write_text("x", "utf-8")
    rows = (GOLDEN / "evidence" / "evidence.csv").read_text("utf-8").splitlines()
    rows = [r.replace("2018/", "").replace("pool/project-pool.txt", "gone.txt") for r in rows]
    (evidence / "evidence.csv").write_text("\n".join(rows) + "\n", "utf-8")
    at = {code: (line, col) for code, line, col in checked(evidence) if code in ("V004", "V005")}
    gone = next(n for n, ln in enumerate(rows, 1) if "gone.txt" in ln)
    signed = next(n for n, ln in enumerate(rows, 1) if "letter.txt" in ln)
    assert at["V004"] == (gone, rows[gone - 1].index("gone.txt") + 1)
    assert at["V005"] == (signed, rows[signed - 1].index("letter.txt,") + len("letter.txt,") + 1)


def test_a_field_over_two_lines_is_reported_where_its_record_starts_escaped(
    ps: PolicySet, tmp_path: Path
) -> None:
    text = write(tmp_path, [list(FIELDS), list(GOOD.values()), list(dict(GOOD, period="2018-\nQ2").values())])
    assert text.splitlines()[2].startswith('progress-report,wuyi.county-government,,,"2018-')
    inv = read_inventory(tmp_path, ps)
    (bad,) = inv.problems
    assert (bad.location.line, bad.location.column) == (
        3,
        len("progress-report,wuyi.county-government,,,") + 1,
    )
    assert "'2018-\\nQ2' is not a period" in bad.message and "\n" not in bad.format()


def test_an_unclosed_quote_is_reported_where_it_opens(ps: PolicySet, tmp_path: Path) -> None:
    good = ",".join(GOOD.values())
    opened = good.replace(",a.pdf,", ',"a.pdf,')
    (tmp_path / "evidence.csv").write_text(
        "\n".join([",".join(FIELDS), good, opened, good, good]) + "\n", "utf-8"
    )
    inv = read_inventory(tmp_path, ps)
    (bad,) = inv.problems
    assert (bad.code, bad.location.line, bad.location.column) == ("V007", 3, opened.index('"') + 1)
    assert (
        bad.message
        == "a quote opened here is never closed: only this entry is not read; reading goes on at line 4"
    )
    # only that entry is not read: the ones after it are read as their own records
    assert [a.line for a in inv.artefacts] == [2, 4, 5]
    # on the last line too, where the bulk reader would otherwise take the record as read
    (tmp_path / "evidence.csv").write_text("\n".join([",".join(FIELDS), good, opened]), "utf-8")
    inv = read_inventory(tmp_path, ps)
    (bad,) = inv.problems
    assert (bad.location.line, bad.message) == (
        3,
        "a quote opened here is never closed: only this entry is not read",
    )
    assert len(inv) == 1


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf", b"  \n", b"\n\n"])
def test_an_empty_manifest_has_no_header_row(ps: PolicySet, tmp_path: Path, raw: bytes) -> None:
    (tmp_path / "evidence.csv").write_bytes(raw)
    inv = read_inventory(tmp_path, ps)
    assert [(f.code, f.location.line, f.location.column, f.message) for f in inv.problems] == [
        ("V007", 1, 1, "no header row")
    ]
    assert len(inv) == 0


def test_a_header_missing_a_column_is_a_finding_and_the_check_goes_on(tmp_path: Path) -> None:
    evidence = tmp_path / "ev"
    evidence.mkdir()
    rows = (GOLDEN / "evidence" / "evidence.csv").read_text("utf-8").splitlines()
    rows[0] = rows[0].replace(",date,", ",when,")
    (evidence / "evidence.csv").write_text("\n".join(rows) + "\n", "utf-8")
    report = check(GOLDEN / "county", evidence=evidence, period="2018")
    assert report.loaded and report.exit_code() == 1
    (v007,) = [f for f in report.findings if f.code == "V007"]
    assert (v007.location.line, v007.location.column) == (1, rows[0].index("when") + 1)
    assert v007.message.startswith("evidence.csv header: unknown column: when; missing column: date")
    assert "[" not in v007.message
    assert {"C004", "C009", "V001"} <= {
        f.code for f in report.findings
    }  # policy findings; slots read as empty
    out = json.loads(render(report, "json"))
    assert out["loaded"] is True and out["evidence"]["counts"]["present"] == 0


def test_a_yaml_inventory_points_at_each_key_on_its_own_line(ps: PolicySet, tmp_path: Path) -> None:
    flow = "- {kind: progress-report, producer: wuyi.county-government, period: 2018, date: x, path: a.pdf}"
    (tmp_path / "evidence.yaml").write_text(
        "kind: evidence\nartefacts:\n"
        "- kind: progress-report\n  producer: wuyi.county-government\n  period: 2018\n"
        f"  date: '2018-02-30'\n  path: a.pdf\n{flow}\n",
        "utf-8",
    )
    inv = read_inventory(tmp_path, ps)
    assert [(f.location.line, f.location.column) for f in inv.problems] == [
        (6, 3),
        (8, flow.index("date") + 1),
    ]
