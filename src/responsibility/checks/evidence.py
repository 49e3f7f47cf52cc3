"""Evidence: an inventory of the artefacts bodies produced, and its evaluation against duties.

The inventory is a directory with a manifest at its root, ``evidence.yaml`` or ``evidence.csv``
(not both), listing one artefact per entry (see ``docs/guide/evidence.md``):

=============  ==============================================================================
kind           artefact kind id from the catalogue (``progress-report``)
producer       actor id: a concrete body (``shilixian.county-government``) or a role type
place          place id; required with a role type, implied by a concrete body
counterparty   actor id the artefact went to or was signed with (optional)
period         the period it covers: ``2018``, ``2018-H1``, ``2018-Q2``, ``2018-05``, ``2018-W14``
date           the date it was issued (``2018-04-05``)
path           the file, relative to the inventory root
sha256         optional: hex digest of the file
=============  ==============================================================================

The evaluation takes every duty of the regulations checked, the bodies it applies to (its owners
at the places the regulation governs) and a range of periods, and gives each expected artefact —
one per artefact kind, body and period of the duty's frequency (a quarterly report: four a
year) — a status: present, late, wrong-counterparty, hash-mismatch, file-missing or missing;
duties that produce no artefact or have no calendar are *not applicable*. Paths that escape the
root (``..``, absolute, or a symlink pointing out) are reported and never read.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import gc
import hashlib
import heapq
import io
import os
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import compress, count, islice, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from responsibility.core.codes import V006, V007
from responsibility.core.errors import Finding, Location, PolicyError
from responsibility.core.wording import listing, printable
from responsibility.policy.model import (
    LEVEL_ORDER,
    PERIODS_PER_YEAR,
    UPWARD_ROLES,
    ActorKind,
    Frequency,
    Level,
    Regulation,
)
from responsibility.policy.policyset import DutyEntry, PolicySet
from responsibility.policy.yamlfile import (
    MAX_CSV_FIELD,
    UNCLOSED_HINT,
    Lines,
    RawLines,
    Unclosed,
    csv_records_resumed,
    decode,
    display_name,
    line_fields,
    load_text,
    read_bytes,
    record_cells,
)
from responsibility.semantics import owner_roles, satisfying, within

MANIFESTS = ("evidence.yaml", "evidence.csv")
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
FIELDS = ("kind", "producer", "place", "counterparty", "period", "date", "path", "sha256")
REQUIRED = ("kind", "producer", "period", "date", "path")
UNIT_OF: dict[Frequency, str] = {
    Frequency.annual: "Y",
    Frequency.semiannual: "H",
    Frequency.quarterly: "Q",
    Frequency.monthly: "M",
    Frequency.weekly: "W",
}
assert set(UNIT_OF) == set(PERIODS_PER_YEAR), "every calendar frequency needs a period unit"


# -- periods ------------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Period:
    """A calendar period: a year, half-year (H), quarter (Q), month (M) or ISO week (W)."""

    year: int
    unit: str
    index: int

    @property
    def start(self) -> dt.date:
        if self.unit == "W":
            return dt.date.fromisocalendar(self.year, self.index, 1)
        months = {"Y": 12, "H": 6, "Q": 3, "M": 1}[self.unit]
        return dt.date(self.year, (self.index - 1) * months + 1, 1)

    @property
    def end(self) -> dt.date:
        if self.unit == "W":
            return dt.date.fromisocalendar(self.year, self.index, 7)
        months = {"Y": 12, "H": 6, "Q": 3, "M": 1}[self.unit]
        last = self.index * months
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    def __str__(self) -> str:
        if self.unit == "Y":
            return f"{self.year}"
        if self.unit == "M":
            return f"{self.year}-{self.index:02d}"
        if self.unit == "W":
            return f"{self.year}-W{self.index:02d}"
        return f"{self.year}-{self.unit}{self.index}"


_PERIOD = re.compile(r"^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]|W\d{2}))?$")
# Periods are years of the programme and around it; the bound keeps the calendar arithmetic valid
# (datetime stops at 9999) and a `--period` range's expected artefacts countable.
YEARS = (1900, 2100)


def weeks_in(year: int) -> int:
    return dt.date(year, 12, 28).isocalendar()[1]


def parse_period(text: str) -> Period:
    """`2018`, `2018-H1`, `2018-Q2`, `2018-05`, `2018-W14`; ValueError otherwise."""
    m = _PERIOD.match(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a period; use 2018, 2018-H1, 2018-Q2, 2018-05 or 2018-W14")
    year, part = int(m.group(1)), m.group(2)
    if not YEARS[0] <= year <= YEARS[1]:
        raise ValueError(f"'{text}': periods are in the years {YEARS[0]} to {YEARS[1]}")
    if part is None:
        return Period(year, "Y", 1)
    if part[0] in "HQW":
        p = Period(year, part[0], int(part[1:]))
        if p.unit == "W" and not 1 <= p.index <= weeks_in(year):
            raise ValueError(f"'{text}': {year} has ISO weeks 01 to {weeks_in(year)}")
        return p
    return Period(year, "M", int(part))


def parse_range(text: str) -> tuple[dt.date, dt.date]:
    """`2018` or `2018..2019` (any periods): the first day of the first to the last of the last."""
    first, sep, last = text.partition("..")
    a = parse_period(first)
    b = parse_period(last) if sep else a
    if b.end < a.start:
        raise ValueError(f"period range '{text}' ends before it starts")
    return a.start, b.end


def periods(unit: str, start: dt.date, end: dt.date) -> list[Period]:
    """Every period of `unit` whose middle day lies within [start, end], in order.

    Calendar periods nest in years, so this is "wholly within" for them; an ISO week belongs to
    the year of its Thursday, so `2020` holds weeks 01–53 and `2018` weeks 01–52.
    """
    out = []
    for year in range(start.year - 1, end.year + 1):
        count = {"Y": 1, "H": 2, "Q": 4, "M": 12, "W": weeks_in(year)}[unit]
        for i in range(1, count + 1):
            p = Period(year, unit, i)
            if start <= p.start + (p.end - p.start) / 2 <= end:
                out.append(p)
    return out


# -- the inventory ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Artefact:
    kind: str
    producer: str
    place: str
    counterparty: str
    period: Period
    date: dt.date
    path: str
    sha256: str
    line: int  # where the entry starts: the line of a CSV record's first field
    col: int  # 1 in a CSV manifest; the column of the entry's mapping in a YAML one


@dataclass
class Inventory:
    """The entries of a manifest that are artefacts, and the problems with the others.

    The clean rows of a CSV manifest read in bulk are kept as columns (:class:`_Table`) and
    become :class:`Artefact` objects only when asked for: :meth:`of_kinds` builds the few that
    can fill a slot, :attr:`artefacts` all of them.
    """

    root: Path
    manifest: Path
    name: str = ""  # the manifest as displayed in findings
    problems: list[Finding] = field(default_factory=list)  # V006 escape, V007 invalid entry
    table: _Table | None = field(default=None, repr=False)
    listed: list[Artefact] = field(default_factory=list, repr=False)  # those built already
    # where an entry's fields are, worked out only for a finding (see :meth:`cell`): the lines of
    # a CSV manifest and its header's columns, or each YAML entry's keys by the entry's position
    lines: Lines | None = field(default=None, repr=False)
    columns: dict[str, int] = field(default_factory=dict, repr=False)
    keys: dict[tuple[int, int], dict[str, tuple[int, int]]] = field(default_factory=dict, repr=False)
    _record: tuple[int, list[tuple[int, int]]] = field(default=(0, []), repr=False)

    def cell(self, line: int, col: int, name: str) -> tuple[int, int]:
        """(line, column) of field `name` of the entry starting at (line, col), for a finding
        about it: a CSV cell's character column (its opening quote if quoted), worked out from
        that record's text only now, so reading never pays for positions; a YAML key's mark. A
        field the entry lacks: the entry's start (CSV: just past the end of a short record)."""
        if self.lines is None:
            return self.keys.get((line, col), {}).get(name, (line, col))
        index = self.columns.get(name)
        if index is None:
            return line, 1
        if self._record[0] != line:  # the cells of the last record asked about are kept
            self._record = (line, record_cells(self.lines, line)[0])
        cells = self._record[1]
        if index < len(cells):
            return cells[index]
        last = cells[-1][0] if cells else line
        return last, len(self.lines[last]) + 1

    @property
    def artefacts(self) -> list[Artefact]:
        """Every artefact, in manifest order (a list: entries may be appended)."""
        if self.table is not None:
            self.listed = _in_order(self.table.build(None), self.listed)
            self.table = None
        return self.listed

    def __len__(self) -> int:
        return len(self.listed) + (self.table.count if self.table is not None else 0)

    def select(self, demand: Demand) -> list[Artefact]:
        """The artefacts whose kind and place `demand` names, for one of the periods it gives
        (None: any), in manifest order; the others are not built."""
        listed = [a for a in self.listed if _wanted(demand, a.kind, a.place, a.period)]
        if self.table is None:
            return listed
        return _in_order(self.table.build(demand), listed)


