"""Facts that computable rules are evaluated on: fiscal figures, assessments, personnel changes,
poor-county status and exit case records.

Facts come in a YAML document (``kind: facts``, one list per table) or in CSV files, one table per
file, named after the table (``fiscal.csv``, ``wuyi-fiscal.csv``, ``2017.personnel.csv``). YAML is
read with the project's strict reader, so every error carries ``file:line:col``; CSV errors carry
the line and the column where the field starts. ``docs/computable.md`` documents every field.

Values are normalised: numbers become :class:`~decimal.Decimal` (a string ``"92%"`` is 0.92),
``true``/``false`` booleans, ``2018-03-01`` dates; anything else stays text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .codes import F001, F002, F003, F004, F005
from .errors import Finding, Location, PolicyError, Rule
from .expr import Value
from .model import FactTable
from .yamlfile import Marks, csv_rows, load_text, read_text

# Fields every row of a table must have, and their type.
REQUIRED: dict[FactTable, dict[str, str]] = {
    FactTable.fiscal: {"place": "text", "year": "year"},
    FactTable.assessments: {"place": "text", "year": "year"},
    FactTable.personnel: {
        "place": "text",
        "post": "text",
        "person": "text",
        "date": "date",
        "change": "text",
    },
    FactTable.counties: {"place": "text", "poor": "bool"},
    FactTable.cases: {"id": "text", "subject": "text", "place": "text"},
    FactTable.households: {"id": "text", "place": "text"},
    FactTable.pairings: {"household": "text", "cadre": "text"},
    FactTable.villages: {"place": "text"},
    FactTable.teams: {"place": "text", "team": "text"},
}
# Optional fields with a fixed type (all others are free: numbers, text, booleans or dates).
TYPED: dict[str, str] = {"level": "text", "unit": "text", "listed": "date", "exited": "date", "date": "date"}
STEP_FIELDS = {"step": "text", "by": "actors", "date": "date", "objections": "count", "note": "text"}
SUBJECTS = ("household", "village", "county")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_PERCENT = re.compile(r"^-?\d+(?:\.\d+)?%$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Fiscal figures are in yuan (a county's budget is about 10^9, the central budget 10^13); a bound
# well above any real figure keeps the arithmetic and its formatting exact and cheap.
MAX_MAGNITUDE = Decimal(10) ** 15
YEARS = (1000, 9999)  # four-digit years: dates are built from them


@dataclass(frozen=True)
class StepRecord:
    """One step as a case record shows it."""

    step: str
    by: tuple[str, ...]
    date: dt.date | None
    objections: int | None
    where: Location


@dataclass(frozen=True)
class Row:
    """One row of a fact table, normalised, with where it came from."""

    table: FactTable
    data: Mapping[str, Value]
    location: Location
    steps: tuple[StepRecord, ...] = ()

    @property
    def where(self) -> str:
        """`file:line:col` of the row, as printed."""
        return str(self.location)

    @property
    def place(self) -> str:
        return str(self.data["place"])

    @property
    def year(self) -> int | None:
        y = self.data.get("year")
        return int(y) if isinstance(y, Decimal) else None

    def key(self) -> tuple[str, str]:
        """The series a row belongs to: its place, and the unit within it where there is one."""
        return (self.place, str(self.data.get("unit", "")))


@dataclass
class Facts:
    """Every fact table; rows keep the order they were given in (rules never depend on it)."""

    tables: dict[FactTable, list[Row]] = field(default_factory=lambda: {t: [] for t in FactTable})

    def rows(self, table: FactTable) -> list[Row]:
        return self.tables[table]

    def extend(self, other: Facts) -> None:
        for t, rows in other.tables.items():
            self.tables[t].extend(rows)

    def __len__(self) -> int:
        return sum(len(r) for r in self.tables.values())


class _Problems:
    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[Finding] = []

    def add(self, line: int, col: int, code: Rule, msg: str, hint: str = "") -> None:
        self.items.append(code.finding(Location(self.name, line, col), msg, hint=hint))


def _coerce(raw: Any, kind: str) -> Value | None:
    """`raw` as a value of `kind` (text, year, date, bool, count, any), or None when it is not one."""
    if kind == "text":
        return raw if isinstance(raw, str) and raw.strip() else None
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        return {"true": True, "false": False}.get(str(raw).strip().lower()) if isinstance(raw, str) else None
    if kind == "date":
        if isinstance(raw, dt.date):
            return raw
        if isinstance(raw, str) and _DATE.match(raw.strip()):
            try:
                return dt.date.fromisoformat(raw.strip())
            except ValueError:
                return None
        return None
    if kind in ("year", "count"):
        v = _free(raw)
        if isinstance(v, Decimal) and v == v.to_integral_value() and v >= 0:
            return v if kind == "count" or YEARS[0] <= v <= YEARS[1] else None
        return None
    return _free(raw)


_NOT_FINITE = frozenset({"nan", "inf", "infinity"})


def number_problem(raw: Any) -> str:
    """Why `raw`, a number, cannot be a fact ('' when it can, or when it is not a number):
    NaN and infinity compare with nothing, and magnitudes are bounded (see MAX_MAGNITUDE)."""
    if isinstance(raw, bool):
        return ""
    if (
        (isinstance(raw, float) and not math.isfinite(raw))
        or (isinstance(raw, Decimal) and not raw.is_finite())
        # a CSV cell is text: spreadsheets and pandas write a missing or broken number as nan/inf
        or (isinstance(raw, str) and raw.strip().lower().lstrip("+-.") in _NOT_FINITE)
    ):
        return "is not a finite number"
    v = Decimal(raw) if isinstance(raw, int) else _number(raw) if isinstance(raw, str | float) else raw
    if isinstance(v, Decimal) and abs(v) >= MAX_MAGNITUDE:
        return "is too large: numbers in facts are below 10^15 in absolute value"
    return ""


def _number(raw: str | float) -> Decimal | None:
    if isinstance(raw, float):
        return Decimal(str(raw))
    s = raw.strip()
    if _NUMBER.match(s):
        return Decimal(s)
    if _PERCENT.match(s):
        return Decimal(s[:-1]) / 100
    return None


def _free(raw: Any) -> Value | None:
    if isinstance(raw, bool | dt.date):
        return raw
    if isinstance(raw, Decimal | int | float):  # Decimal: facts built in Python
        d = raw if isinstance(raw, Decimal) else Decimal(str(raw))
        return d if d.is_finite() and abs(d) < MAX_MAGNITUDE else None
    if isinstance(raw, str):
        s = raw.strip()
        if not s:
            return None
        number = _number(s)
        if number is not None:
            return number if abs(number) < MAX_MAGNITUDE else None
        if s.lower() in ("true", "false"):
            return s.lower() == "true"
        if _DATE.match(s):
            try:
                return dt.date.fromisoformat(s)
            except ValueError:
                return s
        return s
    return None


_TYPE_NAMES = {
    "text": "text",
    "year": f"a year ({YEARS[0]} to {YEARS[1]})",
    "date": "a date (2018-03-01)",
    "bool": "true or false",
    "count": "a whole number",
    "any": "a number, text, true/false or a date",
    "actors": "an actor id or a list of them",
}


def _row(
    table: FactTable,
    raw: Mapping[str, Any],
    pos: Mapping[str, tuple[int, int]],
    at: tuple[int, int],
    probs: _Problems,
) -> dict[str, Value] | None:
    """Normalise one row; report every bad field; None when the row is unusable."""
    ok = True
    data: dict[str, Value] = {}
    required = REQUIRED[table]
    for name, kind in required.items():
        if name not in raw or raw[name] in (None, ""):
            if table is FactTable.counties and name == "poor":
                data["poor"] = True  # a county listed in `counties` is a poor county unless it says not
                continue
            probs.add(*at, F002, f"{table} row lacks '{name}'", f"add {name}: ({_TYPE_NAMES[kind]})")
            ok = False
    for name, value in raw.items():
        if name == "steps" and table is FactTable.cases:
            continue
        if value is None or value == "":
            continue
        kind = required.get(name) or TYPED.get(name) or "any"
        problem = number_problem(value)
        if problem:
            shown = value if len(str(value)) <= 40 else f"{str(value)[:20]}…({len(str(value)):,} characters)"
            probs.add(*pos.get(name, at), F003, f"'{name}' {problem} ({shown})", "fix the value")
            ok = False
            continue
        v = _coerce(value, kind)
        if v is None or (isinstance(v, list)):
            probs.add(
                *pos.get(name, at),
                F003,
                f"'{name}' must be {_TYPE_NAMES[kind]}, not {value!r}",
                "fix the value",
            )
            ok = False
            continue
        data[name] = v
    if ok and table is FactTable.cases and data.get("subject") not in SUBJECTS:
        probs.add(*pos.get("subject", at), F003, f"subject must be one of {', '.join(SUBJECTS)}")
        ok = False
    return data if ok else None


def _step(
    raw: Any, pos: Mapping[str, tuple[int, int]], at: tuple[int, int], probs: _Problems
) -> StepRecord | None:
    if not isinstance(raw, dict):
        probs.add(*at, F001, "a step is a mapping: {step: ..., by: ..., date: ...}")
        return None
    ok = True
    for name in raw:
        if name not in STEP_FIELDS:
            probs.add(
                *pos.get(name, at), F004, f"unknown step field '{name}'", f"use {', '.join(STEP_FIELDS)}"
            )
            ok = False
    step = _coerce(raw.get("step"), "text")
    if step is None:
        probs.add(*at, F002, "a step lacks 'step' (the step id of the procedure)")
        ok = False
    by_raw = raw.get("by")
    by_list = (
        by_raw
        if isinstance(by_raw, list)
        else re.split(r"[;、]", by_raw)
        if isinstance(by_raw, str)
        else None
    )
    by = tuple(sorted({b.strip() for b in by_list or [] if isinstance(b, str) and b.strip()}))
    if not by:
        probs.add(*pos.get("by", at), F002, "a step lacks 'by' (who took it)", "by: village.two-committees")
        ok = False
    date = _coerce(raw["date"], "date") if raw.get("date") not in (None, "") else None
    if raw.get("date") not in (None, "") and date is None:
        probs.add(*pos.get("date", at), F003, f"'date' must be a date (2018-03-01), not {raw['date']!r}")
        ok = False
    objections = _coerce(raw["objections"], "count") if raw.get("objections") not in (None, "") else None
    if raw.get("objections") not in (None, "") and objections is None:
        probs.add(*pos.get("objections", at), F003, "'objections' must be a whole number")
        ok = False
    if not ok:
        return None
    assert isinstance(step, str)
    return StepRecord(
        step,
        by,
        date if isinstance(date, dt.date) else None,
        int(objections) if isinstance(objections, Decimal) else None,
        Location(probs.name, *at),
    )


def parse_yaml(text: str, name: str) -> Facts:
    """Facts from a `kind: facts` YAML document; raises PolicyError with every problem."""
    data, marks = load_text(text, name)
    probs = _Problems(name)
    facts = Facts()
    if not isinstance(data, dict) or data.get("kind") != "facts":
        raise PolicyError(
            [F001.finding(Location(name, 1, 1), "a facts file is a mapping with 'kind: facts'")]
        )
    for key, rows in data.items():
        if key in ("kind", "id", "note", "$schema"):
            continue
        if key not in FactTable.__members__:
            line, col = marks.get((key,), (1, 1))
            probs.add(line, col, F004, f"unknown table '{key}'", f"tables are {', '.join(FactTable)}")
            continue
        table = FactTable(key)
        if not isinstance(rows, list):
            probs.add(*marks.get((key,), (1, 1)), F001, f"'{key}' must be a list of rows")
            continue
        for i, raw in enumerate(rows):
            _yaml_row(facts, table, raw, (key, i), marks, probs)
    _check_unique(facts, probs)
    if probs.items:
        raise PolicyError(probs.items)
    return facts


def _yaml_row(
    facts: Facts, table: FactTable, raw: Any, path: tuple[str, int], marks: Marks, probs: _Problems
) -> None:
    at = marks.get(path, (1, 1))
    if not isinstance(raw, dict):
        probs.add(*at, F001, f"a {table} row must be a mapping")
        return
    pos = {k: marks.get((*path, k), at) for k in raw}
    data = _row(table, raw, pos, at, probs)
    steps: list[StepRecord] = []
    if table is FactTable.cases:
        raw_steps = raw.get("steps")
        if not isinstance(raw_steps, list):
            probs.add(*pos.get("steps", at), F002, "a case lacks 'steps' (a list of the steps taken)")
            return
        for j, s in enumerate(raw_steps):
            spath = (*path, "steps", j)
            sat = marks.get(spath, at)
            spos = {k: marks.get((*spath, k), sat) for k in s} if isinstance(s, dict) else {}
            rec = _step(s, spos, sat, probs)
            if rec is not None:
                steps.append(rec)
    if data is not None:
        facts.tables[table].append(Row(table, data, Location(probs.name, *at), tuple(steps)))


def _csv_table(name: str) -> FactTable | None:
    stem = Path(name).name.removesuffix(".csv")
    for t in FactTable:
        if stem == t.value or re.search(rf"[-_.]{t.value}$", stem):
            return t
    return None


def parse_csv(text: str, name: str) -> Facts:
    """Facts from one CSV table. Cases are one row per step, grouped by the `case` column."""
    table = _csv_table(name)
    if table is None:
        raise PolicyError(
            [
                F004.finding(
                    Location(name, 1, 1),
                    "cannot tell which table this CSV file holds",
                    hint=f"name it after its table: {', '.join(t.value + '.csv' for t in FactTable)}",
                )
            ]
        )
    probs = _Problems(name)
    records = csv_rows(text, name, F001)
    first = next(records, None)
    if first is None or not any(h.strip() for h in first[0]):
        raise PolicyError(
            [F001.finding(Location(name, 1, 1), "empty CSV file", hint="the first line names the columns")]
        )
    header = [h.strip().lstrip("\ufeff") for h in first[0]]
    facts = Facts()
    cases: dict[
        str, tuple[dict[str, Any], dict[str, tuple[int, int]], list[StepRecord], tuple[int, int]]
    ] = {}
    for values, lineno, starts in records:
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            probs.add(lineno, 1, F001, f"{len(values)} fields where the header has {len(header)}")
            continue
        raw = dict(zip(header, values, strict=True))
        pos = {h: (lineno, starts[k] if k < len(starts) else 1) for k, h in enumerate(header)}
        at = (lineno, 1)
        if table is FactTable.cases:
            _csv_case_row(raw, pos, at, cases, probs)
            continue
        data = _row(table, raw, pos, at, probs)
        if data is not None:
            facts.tables[table].append(Row(table, data, Location(name, lineno, 1)))
    for raw, pos, steps, at in cases.values():
        data = _row(FactTable.cases, raw, pos, at, probs)
        if data is not None:
            facts.tables[FactTable.cases].append(
                Row(FactTable.cases, data, Location(name, *at), tuple(steps))
            )
    _check_unique(facts, probs)
    if probs.items:
        raise PolicyError(probs.items)
    return facts


def _csv_case_row(
    raw: dict[str, str],
    pos: dict[str, tuple[int, int]],
    at: tuple[int, int],
    cases: dict[str, tuple[dict[str, Any], dict[str, tuple[int, int]], list[StepRecord], tuple[int, int]]],
    probs: _Problems,
) -> None:
    case_id = raw.get("case", "").strip()
    if not case_id:
        probs.add(*at, F002, "a cases row lacks 'case' (the case id)")
        return
    step_raw = {k: raw[k] for k in STEP_FIELDS if k in raw}
    case_raw = {k: v for k, v in raw.items() if k not in STEP_FIELDS and k != "case"}
    case_raw["id"] = case_id
    if case_id not in cases:
        cases[case_id] = (case_raw, {**pos, "id": pos.get("case", at)}, [], at)
    rec = _step(step_raw, pos, at, probs)
    if rec is not None:
        cases[case_id][2].append(rec)


def _check_unique(facts: Facts, probs: _Problems) -> None:
    """One row per place (and unit) and year in the yearly tables; one status per county."""
    for table in (FactTable.fiscal, FactTable.assessments, FactTable.counties):
        seen: dict[tuple[str, str, int | None], str] = {}
        for row in facts.rows(table):
            key = (*row.key(), row.year)
            if key in seen:
                what = " ".join(str(k) for k in key if k not in ("", None))
                probs.items.append(
                    _at(row.location, F005, f"second {table} row for {what} (first at {seen[key]})")
                )
            else:
                seen[key] = row.where
    ids: dict[str, str] = {}
    for row in facts.rows(FactTable.cases):
        cid = str(row.data["id"])
        if cid in ids:
            probs.items.append(_at(row.location, F005, f"second case '{cid}' (first at {ids[cid]})"))
        ids.setdefault(cid, row.where)


def _at(location: Location, code: Rule, msg: str) -> Finding:
    return code.finding(location, msg, hint="keep one row per place and year; merge them")


def read(path: str | Path, display: str | None = None) -> Facts:
    """Facts from one file: `.csv` is one table, anything else a YAML facts document."""
    p = Path(path)
    name = display or str(path)
    text = read_text(p, name)
    return parse_csv(text, name) if p.suffix.lower() == ".csv" else parse_yaml(text, name)


def load(paths: Sequence[str | Path] | Iterable[str | Path]) -> Facts:
    """Facts from several files (directories: every `.yaml`, `.yml` and `.csv` in them, sorted)."""
    facts = Facts()
    problems: list[Finding] = []
    for path in _expand(paths):
        try:
            facts.extend(read(path))
        except PolicyError as exc:
            problems += exc.diagnostics
    if problems:
        raise PolicyError(problems)
    probs = _Problems("")
    _check_unique(facts, probs)  # across files: the same county and year given twice
    if probs.items:
        raise PolicyError(probs.items)
    return facts


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            suffixes = (".yaml", ".yml", ".csv")
            out += sorted(f for f in p.rglob("*") if f.suffix.lower() in suffixes and not f.is_dir())
        else:
            out.append(p)
    return out


def from_data(data: Mapping[str, Any], name: str, marks: Marks | None = None) -> Facts:
    """Facts given inline (a scenario's `facts:` mapping), positioned with the scenario's marks."""
    probs = _Problems(name)
    facts = Facts()
    base_marks: Marks = marks or {}
    for key, rows in data.items():
        if key not in FactTable.__members__:
            line, col = base_marks.get((key,), (1, 1))
            probs.add(line, col, F004, f"unknown table '{key}'", f"tables are {', '.join(FactTable)}")
            continue
        if not isinstance(rows, list):
            probs.add(*base_marks.get((key,), (1, 1)), F001, f"'{key}' must be a list of rows")
            continue
        for i, raw in enumerate(rows):
            _yaml_row(facts, FactTable(key), raw, (key, i), base_marks, probs)
    _check_unique(facts, probs)
    if probs.items:
        raise PolicyError(probs.items)
    return facts
