"""A quote never closed in evidence.csv costs only the entry it is in: V007 at the quote, and
the entries after it are read as their own records, as if that entry were a blank line — in the
example repository, the artefacts after it count and their own problems (a late report) are
still reported, where they had been reported missing."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import responsibility
from conftest import ROOT
from responsibility.checks.evidence import FIELDS, read_inventory
from responsibility.cli.main import main
from responsibility.policy.policyset import PolicySet
from responsibility.policy.yamlfile import csv_text_from
from test_evidence_bulk import GOOD, manifests, tree

BREAK = re.compile(r"\r\n|\r|\n")
GOOD_LINE = ",".join(GOOD.values())


@pytest.fixture(scope="module")
def ps() -> PolicySet:
    return responsibility.load()


def written(row: list[str], terminator: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=terminator).writerow(row)
    return buf.getvalue()


@settings(max_examples=60, deadline=None)
@given(
    manifest=manifests(),
    data=st.data(),
    with_policies=st.booleans(),
    terminator=st.sampled_from(["\n", "\r\n"]),
)
def test_an_unclosed_quote_reads_as_its_entry_left_blank(
    ps: PolicySet,
    manifest: tuple[list[str], list[list[str]]],
    data: st.DataObject,
    with_policies: bool,
    terminator: str,
) -> None:
    """The record-by-record reader (which an unclosed quote sends a manifest to) reads the
    manifest as the bulk reader reads it with that entry's lines left empty, plus one V007."""
    header, rows = manifest
    assume(rows)
    texts = [written(r, terminator) for r in rows]
    i = data.draw(st.integers(0, len(rows) - 1))
    assume('"' not in "".join(texts[i + 1 :]))  # else a later quote would close it
    broken = texts[i].removesuffix(terminator) + ',"' + terminator
    blank = terminator * len(BREAK.findall(texts[i]))
    before = written(header, terminator) + "".join(texts[:i])
    line = len(BREAK.findall(before + broken))  # the quote is on the record's last line
    column = len(BREAK.split(broken)[-2])  # the quote ends its line
    after = "".join(texts[i + 1 :])
    with tempfile.TemporaryDirectory() as d, tempfile.TemporaryDirectory() as outside:
        root = Path(d)
        tree(root, outside)
        pool = ps if with_policies else None
        (root / "evidence.csv").write_text(before + blank + after, "utf-8", newline="")
        expected = read_inventory(root, pool)
        want = (expected.problems, expected.artefacts)
        (root / "evidence.csv").write_text(before + broken + after, "utf-8", newline="")
        got = read_inventory(root, pool)
    (opened,) = [p for p in got.problems if "never closed" in p.message]
    assert (opened.code, opened.location.line, opened.location.column) == ("V007", line, column)
    assert "only this entry" in opened.message
    rest = [p for p in got.problems if p is not opened]
    assert (rest, got.artefacts) == want
    # in line order: the problems of the entries before it, then it, then theirs
    assert got.problems.index(opened) == sum(p.location.line < line for p in rest)


def test_an_unclosed_quote_on_a_later_line_of_its_record(ps: PolicySet, tmp_path: Path) -> None:
    """A record whose producer, over two lines, closes, then a quote on its second line that does
    not: the record (lines 3–4) is not read; line 5 is, its own problems where they are."""
    spans = GOOD_LINE.replace("wuyi.county-government", '"wuyi.county-\ngovernment"', 1)
    opened = spans.replace(",a.pdf,", ',"a.pdf,')
    late = GOOD_LINE.replace("2018-04-05", "2018-13-05") + "xyz"  # no quote: it would close it
    text = "\n".join([",".join(FIELDS), GOOD_LINE, opened, late, GOOD_LINE]) + "\n"
    (tmp_path / "evidence.csv").write_text(text, "utf-8")
    inv = read_inventory(tmp_path, ps)
    quote = opened.split("\n")[1].index('"a.pdf') + 1
    message = "a quote opened here is never closed: only this entry (lines 3–4) is not read; reading goes on at line 5"
    assert [(p.location.line, p.location.column, p.message) for p in inv.problems] == [
        (4, quote, message),
        (5, late.index("2018-13-05") + 1, "'2018-13-05' is not a date (YYYY-MM-DD)"),
        (5, late.index("xyz") + 1, "sha256 must be 64 hexadecimal digits"),
    ]
    assert [a.line for a in inv.artefacts] == [2, 6]