# (kind, place) -> the periods for which an artefact of the kind at the place can fill a slot
Demand = Mapping[tuple[str, str], Collection["Period"] | None]


def _wanted(demand: Demand, kind: str, place: str, period: Period) -> bool:
    key = (kind, place)
    if key not in demand:
        return False
    periods = demand[key]
    return periods is None or period in periods


def _in_order(a: list[Artefact], b: list[Artefact]) -> list[Artefact]:
    """Two lists in manifest order merged into one."""
    if not b:
        return a
    if not a:
        return b
    return list(heapq.merge(a, b, key=attrgetter("line")))


def find_manifest(root: Path) -> Path:
    if not root.is_dir():
        raise ValueError(f"evidence directory {root} does not exist")
    # lexists: a manifest that is a directory, FIFO or broken link is reported by the reader
    found = [root / n for n in MANIFESTS if os.path.lexists(root / n)]
    if not found:
        raise ValueError(f"{root} has no evidence.yaml or evidence.csv (see docs/guide/evidence.md)")
    if len(found) > 1:
        raise ValueError(f"{root} has both evidence.yaml and evidence.csv; keep one")
    if not os.path.realpath(found[0]).startswith(os.path.realpath(root) + os.sep):
        raise ValueError(f"{found[0]} resolves outside {root}; it is not read")
    return found[0]


def read_inventory(root: Path, ps: PolicySet | None = None) -> Inventory:
    """Parse the manifest under `root`; entries are checked against `ps` when it is given.

    A manifest that cannot be read as a whole (not a regular file, too large, not UTF-8, not
    YAML of the documented shape) raises PolicyError with its position; a bad entry is a V007
    problem and the other entries are still read. A CSV manifest without a usable header row
    (empty, or a column missing or unknown) is a V007 problem too, and reads as empty.
    """
    manifest = find_manifest(root)
    name = display_name(manifest)
    raw = read_bytes(manifest, name, MAX_MANIFEST_BYTES)
    inv = Inventory(root, manifest, name)
    if manifest.suffix == ".csv":
        inv.lines = RawLines(raw)
        # 100,000 entries make a million objects and no garbage cycles: the collector, run every
        # 700 allocations, would rescan them all again and again (as in the policy loader)
        collecting = gc.isenabled()
        gc.disable()
        try:
            if not _Bulk(raw, inv, ps, Containment(root)).read():
                # a manifest the bulk reader leaves alone (see _Bulk) is read record by record,
                # from the start: its errors are raised in the same order as always
                inv = Inventory(root, manifest, name, lines=inv.lines)
                _read_csv(decode(raw, name), name, inv, ps, Containment(root))
        finally:
            if collecting:
                gc.enable()
        return inv
    contained = Containment(root)
    for row, line, col, keys in _yaml_rows(decode(raw, name), name):
        art = _artefact(row, line, keys, inv, ps, col)
        if art is not None:
            inv.keys[(line, col)] = keys
            _admit(art, inv, contained)
    return inv


