"""A facts CSV is read without a position per cell; when validation finds a problem the text is
read again for them. The findings must be those a reader placing every cell up front gives: the
row's line, the column where the bad cell starts, after the problems found while reading."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from responsibility.computable import facts as factsmod
from responsibility.core.errors import PolicyError
from responsibility.policy.yamlfile import field_starts


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(1, 12),
    bad_row=st.integers(0, 11),
    quoted=st.booleans(),
    short_row=st.one_of(st.none(), st.integers(0, 11)),
)
def test_a_bad_cell_is_placed_as_a_full_scan_places_it(
    n: int, bad_row: int, quoted: bool, short_row: int | None
) -> None:
    bad_row %= n
    lines = ["place,note,year,funds"]
    for i in range(n):
        note = '"a, b"' if quoted else "x"
        year = "20x7" if i == bad_row else "2017"
        lines.append(f"cn.p{i},{note},{year},{i}" if i != short_row else f"cn.p{i},{note}")
    text = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "fiscal.csv"
        f.write_text(text, "utf-8")
        with pytest.raises(PolicyError) as err:
            factsmod.read(f, "fiscal.csv")
    got = [(d.code, d.line, d.column) for d in err.value.diagnostics]
    want = []
    if short_row is not None and short_row < n:
        want.append(("F001", short_row + 2, 1))
    if bad_row != short_row:
        line = lines[bad_row + 1]
        want.append(("F003", bad_row + 2, field_starts(line)[2]))
    assert sorted(got) == sorted(want)


def test_a_case_id_cell_is_placed_in_a_cases_csv() -> None:
    text = "case,subject,place,step,by,date\nc1,household,cn.x,propose,a,2018-01-01\nc1,household,cn.x,verify,b,2018-13-01\n"
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "cases.csv"
        f.write_text(text, "utf-8")
        with pytest.raises(PolicyError) as err:
            factsmod.read(f, "cases.csv")
    [d] = err.value.diagnostics
    assert (d.code, d.line, d.column) == ("F003", 3, text.splitlines()[2].index("2018-13") + 1)