def test_a_cell_after_a_field_over_lines_is_at_its_own_line(ps: PolicySet, tmp_path: Path) -> None:
    """What the guide says: a cell after a field over several lines at the line it is on; the
    record as a whole at its first line, column 1; a field a short record lacks past its end."""
    two = GOOD_LINE.replace(",,,", ',,"two\nlines",', 1).replace("2018-04-05", "2018-13-05")
    long = GOOD_LINE.replace("a.pdf,", '"b\nc.pdf",', 1) + ",extra"
    short = 'progress-report,"wuyi.county-\ngovernment",,,2018'
    text = "\n".join([",".join(FIELDS), two, long, short]) + "\n"
    (tmp_path / "evidence.csv").write_text(text, "utf-8")
    inv = read_inventory(tmp_path, ps)
    at = {p.message.split(";")[0]: (p.location.line, p.location.column) for p in inv.problems}
    assert at["'2018-13-05' is not a date (YYYY-MM-DD)"] == (3, two.split("\n")[1].index("2018-13") + 1)
    assert at["unknown actor 'two\\nlines'"] == (2, two.index('"two') + 1)
    assert at["9 fields where the header has 8"] == (4, 1)
    assert at["missing date"] == (7, len('government",,,2018') + 1)


def test_an_unclosed_quote_in_the_header_leaves_the_inventory_empty(ps: PolicySet, tmp_path: Path) -> None:
    header = ",".join(FIELDS).replace(",path,", ',"path,')
    (tmp_path / "evidence.csv").write_text("\n".join([header, GOOD_LINE, GOOD_LINE]) + "\n", "utf-8")
    inv = read_inventory(tmp_path, ps)
    assert [(p.code, p.location.line, p.location.column, p.message) for p in inv.problems] == [
        (
            "V007",
            1,
            header.index('"') + 1,
            "a quote opened here is never closed: the header row is not read; the inventory is read as empty",
        )
    ]
    assert len(inv) == 0


def test_an_unclosed_quote_before_more_than_a_field_can_hold(ps: PolicySet, tmp_path: Path) -> None:
    """The rest of a large file, too long for one field, is no error: the quote is V007 and the
    entries after it are read (the csv module gives up on the field before it reaches the end)."""
    opened = GOOD_LINE.replace(",a.pdf,", ',"a.pdf,')
    rows = [GOOD_LINE.replace("a.pdf", f"f/{n}.pdf") for n in range(3000)]
    text = "\n".join([",".join(FIELDS), GOOD_LINE, opened, *rows]) + "\n"
    assert len(text) > 131_072  # the csv module's own field limit
    (tmp_path / "evidence.csv").write_text(text, "utf-8")
    inv = read_inventory(tmp_path, ps)
    assert [(p.location.line, p.message) for p in inv.problems] == [
        (3, "a quote opened here is never closed: only this entry is not read; reading goes on at line 4")
    ]
    assert len(inv) == 3001 and inv.artefacts[-1].line == 3003


def test_csv_text_from_keeps_line_numbers_and_line_breaks() -> None:
    text = 'a\r\nb\rc\n"d\r\ne"\n'
    assert csv_text_from(text, 1) == text
    assert csv_text_from(text, 3) == '\n\nc\n"d\r\ne"\n'
    assert list(csv.reader(io.StringIO(csv_text_from(text, 4), newline=""))) == [[], [], [], ["d\r\ne"]]
    assert csv_text_from(text, 7) == ""


def test_the_example_reads_past_an_unclosed_quote(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The example repository with its Q2 report's period quoted and never closed: that report is
    missing, the Q4 report after it is still late (V002), the Dongxiang letter still present."""
    shutil.copytree(ROOT / "examples" / "local-repo", tmp_path / "repo")
    csv_path = tmp_path / "repo" / "evidence" / "evidence.csv"
    lines = csv_path.read_text("utf-8").split("\n")
    assert ",2018-Q2," in lines[2]
    lines[2] = lines[2].replace(",2018-Q2,", ',"2018-Q2,')
    csv_path.write_text("\n".join(lines), "utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    monkeypatch.setenv("RESPONSIBILITY_NO_CACHE", "1")
    code = main(["check", "policies", "--evidence", "evidence", "--period", "2018", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    evidence = [(f["code"], f["line"]) for f in doc["findings"] if f["file"] == "evidence/evidence.csv"]
    assert evidence == [("V007", 3), ("V002", 4)]
    missing = sorted(f["target"].rsplit("/", 1)[-1] for f in doc["findings"] if f["code"] == "V001")
    assert missing == ["2018", "2018-Q2", "2018-Q3"]  # the Xixiang letter, Q2 (not read), Q3
    assert code == 1 and doc["evidence"]["counts"]["present"] == 2