def _admit(art: Artefact, inv: Inventory, contained: Containment) -> None:
    """Keep an artefact whose path stays under the root; report (V006) one that escapes it."""
    escape = contained(art.path)
    if escape:
        inv.problems.append(
            V006.finding(
                Location(inv.name, *inv.cell(art.line, art.col, "path")),
                printable(f"path '{art.path}' {escape}; the file is not read"),
                target=art.path,
                hint="store the file under the inventory root and give its path relative to it",
            )
        )
        return
    inv.artefacts.append(art)


# an entry as read from YAML: its fields, its line and column, and where each of its keys is
Row = tuple[dict[str, str], int, int, dict[str, tuple[int, int]]]


def _read_csv(text: str, name: str, inv: Inventory, ps: PolicySet | None, contained: Containment) -> None:
    """The CSV manifest record by record: the csv module reads the records, positions are worked
    out only for an error, and each entry is read by :class:`_Entries` at the line it starts on.
    A quote never closed (the csv module reads the rest of the file into its field) is reported
    where it opens; the record it opens in is not read, and reading goes on at the next line, so
    the entries after it count and their own problems are reported where they are."""
    lines = inv.lines
    assert lines is not None
    entries: _Entries | None = None
    for record in csv_records_resumed(text, name, V007, lines):
        if isinstance(record, Unclosed):
            _unclosed(inv, record, entries is None)
            if entries is None:
                return  # in the header row: there are no columns to read the entries by
            continue
        values, start, _ = record
        if entries is None:
            header = _header(values, inv)
            if header is None:
                return
            entries = _Entries(header, inv, ps, contained)
        else:
            entries.entry(values, start)
    if entries is None:
        _problem(inv, (1, 1), "no header row", _COLUMNS_HINT)


_COLUMNS_HINT = f"the first line names the columns: {', '.join(FIELDS)} (see docs/guide/evidence.md)"


def _problem(inv: Inventory, at: tuple[int, int], message: str, hint: str, target: str = "") -> None:
    """A V007 problem with the manifest, its message on one line whatever the values it quotes."""
    inv.problems.append(V007.finding(Location(inv.name, *at), printable(message), target=target, hint=hint))


def _unclosed(inv: Inventory, record: Unclosed, header: bool) -> None:
    """V007 at a quote never closed: only its entry is not read (a header row not read leaves no
    columns: the inventory is empty)."""
    if header:
        said = f"a quote opened here is never closed: the header row{record.span} is not read; "
        said += "the inventory is read as empty"
    else:
        said = record.said("entry")
    _problem(inv, record.quote, said, UNCLOSED_HINT)


def _header(first: list[str], inv: Inventory) -> list[str] | None:
    """The columns of a CSV manifest; None, with a problem at the header, when one is unknown or
    missing (the inventory then reads as empty) or the first line is blank (no header row)."""
    header = [h.strip() for h in first]
    if not any(header):
        _problem(inv, (1, 1), "no header row", _COLUMNS_HINT)
        return None
    unknown = [h for h in header if h not in FIELDS]
    missing = [h for h in REQUIRED if h not in header]
    if unknown or missing:
        assert inv.lines is not None
        at = record_cells(inv.lines, 1)[0][header.index(unknown[0])] if unknown else (1, 1)
        said = [listing("unknown column", "unknown columns", [h or "''" for h in unknown])] if unknown else []
        said += [listing("missing column", "missing columns", missing)] if missing else []
        _problem(
            inv,
            at,
            f"evidence.csv header: {'; '.join(said)}; the inventory is read as empty",
            f"the columns are {', '.join(FIELDS)} (see docs/guide/evidence.md)",
        )
        return None
    return header


class _Entries:
    """The entries of a CSV manifest one record at a time: each distinct combination of kind,
    producer, place, counterparty (and of period and date) is checked once, so a clean row costs
    a lookup, not a validation. The bulk reader gives it only the rows it cannot take whole."""

    def __init__(
        self, header: list[str], inv: Inventory, ps: PolicySet | None, contained: Containment
    ) -> None:
        self.inv, self.ps, self.contained = inv, ps, contained
        # a problem points at its cell: the header's columns, turned into a character column
        # of the record's text only when a finding needs one (Inventory.cell)
        inv.columns = {h: i for i, h in enumerate(header)}  # a repeated column: the last, as read
        self.width = width = len(header)
        at = dict.fromkeys(FIELDS, width)  # a column the header lacks reads as the empty field at `width`
        at.update(inv.columns)
        self.at = at
        self.names: dict[tuple[str, str, str, str], tuple[str, list[tuple[str, str]]]] = {}
        self.whens: dict[tuple[str, str], tuple[Period | None, dt.date | None, list[tuple[str, str]]]] = {}

    def entry(self, values: list[str], line: int) -> None:
        """Read one record: an artefact, problems (V007, V006), or nothing for a blank one."""
        inv, at, width = self.inv, self.at, self.width
        if len(values) > width:
            if any(v.strip() for v in values):
                row = {"_invalid": f"{len(values)} fields where the header has {width}"}
                _artefact(row, line, {}, inv, self.ps, in_csv=True)
            return
        vals = list(map(str.strip, values))
        if not any(vals):
            return
        vals += [""] * (width + 1 - len(vals))
        kind, producer, counterparty = vals[at["kind"]], vals[at["producer"]], vals[at["counterparty"]]
        who = (kind, producer, vals[at["place"]], counterparty)
        named = self.names.get(who)
        if named is None:
            named = self.names[who] = _check_names(dict(zip(_NAMES, who, strict=True)), self.ps)
        when_key = (vals[at["period"]], vals[at["date"]])
        when = self.whens.get(when_key)
        if when is None:
            when = self.whens[when_key] = _parse_when({"period": when_key[0], "date": when_key[1]})
        path, sha = vals[at["path"]], vals[at["sha256"]].lower()
        period, date, parsed = when
        place, resolved = named
        if parsed or resolved or not (kind and producer and path and period and date) or sha:
            bad = [
                (k, f"missing {k}")
                for k, v in zip(REQUIRED, (kind, producer, *when_key, path), strict=True)
                if not v
            ]
            bad += parsed
            if sha and not _SHA256.fullmatch(sha):
                bad.append(("sha256", "sha256 must be 64 hexadecimal digits"))
            bad += resolved
            if bad:
                for k, message in bad:
                    _problem(inv, inv.cell(line, 1, k), message, "see docs/guide/evidence.md", path)
                return
        assert period is not None and date is not None
        art = Artefact(kind, producer, place, counterparty, period, date, path, sha, line, 1)
        _admit(art, inv, self.contained)


