"""The bulk reader of CSV manifests and the slot-wise matching give what the record-by-record
reading and matching every artefact gave: across chunk boundaries, with whitespace, quoting,
line endings and a byte order mark, for manifests it hands back to the record-by-record reader,
and with positioned findings for bad rows anywhere in a large inventory."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import responsibility
from responsibility.checks import evidence as ev
from responsibility.checks.evidence import FIELDS, evaluate, parse_range, read_inventory
from responsibility.core.errors import PolicyError
from responsibility.policy.policyset import PolicySet
from test_evidence_reading import VALUES, manifests, row_by_row

GOOD = {
    "kind": "progress-report",
    "producer": "wuyi.county-government",
    "place": "",
    "counterparty": "",
    "period": "2018",
    "date": "2018-04-05",
    "path": "a.pdf",
    "sha256": "",
}


@pytest.fixture(scope="module")
def ps() -> PolicySet:
    return responsibility.load()


def tree(root: Path, outside: str) -> None:
    (root / "d").mkdir()
    (root / "a.pdf").write_text("a", "utf-8")
    os.symlink(outside, root / "link")
    os.symlink(Path(outside) / "f", root / "out-link")


def write(root: Path, rows: list[list[str]], terminator: str = "\n", bom: bool = False) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=terminator).writerows(rows)
    (root / "evidence.csv").write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode())


# Values the reading must treat exactly as before: padded, quoted with a comma, Chinese, a
# directory that is a link, a digest in capitals with spaces around it.
MORE = {
    "kind": [" work-plan", "progress-report\t"],
    "producer": ["wuyi.county-government ", "\u3000wuyi.county-government"],
    "period": [" 2018-Q2 "],
    "path": [" d/b.pdf ", "材料/报告,2018.pdf", "link/y.pdf", "d/../a.pdf", "C:x.pdf", "\\abs.pdf"],
    "sha256": [" " + "A" * 64 + " ", "0" * 63],
}


# the reading test's manifests, with the values above and an empty record among the shapes
MANIFESTS = manifests(
    {h: VALUES[h] + MORE.get(h, []) for h in FIELDS}, 30, ("whole",) * 6 + ("short", "long", "blank", "empty")
)


@settings(max_examples=80, deadline=None)
@given(
    manifest=MANIFESTS,
    with_policies=st.booleans(),
    terminator=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
)
def test_bulk_reading_across_chunks_is_row_by_row_reading(
    ps: PolicySet,
    manifest: tuple[list[str], list[list[str]]],
    with_policies: bool,
    terminator: str,
    bom: bool,
) -> None:
    header, rows = manifest
    with tempfile.TemporaryDirectory() as d, tempfile.TemporaryDirectory() as outside:
        root = Path(d)
        tree(root, outside)
        pool = ps if with_policies else None
        write(root, [header, *rows], terminator)
        slow = row_by_row(root, pool)  # the reference reads the text as it is: no byte order mark
        write(root, [header, *rows], terminator, bom)
        with patch.object(ev, "_CHUNK", 3):  # a few rows cross several chunk boundaries
            fast = read_inventory(root, pool)
        size = len(fast)
    assert fast.problems == slow.problems
    assert fast.artefacts == slow.artefacts
    assert size == len(slow.artefacts)


def test_the_bulk_reader_takes_a_plain_manifest(ps: PolicySet, tmp_path: Path) -> None:
    """The fast path is the one taken (an error in it would hide behind the fallback)."""
    write(tmp_path, [list(FIELDS), list(GOOD.values())])
    inv = read_inventory(tmp_path, ps)
    assert inv.table is not None and inv.table.count == 1 and inv.problems == []
    assert [a.path for a in inv.artefacts] == ["a.pdf"] and inv.table is None


def test_a_field_over_two_lines_is_read_record_by_record(ps: PolicySet, tmp_path: Path) -> None:
    bad = dict(GOOD, kind="no-such-kind")
    rows = [list(FIELDS), list(GOOD.values()), list(dict(GOOD, path="two\nlines.pdf").values())]
    rows += [list(bad.values())]
    write(tmp_path, rows)
    inv = read_inventory(tmp_path, ps)
    assert inv.table is None  # read by the record-by-record reader
    assert inv.problems == row_by_row(tmp_path, ps).problems
    assert inv.problems[0].location.line == 5  # the line the record is on, not its number


def test_bytes_that_are_not_utf8_deep_in_a_manifest_are_an_error_where_they_are(
    ps: PolicySet, tmp_path: Path
) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([list(FIELDS)] + [list(GOOD.values())] * 5000)
    data = buf.getvalue().encode()
    cut = data.index(b"\n", len(data) // 2) + 1
    (tmp_path / "evidence.csv").write_bytes(data[:cut] + b"\xff" + data[cut:])
    with pytest.raises(PolicyError) as exc:
        read_inventory(tmp_path, ps)
    (finding,) = exc.value.diagnostics
    assert finding.code == "E005" and finding.location.line == data[:cut].count(b"\n") + 1


def test_a_field_over_the_limit_is_an_error_at_its_column(ps: PolicySet, tmp_path: Path) -> None:
    long_path = "p" * 70_000
    write(tmp_path, [list(FIELDS), list(GOOD.values()), list(dict(GOOD, path=long_path).values())])
    with pytest.raises(PolicyError) as exc:
        read_inventory(tmp_path, ps)
    (finding,) = exc.value.diagnostics
    assert finding.location.line == 3 and "longer than" in finding.message


def big(root: Path, bad_at: dict[int, dict[str, str]], count: int = 5000) -> None:
    """`count` entries, some (by entry index) replaced: lines far beyond the first chunk."""
    rows = [list(FIELDS)]
    for i in range(count):
        row = dict(GOOD, period=f"{2016 + i % 5}", path=f"f/{i}.pdf", kind=("statistics", "archive")[i % 2])
        rows.append(list(bad_at.get(i, row).values()))
    write(root, rows)


def test_a_bad_row_deep_in_a_large_inventory_is_reported_at_its_line_and_column(
    ps: PolicySet, tmp_path: Path
) -> None:
    bad_at = {
        2499: dict(GOOD, date="2018-02-30"),
        3999: dict(GOOD, path="../escape.pdf"),
        4500: dict(GOOD, sha256="xyz"),
    }
    big(tmp_path, bad_at)
    inv = read_inventory(tmp_path, ps)
    assert inv.table is not None
    shown = [f.format() for f in inv.problems]
    lines = (tmp_path / "evidence.csv").read_text("utf-8").splitlines()
    # the character column of the cell each is about: date, path, sha256
    date, path, sha = (
        lines[n - 1].index(v) + 1 for n, v in ((2501, "2018-02-30"), (4001, "../"), (4502, "xyz"))
    )
    assert (date, path, sha) == (47, 58, 64)
    assert [(f.code, f.location.line, f.location.column) for f in inv.problems] == [
        ("V007", 2501, date),
        ("V006", 4001, path),
        ("V007", 4502, sha),
    ]
    assert (
        shown[0]
        == f"{inv.name}:2501:47: V007 '2018-02-30' is not a date (YYYY-MM-DD); see docs/guide/evidence.md"
    )
    assert inv.problems == row_by_row(tmp_path, ps).problems
    assert len(inv) == 4997  # none of the three is an artefact


def artefact_statuses(rows: list[ev.EvidenceRow]) -> list[tuple[str, str, Path | None]]:
    return [(r.target, r.status.value, None if r.artefact is None else Path(r.artefact.path)) for r in rows]


def inventories(root: Path, ps: PolicySet) -> Iterator[ev.Inventory]:
    yield read_inventory(root, ps)  # the clean rows as columns: only slot candidates built
    every = read_inventory(root, ps)
    assert every.artefacts  # all built: the evaluation sees plain lists
    assert every.table is None
    yield every


def test_matching_per_slot_is_matching_every_artefact(ps: PolicySet, tmp_path: Path) -> None:
    """The 武邑 rule's slots over five years, filled by some of 5,000 entries of its kinds (work
    plans and reports of the county's bodies, in the periods it expects and in others; some late,
    some without the counterparty, some files missing)."""
    rows = [list(FIELDS)]
    makers = [
        ("progress-report", "wuyi.county-committee-and-government", "wuyi.hengshui-leading-group"),
        ("work-plan", "wuyi.organisation-department", ""),
        ("work-report", "wuyi.organisation-department", "wuyi.leading-group"),
        ("statistics", "wuyi.county-government", ""),
    ]
    for i in range(5000):
        year = 2016 + i % 5
        period = (f"{year}", f"{year}-Q{1 + i % 4}", f"{year}-W{1 + i % 52:02d}")[i % 3]
        kind, producer, to = makers[i % 4]
        date = f"{year}-12-{1 + i % 28:02d}" if i % 7 else f"{year + 1}-03-01"
        path = "a.pdf" if i % 5 else f"missing/{i}.pdf"
        rows.append([kind, producer, "", "" if i % 11 == 0 else to, period, date, path, ""])
    write(tmp_path, rows)
    (tmp_path / "a.pdf").write_text("a", "utf-8")
    span = parse_range("2016..2020")
    reg = ps.regulation("wuyi")
    lazy, built = (evaluate(ps, [reg], inv, span) for inv in inventories(tmp_path, ps))
    assert artefact_statuses(lazy.rows) == artefact_statuses(built.rows)
    assert [r.artefact for r in lazy.rows] == [r.artefact for r in built.rows]
    statuses = {r.status.value for r in lazy.rows if r.artefact is not None}
    assert {"present", "late", "file-missing"} <= statuses  # slots filled, in several ways
