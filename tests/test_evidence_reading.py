"""The bulk CSV reader of evidence manifests gives exactly what reading row by row gave: the same
artefacts and the same problems, in the same order, for any mix of good and bad entries."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import responsibility
from responsibility.checks.evidence import (
    FIELDS,
    REQUIRED,
    Containment,
    Inventory,
    _artefact,
    read_inventory,
)
from responsibility.core.codes import V006, V007
from responsibility.core.errors import Location
from responsibility.policy.policyset import PolicySet
from responsibility.policy.yamlfile import csv_rows, display_name, field_starts


@pytest.fixture(scope="module")
def ps() -> PolicySet:
    return responsibility.load()


def row_by_row(root: Path, ps: PolicySet | None) -> Inventory:
    """The reader as it was before the bulk one: a dict per row, every row validated, each
    problem at its cell's character column on the line its record starts on (the end of the
    line for a field a short record lacks)."""
    manifest = root / "evidence.csv"
    inv = Inventory(root, manifest, display_name(manifest))
    text = manifest.read_text("utf-8")
    lines = text.splitlines()
    records = csv_rows(text, "evidence.csv", V007)
    first = next(records, None)
    assert first is not None
    header = [h.strip() for h in first[0]]
    contained = Containment(root)
    start = first[1] + 1
    for values, end, _ in records:
        line, start = start, end + 1
        if not any(v.strip() for v in values):
            continue
        starts = field_starts(lines[line - 1])
        cells = {
            h: (line, starts[i] if i < len(starts) else len(lines[line - 1]) + 1)
            for i, h in enumerate(header)
        }
        if len(values) > len(header):
            row = {"_invalid": f"{len(values)} fields where the header has {len(header)}"}
            _artefact(row, line, {}, inv, ps)
            continue
        row = dict(zip(header, (v.strip() for v in values), strict=False))
        art = _artefact(row, line, cells, inv, ps)
        if art is None:
            continue
        escape = contained(art.path)
        if escape:
            inv.problems.append(
                V006.finding(
                    Location(inv.name, *cells["path"]),
                    f"path '{art.path}' {escape}; the file is not read",
                    target=art.path,
                    hint="store the file under the inventory root and give its path relative to it",
                )
            )
            continue
        inv.artefacts.append(art)
    return inv


VALUES = {
    "kind": ["progress-report", "work-plan", "meeting-record", "no-such-kind", "", " progress-report "],
    "producer": ["wuyi.county-government", "county.government", "wuyi.nobody", ""],
    "place": ["", "hs.wuyi", "hs", "nowhere"],
    "counterparty": ["", "city.party-committee-and-government", "nobody"],
    "period": ["2018", "2018-Q2", "2018-W53", "2020-W53", "2018-13", "", "x"],
    "date": ["2018-04-05", "2018-02-30", "", "soon"],
    "path": ["a.pdf", "d/b.pdf", "../out.pdf", "/abs.pdf", "link/x.pdf", "out-link", ""],
    "sha256": ["", "0" * 64, "A" * 64, "xyz"],
}


SHAPES = ("whole", "whole", "whole", "short", "long", "blank")


@st.composite
def manifests(
    draw: st.DrawFn,
    values: dict[str, list[str]] = VALUES,
    most: int = 25,
    shapes: tuple[str, ...] = SHAPES,
) -> tuple[list[str], list[list[str]]]:
    """A header (the required columns, others in any order) and rows of `values`, each whole,
    cut short, one field too long, blank or (with "empty" among `shapes`) empty."""
    header = draw(st.permutations(list(FIELDS)))
    header = header[: draw(st.integers(len(REQUIRED), len(FIELDS)))]
    if not all(r in header for r in REQUIRED):
        header = list(REQUIRED) + [h for h in header if h not in REQUIRED]
    rows = []
    for _ in range(draw(st.integers(0, most))):
        row = [draw(st.sampled_from(values[h])) for h in header]
        shape = draw(st.sampled_from(shapes))
        if shape == "short":
            row = row[: draw(st.integers(0, len(row)))]
        elif shape == "long":
            row += ["extra"]
        elif shape == "blank":
            row = [" "] * len(row)
        elif shape == "empty":
            row = []
        rows.append(row)
    return header, rows


@settings(max_examples=60)
@given(manifest=manifests(), with_policies=st.booleans())
def test_bulk_reading_is_row_by_row_reading(
    ps: PolicySet, manifest: tuple[list[str], list[list[str]]], with_policies: bool
) -> None:
    header, rows = manifest
    with tempfile.TemporaryDirectory() as d, tempfile.TemporaryDirectory() as outside:
        root = Path(d)
        (root / "d").mkdir()
        (root / "a.pdf").write_text("a", "utf-8")
        os.symlink(outside, root / "link")
        os.symlink(Path(outside) / "f", root / "out-link")
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([header, *rows])
        (root / "evidence.csv").write_text(buf.getvalue(), "utf-8")
        pool = ps if with_policies else None
        fast = read_inventory(root, pool)
        slow = row_by_row(root, pool)
    assert fast.problems == slow.problems
    assert fast.artefacts == slow.artefacts


def test_a_repeated_column_reads_its_last_value_as_before(ps: PolicySet, tmp_path: Path) -> None:
    header = ["kind", "producer", "period", "date", "path", "kind"]
    row = ["progress-report", "wuyi.county-government", "2018", "2018-04-05", "a.pdf", "no-such-kind"]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, row])
    (tmp_path / "evidence.csv").write_text(buf.getvalue(), "utf-8")
    fast = read_inventory(tmp_path, ps)
    assert fast.problems == row_by_row(tmp_path, ps).problems
    assert fast.problems[0].message.startswith("unknown artefact kind 'no-such-kind'")