# -- the CSV manifest in bulk -------------------------------------------------------------------
class _Fallback(Exception):
    """The bulk reader gives the manifest to the record-by-record one."""


# Records read at a time: the manifest's rows are never all held at once, and a chunk small
# enough to stay in the processor's cache while it is taken apart reads 25% faster than one of
# 32,768 rows (each column is a pass over the chunk's records).
_CHUNK = 1 << 10
_SHAS = re.compile(r"[0-9a-f]{64}(?:\n[0-9a-f]{64})*")


class _Bulk:
    """The CSV manifest at the speed of the csv module: records are read a chunk at a time and
    taken apart column by column with C-level maps; each distinct (kind, producer, place,
    counterparty), (period, date) and directory is checked once; the rows left clean are kept
    as columns (:class:`_Table`), and only the rows with something to report (or to look at
    more closely: a suspect path, a bad digest) go through :class:`_Entries`, in line order, so
    findings and artefacts are those of the record-by-record reading.

    It takes only manifests whose records each fit on one line (a record's line is then its
    number) and are read without error; for any other — a field over several lines, a header
    it cannot use, a field too long, a byte that is not UTF-8 — :meth:`read` says no and the
    manifest is read record by record, which reports the error where it is.
    """

    def __init__(self, raw: bytes, inv: Inventory, ps: PolicySet | None, contained: Containment) -> None:
        self.raw, self.inv, self.ps, self.contained = raw, inv, ps, contained
        self.long_possible = len(raw) > MAX_CSV_FIELD  # no field of a shorter file can be too long
        # a distinct (raw) combination -> its id; ids of clean ones -> their values
        self.who_ids: dict[tuple[str, ...], int] = {}
        self.when_ids: dict[tuple[str, str], int] = {}
        self.ids = count()
        self.names: dict[int, tuple[str, str, str, str]] = {}
        self.times: dict[int, tuple[Period, dt.date]] = {}
        self.bad_names: set[int] = set()
        self.bad_times: set[int] = set()
        self.checked_names = self.checked_times = 0
        self.suspect_dirs: set[str] = set()  # outside the root, or holding a symbolic link
        self.aside: dict[int, list[str]] = {}  # entry index -> its record, read by _Entries
        # the columns of every entry (an entry set aside keeps placeholders)
        self.who: list[int] = []
        self.when: list[int] = []
        self.paths: list[str] = []
        self.shas: list[str] = []

    def read(self) -> bool:
        """Read the manifest into the inventory; False (and nothing read) if it is not for bulk."""
        try:
            entries = self._read()
        except (_Fallback, UnicodeDecodeError, csv.Error):
            return False
        for index in sorted(self.aside):  # line order: the problems come out as they always did
            entries.entry(self.aside[index], index + 2)
        self.inv.table = _Table(
            self.who, self.when, self.paths, self.shas, self.names, self.times, set(self.aside)
        )
        return True

    def _read(self) -> _Entries:
        reader = csv.reader(io.TextIOWrapper(io.BytesIO(self.raw), encoding="utf-8-sig", newline=""))
        first = next(reader, None)
        if first is None or _ends_open(self.raw):
            raise _Fallback  # no header row, or a quote never closed: reported record by record
        header = [h.strip() for h in first]
        if reader.line_num != 1 or set(header) - set(FIELDS) or set(REQUIRED) - set(header):
            raise _Fallback  # the record-by-record reader raises the error, after decoding all
        if len(set(header)) != len(header):
            raise _Fallback  # a repeated column: rare, and its unread copies must still be checked
        entries = _Entries(header, self.inv, self.ps, self.contained)
        at = {h: i for i, h in enumerate(header)}
        self.fields = [f for f in _NAMES if f in at]
        get_who = itemgetter(*(at[f] for f in self.fields))  # kind and producer at least: a tuple
        get_when = itemgetter(at["period"], at["date"])
        get_path = itemgetter(at["path"])
        get_sha = itemgetter(at["sha256"]) if "sha256" in at else None
        placeholder = [""] * len(header)
        done = 1  # records read, the header's included
        while chunk := list(islice(reader, _CHUNK)):
            if reader.line_num != done + len(chunk):
                raise _Fallback  # a record over several lines: lines are no longer record numbers
            start = done - 1  # the index of the chunk's first entry
            done += len(chunk)
            aside = self._odd_lengths(chunk, len(header), placeholder)
            who = list(map(self.who_ids.setdefault, map(get_who, chunk), self.ids))
            when = list(map(self.when_ids.setdefault, map(get_when, chunk), self.ids))
            paths = list(map(str.strip, self._column(map(get_path, chunk))))
            shas = list(map(str.lower, map(str.strip, self._column(map(get_sha, chunk))))) if get_sha else []
            self._check_combinations()
            for j in self._to_look_at(who, when, paths, shas):
                aside.setdefault(j, chunk[j])
            for j, values in aside.items():
                self.aside[start + j] = values
            self.who += who
            self.when += when
            self.paths += paths
            self.shas += shas or repeat("", len(chunk))
        return entries

    def _odd_lengths(
        self, chunk: list[list[str]], width: int, placeholder: list[str]
    ) -> dict[int, list[str]]:
        """Set aside the records with more or fewer fields than the header (blank lines too)."""
        if min(map(len, chunk)) == width == max(map(len, chunk)):
            return {}
        aside = {}
        for j, values in enumerate(chunk):
            if len(values) != width:
                if self.long_possible and values and max(map(len, values)) > MAX_CSV_FIELD:
                    raise _Fallback
                aside[j] = values
                chunk[j] = placeholder  # read as a blank row here; the record goes to _Entries
        return aside

    def _column(self, values: Iterable[str]) -> list[str]:
        out = list(values)
        if self.long_possible and out and max(map(len, out)) > MAX_CSV_FIELD:
            raise _Fallback
        return out

    def _check_combinations(self) -> None:
        """Check the combinations first seen in the last chunk (each once for the manifest)."""
        for key, i in islice(self.who_ids.items(), self.checked_names, None):
            named = self._named(key)
            if named is None:
                self.bad_names.add(i)
            else:
                self.names[i] = named
        self.checked_names = len(self.who_ids)
        for (period_text, date_text), i in islice(self.when_ids.items(), self.checked_times, None):
            if self.long_possible and max(len(period_text), len(date_text)) > MAX_CSV_FIELD:
                raise _Fallback
            period, date, bad = _parse_when({"period": period_text.strip(), "date": date_text.strip()})
            if bad or period is None or date is None:
                self.bad_times.add(i)
            else:
                self.times[i] = (period, date)
        self.checked_times = len(self.when_ids)

    def _named(self, key: tuple[str, ...]) -> tuple[str, str, str, str] | None:
        """(kind, producer, place, counterparty) of a clean combination; None for one to report."""
        if self.long_possible and max(map(len, key)) > MAX_CSV_FIELD:
            raise _Fallback
        row = dict.fromkeys(_NAMES, "")
        row.update(zip(self.fields, map(str.strip, key), strict=True))
        if not (row["kind"] and row["producer"]):
            return None
        place, bad = _check_names(row, self.ps)
        if bad:
            return None
        return row["kind"], row["producer"], place, row["counterparty"]

    def _to_look_at(self, who: list[int], when: list[int], paths: list[str], shas: list[str]) -> set[int]:
        """The entries of a chunk (by index) that have something to report, or a path or digest
        to look at closely; all C-level scans, the Python loops only where a scan found one."""
        out: set[int] = set()
        if self.bad_names:
            out.update(compress(count(), map(self.bad_names.__contains__, who)))
        if self.bad_times:
            out.update(compress(count(), map(self.bad_times.__contains__, when)))
        if "" in paths:
            out.update(j for j, p in enumerate(paths) if not p)
        digests = "\n".join(filter(None, shas))
        if digests and not _SHAS.fullmatch(digests):
            out.update(j for j, h in enumerate(shas) if h and not _SHA256.fullmatch(h))
        # an absolute path or one with '..' (and a few harmless ones with ':'): Containment decides
        joined = "\n" + "\n".join(paths)
        odd = set()
        if ".." in joined or ":" in joined or "\n/" in joined or "\n\\" in joined:
            odd = {j for j, p in enumerate(paths) if ".." in p or ":" in p or p.startswith(("/", "\\"))}
            out |= odd
        # the directories: each new one resolved and listed once (never one an odd path names)
        heads = map(itemgetter(0), map(str.rpartition, paths, repeat("/")))
        named = (h for j, h in enumerate(heads) if j not in odd) if odd else heads
        for head in set(named):
            if head not in self.contained.dirs:
                _, inside, links = self.contained.directory(head)
                if not inside or links:
                    self.suspect_dirs.add(head)
        if self.suspect_dirs:
            heads = map(itemgetter(0), map(str.rpartition, paths, repeat("/")))
            out.update(compress(count(), map(self.suspect_dirs.__contains__, heads)))
        return out


