"""A quote never closed in a facts CSV is an F001 at the quote, as the evidence manifest's reader
reports it (V007, through the same reader): only its row is not read, and reading goes on at the
next line, so the rows after it are read as their own. Neither read silently to the end of the
file (the rule then evaluated on what the quote swallowed) nor miscounted as fields on the next
line."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from responsibility.cli.main import main
from responsibility.computable import facts as factsmod
from responsibility.core.errors import PolicyError

WUYI = ROOT / "policies" / "wuyi"
HEADER = "place,year,general_budget_revenue,special_poverty_funds"
PLACE = "cn.hebei.hengshui.wuyi"
HINT = 'close the quote (a quote inside a quoted field is written twice: "")'


def read(text: str) -> factsmod.Facts:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fiscal.csv"
        path.write_text(text, "utf-8", newline="")
        return factsmod.read(path, "fiscal.csv")


def problems(text: str) -> list[tuple[str, int, int, str]]:
    with pytest.raises(PolicyError) as err:
        read(text)
    return [(d.code, d.location.line, d.location.column, d.message) for d in err.value.diagnostics]


def test_a_quote_left_open_in_the_last_field_is_f001_at_the_quote() -> None:
    text = f'{HEADER}\n{PLACE},2017,1000000000,"8000000\n'
    column = len(f"{PLACE},2017,1000000000,") + 1
    assert problems(text) == [
        ("F001", 2, column, "a quote opened here is never closed: only this row is not read")
    ]


def test_a_quote_left_open_mid_file_is_reported_at_it_and_the_rows_after_are_read() -> None:
    text = f'{HEADER}\n{PLACE},2016,"900000000,7000000\n{PLACE},2017,1000000000,8000000\n{PLACE},2018年,1,2\n'
    column = len(f"{PLACE},2016,") + 1
    found = problems(text)
    assert found[0] == (
        "F001",
        2,
        column,
        "a quote opened here is never closed: only this row is not read; reading goes on at line 3",
    )
    # the row on line 4 was read as its own: its bad year is reported where it is
    assert [(c, line) for c, line, _, _ in found[1:]] == [("F003", 4)]
    assert not any("fields where the header has" in m for *_, m in found)


def test_a_quote_left_open_in_the_header_is_f001_at_the_quote() -> None:
    text = f'place,"year,general_budget_revenue\n{PLACE},2017,1\n'
    assert problems(text) == [
        ("F001", 1, 7, "a quote opened here is never closed: the header row is not read")
    ]


def test_check_stops_with_the_error_and_evaluates_no_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = tmp_path / "fiscal.csv"
    facts.write_text(f'{HEADER}\n{PLACE},2017,1000000000,"8000000\n', "utf-8")
    code = main(["check", str(WUYI), "--facts", str(facts)])
    out, err = capsys.readouterr()
    column = len(f"{PLACE},2017,1000000000,") + 1
    assert code == 1 and " R00" not in out and "Traceback" not in err
    assert (
        f"fiscal.csv:2:{column}: F001 a quote opened here is never closed: only this row is not read; {HINT}"
        in err
    )


ROW = st.tuples(st.integers(1000, 9999), st.integers(0, 10**12), st.integers(0, 10**12))


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(ROW, min_size=1, max_size=6, unique_by=lambda r: r[0]),
    data=st.data(),
    terminator=st.sampled_from(["\n", "\r\n"]),
)
def test_an_open_quote_reads_as_its_row_left_blank(
    rows: list[tuple[int, int, int]], data: st.DataObject, terminator: str
) -> None:
    """Apart from the F001, the table reads as if the broken row's line were empty."""
    lines = [f"{PLACE},{y},{r},{f}" for y, r, f in rows]
    i = data.draw(st.integers(0, len(lines) - 1))
    broken = [*lines[:i], lines[i] + ',"', *lines[i + 1 :]]
    blank = [*lines[:i], "", *lines[i + 1 :]]
    text = terminator.join([HEADER, *broken]) + terminator
    with pytest.raises(PolicyError) as err:
        read(text)
    (d,) = err.value.diagnostics
    assert (d.code, d.location.line, d.location.column) == ("F001", i + 2, len(lines[i]) + 2)
    expected = read(terminator.join([HEADER, *blank]) + terminator)
    assert len(expected) == len(rows) - 1