@dataclass
class _Table:
    """The clean entries of a CSV manifest as columns: an entry is row i, on line i + 2, and
    becomes an :class:`Artefact` only when asked for; `skip` are the rows read by _Entries."""

    who: list[int]
    when: list[int]
    paths: list[str]
    shas: list[str]
    names: dict[int, tuple[str, str, str, str]]
    times: dict[int, tuple[Period, dt.date]]
    skip: set[int]

    @property
    def count(self) -> int:
        return len(self.paths) - len(self.skip)

    def _rows(self, demand: Demand) -> set[int]:
        """The rows `demand` asks for: the distinct combinations are matched against it, the
        rows by two scans of their ids (no Python code runs per row)."""
        by_period: dict[Period, list[int]] = defaultdict(list)
        for t, (period, _) in self.times.items():
            by_period[period].append(t)
        anytime: set[int] = set()  # combinations wanted whatever their period
        pairs: set[tuple[int, int]] = set()  # (who, when) wanted
        for w, (kind, _, place, _) in self.names.items():
            key = (kind, place)
            if key not in demand:
                continue
            periods = demand[key]
            if periods is None:
                anytime.add(w)
            else:
                pairs.update((w, t) for period in periods for t in by_period.get(period, ()))
        rows: set[int] = set()
        if anytime:
            rows.update(compress(count(), map(anytime.__contains__, self.who)))
        if pairs:
            rows.update(compress(count(), map(pairs.__contains__, zip(self.who, self.when, strict=True))))
        return rows

    def build(self, demand: Demand | None) -> list[Artefact]:
        """The artefacts `demand` asks for (None: all), in line order."""
        names, who, when, times = self.names, self.who, self.when, self.times
        rows = range(len(who)) if demand is None else sorted(self._rows(demand))
        out = []
        for i in rows:
            if i in self.skip:  # read by _Entries: an artefact already, or none
                continue
            period, date = times[when[i]]
            out.append(Artefact(*names[who[i]], period, date, self.paths[i], self.shas[i], i + 2, 1))
        return out


def _ends_open(raw: bytes) -> bool:
    """Whether the last line of a manifest whose records are each one line (as the bulk reader
    takes them) ends inside a quote: the csv module reads such a field to the end, unclosed."""
    body = raw.removesuffix(b"\n").removesuffix(b"\r")
    tail = body[max(body.rfind(b"\n"), body.rfind(b"\r")) + 1 :]
    return b'"' in tail and line_fields(tail.decode("utf-8", "replace"))[1] is not None


_NAMES = ("kind", "producer", "place", "counterparty")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _parse_when(row: dict[str, str]) -> tuple[Period | None, dt.date | None, list[tuple[str, str]]]:
    bad: list[tuple[str, str]] = []
    period: Period | None = None
    date: dt.date | None = None
    if row.get("period"):
        try:
            period = parse_period(row["period"])
        except ValueError as exc:
            bad.append(("period", str(exc)))
    if row.get("date"):
        try:
            date = dt.date.fromisoformat(row["date"])
        except ValueError:
            bad.append(("date", f"'{row['date']}' is not a date (YYYY-MM-DD)"))
    return period, date, bad


def _check_names(row: dict[str, str], ps: PolicySet | None) -> tuple[str, list[tuple[str, str]]]:
    """The place the artefact is at, and the problems with the names it gives."""
    place = row.get("place", "")
    if ps is None:
        return place, []
    bad = _resolve(row, ps)
    actor = ps.actors.get(row.get("producer", ""))
    if actor is not None and actor.kind == ActorKind.concrete and actor.place:
        if place and place != actor.place:
            bad.append(("place", f"{actor.id} is at {actor.place}, not {place}"))
        place = actor.place
    elif actor is not None and not place:
        bad.append(("place", f"producer {actor.id} is a role type: give the place it is at"))
    return place, bad


def _yaml_rows(text: str, name: str) -> Iterator[Row]:
    data, marks = load_text(text, name)
    if (
        not isinstance(data, dict)
        or data.get("kind") != "evidence"
        or not isinstance(data.get("artefacts"), list)
    ):
        raise PolicyError(
            [
                V007.finding(
                    Location(name, 1, 1),
                    "an evidence manifest is a mapping with kind: evidence and artefacts: [...]",
                    hint="see docs/guide/evidence.md",
                )
            ]
        )
    for i, item in enumerate(data["artefacts"]):
        line, col = marks.get(("artefacts", i), (1, 1))
        if not isinstance(item, dict):
            yield {"_invalid": "an artefact entry is a mapping"}, line, col, {}
            continue
        # each key where it is written: in a block mapping, on a line of its own
        keys = {str(k): marks.get(("artefacts", i, k), (line, col)) for k in item}
        yield {str(k): "" if v is None else str(v) for k, v in item.items()}, line, col, keys


def _artefact(
    row: dict[str, str],
    line: int,
    keys: Mapping[str, tuple[int, int]],
    inv: Inventory,
    ps: PolicySet | None,
    col: int = 1,
    in_csv: bool = False,
) -> Artefact | None:
    """The artefact an entry starting at (line, col) records, or None with its problems (V007):
    each at the key it is about (`keys`: YAML), or at the cell (`in_csv`: a CSV record)."""
    bad: list[tuple[str, str]] = []
    if "_invalid" in row:
        bad.append(("", row["_invalid"]))
    bad += [(k, f"unknown field '{k}'") for k in row if k not in FIELDS and k != "_invalid"]
    bad += [(k, f"missing {k}") for k in REQUIRED if not row.get(k) and "_invalid" not in row]
    period, date, parsed = _parse_when(row)
    bad += parsed
    sha = row.get("sha256", "").lower()
    if sha and not _SHA256.fullmatch(sha):
        bad.append(("sha256", "sha256 must be 64 hexadecimal digits"))
    place, resolved = _check_names(row, ps)
    bad += resolved
    for key, message in bad:
        at = inv.cell(line, 1, key) if in_csv else keys.get(key, (line, 1))
        _problem(inv, at, message, "see docs/guide/evidence.md", row.get("path", ""))
    if bad or period is None or date is None:
        return None
    return Artefact(
        row["kind"],
        row["producer"],
        place,
        row.get("counterparty", ""),
        period,
        date,
        row["path"],
        sha,
        line,
        col,
    )


def _resolve(row: dict[str, str], ps: PolicySet) -> list[tuple[str, str]]:
    out = []
    for key, pool, what in (
        ("kind", ps.artefact_kinds, "artefact kind"),
        ("producer", ps.actors, "actor"),
        ("counterparty", ps.actors, "actor"),
        ("place", ps.places, "place"),
    ):
        value = row.get(key, "")
        if value and value not in pool:
            from responsibility.policy.policyset import suggest

            near = suggest(value, pool)
            out.append(
                (key, f"unknown {what} '{value}'" + (f"; did you mean {', '.join(near)}?" if near else ""))
            )
    return out


_ABSOLUTE = re.compile(r"^(?:[/\\]|[A-Za-z]:)")
_SEPARATORS = re.compile(r"[/\\]")


class Containment:
    """Whether manifest paths stay inside the root, resolving each directory once (an
    inventory of 100,000 files sits in a few hundred directories) and listing it once to learn
    which of its entries are symbolic links. Never opens a file."""

    def __init__(self, base: Path) -> None:
        self.base = os.path.realpath(base)
        # directory as written -> (its real path, whether that is inside the root, its symlinks)
        self.dirs: dict[str, tuple[str, bool, frozenset[str]]] = {}

    def __call__(self, rel: str) -> str:
        """Why `rel` escapes the root ('' when it does not)."""
        if _ABSOLUTE.match(rel):
            return "is absolute"
        if ".." in rel and ".." in _SEPARATORS.split(rel):
            return "climbs out of the root with '..'"
        head, _, name = rel.rpartition("/")
        real, inside, links = self.directory(head)
        if name in links:  # a link: where it points decides
            full = os.path.realpath(os.path.join(real, name))
            inside = full == self.base or full.startswith(self.base + os.sep)
        return "" if inside else "resolves outside the root (a symlink pointing out)"

    def directory(self, head: str) -> tuple[str, bool, frozenset[str]]:
        """A directory as written: its real path, whether that is inside the root, its links."""
        known = self.dirs.get(head)
        if known is None:
            known = self.dirs[head] = self._directory(head)
        return known

    def _directory(self, head: str) -> tuple[str, bool, frozenset[str]]:
        real = os.path.realpath(os.path.join(self.base, head))
        inside = real == self.base or real.startswith(self.base + os.sep)
        try:
            with os.scandir(real) as entries:
                links = frozenset(e.name for e in entries if e.is_symlink())
        except OSError:  # not there (the file is reported missing later) or not a folder
            links = frozenset()
        return real, inside, links


# -- evaluation ---------------------------------------------------------------------------------
class Status(StrEnum):
    present = "present"
    late = "late"
    wrong_counterparty = "wrong-counterparty"
    hash_mismatch = "hash-mismatch"
    file_missing = "file-missing"
    missing = "missing"
    not_applicable = "not-applicable"


# Best first: a slot takes the best status any of its candidate artefacts reaches.
RANK = {s: i for i, s in enumerate(Status)}


@dataclass(frozen=True, order=True)
class EvidenceRow:
    """One expected artefact (a slot) and what the inventory holds for it."""

    duty: str
    kind: str
    place: str  # the body: a concrete actor id, or ROLE@PLACE
    period: str
    status: Status = field(compare=False)
    artefact: Artefact | None = field(default=None, compare=False)
    reason: str = field(default="", compare=False)
    entry: DutyEntry | None = field(default=None, compare=False, repr=False)

    @property
    def target(self) -> str:
        if not self.kind:
            return self.duty
        return f"{self.duty}#{self.kind}/{self.place}/{self.period}"


@dataclass
class Evaluation:
    rows: list[EvidenceRow]
    inventory: Inventory

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Status}
        for r in self.rows:
            out[r.status.value] += 1
        return out


class _Checker:
    """Candidate artefacts for a slot, with file checks done once per path."""

    def __init__(self, ps: PolicySet, inv: Inventory, grace: int) -> None:
        self.ps = ps
        self.base = inv.root.resolve()
        self.grace = dt.timedelta(days=grace)
        # Matching is per slot: the artefacts that can fill one, by slot (kind, place, period)
        # and by body (kind, place) for the duties done once
        self.by_slot: dict[tuple[str, str, Period], list[Artefact]] = defaultdict(list)
        self.by_body: dict[tuple[str, str], list[Artefact]] = defaultdict(list)
        self.files: dict[str, tuple[bool, str]] = {}
        self.roles: dict[str, frozenset[str]] = {}

    def index(self, artefacts: Iterable[Artefact]) -> None:
        for a in artefacts:
            self.by_slot[(a.kind, a.place, a.period)].append(a)
            self.by_body[(a.kind, a.place)].append(a)

    def roles_of(self, actor: str) -> frozenset[str]:
        if actor not in self.roles:
            self.roles[actor] = owner_roles(self.ps, actor)
        return self.roles[actor]

    def accepts(self, owner: str) -> frozenset[str]:
        """Producer keys that can fill an owner's slot: a concrete body only itself; a role type
        (or joint body) any body filling one of its roles at the place."""
        actor = self.ps.actors.get(owner)
        if actor is not None and actor.kind == ActorKind.concrete:
            return frozenset({"=" + owner})
        return self.roles_of(owner)

    def producer_keys(self, producer: str) -> frozenset[str]:
        return self.roles_of(producer) | {"=" + producer}

    def status(self, a: Artefact, upward: frozenset[str], period: Period | None) -> Status:
        exists, digest = self._file(a)
        if not exists:
            return Status.file_missing
        if a.sha256 and digest != a.sha256:
            return Status.hash_mismatch
        if upward and not (a.counterparty and self.roles_of(a.counterparty) & upward):
            return Status.wrong_counterparty
        if period is not None and a.date > period.end + self.grace:
            return Status.late
        return Status.present

    def _file(self, a: Artefact) -> tuple[bool, str]:
        key = a.path + ("#" if a.sha256 else "")
        if key not in self.files:
            p = self.base / a.path
            exists = p.is_file()
            digest = _sha256(p) if exists and a.sha256 else ""
            self.files[key] = (exists, digest)
        return self.files[key]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def evaluate(
    ps: PolicySet,
    regulations: Iterable[Regulation],
    inv: Inventory,
    period_range: tuple[dt.date, dt.date],
    grace_days: int = 0,
) -> Evaluation:
    """Every expected artefact of the regulations' duties over the range, with its status."""
    chk = _Checker(ps, inv, grace_days)
    rows: list[EvidenceRow] = []
    duties: list[_Slots] = []
    for reg in regulations:
        bodies = _Bodies(ps, reg)
        for entry in ps.duties(regulation=reg.id):
            planned = _slots(chk, bodies, entry, period_range)
            if isinstance(planned, _Slots):
                duties.append(planned)
            else:
                rows.append(planned)
    # the slots of every duty first: only the artefacts that can fill one are built and indexed
    demand: dict[tuple[str, str], set[Period] | None] = {}
    for duty in duties:
        for kind, place, period in duty.demand():
            wanted = demand.setdefault((kind, place), set())
            if wanted is not None:
                if period is None:  # `once`: any artefact of the kind at the place
                    demand[(kind, place)] = None
                else:
                    wanted.add(period)
    chk.index(inv.select(demand))
    for duty in duties:
        rows += _fill(chk, duty, period_range)
    return Evaluation(sorted(rows), inv)


class _Bodies:
    """Places a regulation governs, by level: its jurisdiction and the places below it."""

    def __init__(self, ps: PolicySet, reg: Regulation) -> None:
        self.ps = ps
        self.reg = reg
        below: dict[Level, list[str]] = defaultdict(list)
        for place in ps.places.values():
            if within(ps, place.id, reg.jurisdiction):
                below[place.level].append(place.id)
        self.by_level = {lv: sorted(ids) for lv, ids in below.items()}

    def places_for(self, actor_id: str) -> list[str]:
        actor = self.ps.actors.get(actor_id)
        if actor is None or actor.level not in LEVEL_ORDER:
            return []
        if actor.kind == ActorKind.concrete and actor.place:
            return [actor.place]
        return self.by_level.get(actor.level, [])


@dataclass(frozen=True)
class _Slots:
    """The artefacts a duty expects: from each body, of each kind, for each period."""

    entry: DutyEntry
    bodies: list[tuple[tuple[str, str], frozenset[str]]]  # ((body, place), producer keys it accepts)
    # each kind required, and the kinds that fill its slot (a rolling plan for an implementation
    # plan: semantics.satisfying, as C006 reads it)
    kinds: list[tuple[str, list[str]]]
    expected: list[Period | None]  # None: once
    upward: frozenset[str]  # roles the artefact must go to

    def demand(self) -> Iterator[tuple[str, str, Period | None]]:
        """(kind, place, period) of every artefact that could fill one of the slots."""
        for (_, place), _ in self.bodies:
            for _, kinds in self.kinds:
                for k in kinds:
                    for period in self.expected:
                        yield k, place, period


def _slots(
    chk: _Checker, bodies: _Bodies, entry: DutyEntry, span: tuple[dt.date, dt.date]
) -> _Slots | EvidenceRow:
    """A duty's slots, or the row saying it expects no artefact."""
    duty = entry.duty

    def na(reason: str) -> EvidenceRow:
        return EvidenceRow(entry.ref, "", "", "", Status.not_applicable, reason=reason, entry=entry)

    if not duty.artefacts:
        return na("the duty produces no artefact")
    freq = duty.frequency
    if freq not in UNIT_OF and freq != Frequency.once:
        return na(f"frequency {freq.value if freq else 'none'} sets no calendar of artefacts")
    # each owner at each place is a body that owes its own artefacts (16 bureaux: 16 reports)
    owners_at: dict[tuple[str, str], frozenset[str]] = {}
    for o in duty.owners:
        for place in bodies.places_for(o.actor):
            owners_at[(body_label(chk.ps, o.actor, place), place)] = chk.accepts(o.actor)
    if not owners_at:
        return na("no body in scope holds it (no place at its owners' level under the jurisdiction)")
    upward: frozenset[str] = frozenset().union(
        *(chk.roles_of(c.actor) for c in duty.counterparties if c.role in UPWARD_ROLES)
    )
    expected: list[Period | None] = [None] if freq == Frequency.once else list(periods(UNIT_OF[freq], *span))
    kinds = [(kind, sorted(satisfying(chk.ps, kind))) for kind in duty.artefacts]
    return _Slots(entry, sorted(owners_at.items()), kinds, expected, upward)


def _fill(chk: _Checker, slots: _Slots, span: tuple[dt.date, dt.date]) -> list[EvidenceRow]:
    """Each slot of a duty with the best status any of its candidate artefacts reaches."""
    entry, upward = slots.entry, slots.upward
    rows = []
    for (body, place), roles in slots.bodies:
        for kind, kinds in slots.kinds:
            for period in slots.expected:
                if period is None:
                    pool = [a for k in kinds for a in chk.by_body.get((k, place), []) if a.date <= span[1]]
                else:
                    pool = [a for k in kinds for a in chk.by_slot.get((k, place, period), [])]
                best: tuple[Status, Artefact | None] = (Status.missing, None)
                for a in pool:
                    if not chk.producer_keys(a.producer) & roles:
                        continue
                    st = chk.status(a, upward, period)
                    if RANK[st] < RANK[best[0]] or (st == best[0] and best[1] and a.line < best[1].line):
                        best = (st, a)
                label = str(period) if period else "once"
                rows.append(EvidenceRow(entry.ref, kind, body, label, best[0], best[1], entry=entry))
    return rows


def body_label(ps: PolicySet, actor_id: str, place: str) -> str:
    """A concrete body by its id; a role type at a place as ROLE@PLACE."""
    actor = ps.actors.get(actor_id)
    if actor is not None and actor.kind == ActorKind.concrete:
        return actor_id
    return f"{actor_id}@{place}"


def artefact_record(a: Artefact) -> dict[str, Any]:
    return {
        "kind": a.kind,
        "producer": a.producer,
        "place": a.place,
        "counterparty": a.counterparty or None,
        "period": str(a.period),
        "date": a.date.isoformat(),
        "path": a.path,
        "line": a.line,
    }


__all__ = [
    "MANIFESTS",
    "Artefact",
    "Evaluation",
    "EvidenceRow",
    "Inventory",
    "Period",
    "Status",
    "evaluate",
    "parse_period",
    "parse_range",
    "periods",
    "read_inventory",
]
