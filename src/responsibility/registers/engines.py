"""Where compiled rules run: DuckDB embedded (the default), Spark (local or a cluster), and the
Python evaluator (the reference) on the same register.

A register is first read and checked by DuckDB (:func:`open_register`): every problem of its
files is a :class:`~responsibility.errors.Finding` at ``file:line:col`` (for CSV the line of the
row and the number of the column; for Parquet the row number and the column number). The tables
are then views with the types of :mod:`.formats`; the compiled SQL reads only those views, so the
same SQL runs on every engine.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import duckdb

from ._deps import (
    CoverageRule,
    Finding,
    Location,
    LookupFailure,
    PolicySet,
    ProcedureRule,
    RuleSet,
    codes,
    evaluate,
    from_data,
    lookup,
)
from .compile import AnyRegisterRule, Compiled, compile_rule, lit, strip, to_spark
from .formats import KEYS, Column, table_of, tables_for

# (rule, subject, county, outcome, message): one finding, as every engine returns it.
Row = tuple[str, str, str, str, str]

_CAST = {"text": "VARCHAR", "date": "DATE", "count": "BIGINT", "bool": "BOOLEAN"}


class Engine(Protocol):
    name: str

    def rows(self, sql: str) -> list[tuple[Any, ...]]: ...

    def materialize(self, name: str, sql: str) -> None: ...


# -- rules ----------------------------------------------------------------------------------------


def register_rules(ps: PolicySet, names: Sequence[str]) -> list[tuple[RuleSet, AnyRegisterRule]]:
    """The procedure and coverage rules of the named regulations (`shanxi`, 武邑, 武邑县 — any
    name the lookups take) or rules (`gansu/household-helpers`, 甘肃/household-helpers). An unknown
    name raises LookupFailure with the nearest regulations or rules that have register rules."""
    out: list[tuple[RuleSet, AnyRegisterRule]] = []
    for name in names:
        reg_text, _, rule_id = name.partition("/")
        reg_id = lookup.regulation_id(ps, reg_text)
        rs = ps.rulesets.get(reg_id)
        checkable = _register_rules_of(rs) if rs else []
        if rs is None or not checkable:
            having = sorted(i for i, other in ps.rulesets.items() if _register_rules_of(other))
            raise LookupFailure("regulation with procedure or coverage rules", name, having)
        found = [r for r in checkable if rule_id in ("", r.id)]
        if not found:
            ids = [f"{reg_id}/{r.id}" for r in checkable]
            near = difflib.get_close_matches(f"{reg_id}/{rule_id}", ids, n=3, cutoff=0.5) or ids
            raise LookupFailure("procedure or coverage rule", name, near)
        out += [(rs, r) for r in found if (rs, r) not in out]
    return out


def _register_rules_of(rs: RuleSet) -> list[AnyRegisterRule]:
    return [r for r in rs.rules if isinstance(r, ProcedureRule | CoverageRule)]


def needed_tables(rules: Sequence[tuple[RuleSet, AnyRegisterRule]]) -> dict[str, tuple[Column, ...]]:
    return tables_for(
        [r for _, r in rules if isinstance(r, ProcedureRule)],
        [r for _, r in rules if isinstance(r, CoverageRule)],
    )


# -- reading and checking a register ----------------------------------------------------------------


@dataclass
class Register:
    """A register's files by table, the columns each file has, and the problems found reading it."""

    files: dict[str, Path] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)


def _problem(code: Any, file: str, line: int, col: int, message: str, fix: str) -> Finding:
    finding: Finding = code.finding(Location(file, line, col), message, hint=fix)
    return finding


def classify(paths: Sequence[Path]) -> Register:
    """Each file's table from its name; a name that says no table is a problem (F006)."""
    reg = Register()
    for path in paths:
        table = table_of(path)
        if table is None:
            reg.problems.append(
                _problem(
                    codes.F006,
                    str(path),
                    1,
                    1,
                    "the file's name does not say its table",
                    "name it after its table: exits, households, pairings, villages or teams"
                    " (.csv or .parquet)",
                )
            )
        elif table in reg.files:
            reg.problems.append(
                _problem(
                    codes.F006,
                    str(path),
                    1,
                    1,
                    f"a second {table} file (first: {reg.files[table]})",
                    "give one file per table",
                )
            )
        else:
            reg.files[table] = path
    return reg


def open_register(
    con: duckdb.DuckDBPyConnection, reg: Register, needed: dict[str, tuple[Column, ...]]
) -> None:
    """Read each needed table's file, check it against its columns, and define the typed views.

    Problems go to ``reg.problems``; a table with problems gets no view.
    """
    for table, columns in needed.items():
        path = reg.files.get(table)
        if path is None:
            reg.problems.append(
                _problem(
                    codes.F006,
                    f"{table}.parquet",
                    1,
                    1,
                    f"the rules read the {table} register and none was given",
                    f"pass a file named {table}.csv or {table}.parquet",
                )
            )
            continue
        try:
            have = _columns(con, path)
        except (duckdb.Error, OSError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            reg.problems.append(
                _problem(
                    codes.F006,
                    str(path),
                    1,
                    1,
                    f"cannot read the file: {first[:200]}",
                    "give a readable CSV file with a header, or a Parquet file",
                )
            )
            continue
        reg.columns[table] = have
        before = len(reg.problems)
        _check_columns(reg, table, path, have, columns)
        if len(reg.problems) == before:
            _check_values(con, reg, table, path, have, columns)
        if len(reg.problems) == before and table in KEYS:
            _check_unique(con, reg, table, path, have)
        if len(reg.problems) == before:
            con.execute(
                f"CREATE OR REPLACE TEMP VIEW {table} AS {normalised(table, have, columns, 'raw_' + table)}"
            )


def _columns(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    if not path.is_file():
        raise OSError(f"no such file: {path}")
    table = "raw_" + (table_of(path) or "x")
    if path.suffix.lower() == ".parquet":
        reader = f"read_parquet({lit(str(path))}, file_row_number = true)"
        src = f"SELECT *, file_row_number + 1 AS _row FROM {reader}"
    else:
        src = (
            f"SELECT *, CAST(row_number() OVER () + 1 AS BIGINT) AS _row FROM "
            f"read_csv({lit(str(path))}, header = true, all_varchar = true, "
            # not sniffed: a tab or a quote inside a value must not be taken for the dialect
            "delim = ',', quote = '\"', escape = '\"')"
        )
    con.execute(f"CREATE OR REPLACE TEMP VIEW {table} AS {src}")
    names = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    return [n for n in names if n not in ("_row", "file_row_number")]


def _check_columns(
    reg: Register, table: str, path: Path, have: list[str], columns: tuple[Column, ...]
) -> None:
    missing = [c.name for c in columns if c.required and c.name not in have]
    steps = [
        c.name for c in columns if not c.required and c.name.endswith(("_by", "_date")) and c.name not in have
    ]
    if missing or (table == "exits" and steps):
        shown = ", ".join(missing + steps)
        reg.problems.append(
            _problem(
                codes.F007,
                str(path),
                1,
                1,
                f"the {table} register lacks the column(s) {shown}",
                "add them (empty where not known); docs/registers.md lists each table's columns",
            )
        )


def _bad(c: Column) -> str:
    """SQL: the value of column `c` cannot be read as its type (or a required one is empty)."""
    v = f'"{c.name}"'
    empty = f"({v} IS NULL OR {strip(f'CAST({v} AS VARCHAR)')} = '')"
    if c.type == "text":
        test = "FALSE"
        if c.name == "subject":
            test = f"{v} NOT IN ('household', 'village', 'county')"
    elif c.type == "count":
        test = f"(TRY_CAST({v} AS BIGINT) IS NULL OR TRY_CAST({v} AS BIGINT) < 0)"
    else:
        test = f"TRY_CAST({v} AS {_CAST[c.type]}) IS NULL"
    return (
        f"{empty}"
        if c.required and c.type == "text" and c.name != "subject"
        else (f"({empty} OR {test})" if c.required else f"(NOT {empty} AND {test})")
    )


_EXPECTED = {
    "text": "text",
    "date": "a date (2018-03-01)",
    "count": "a whole number ≥ 0",
    "bool": "true or false",
}


def _check_values(
    con: duckdb.DuckDBPyConnection,
    reg: Register,
    table: str,
    path: Path,
    have: list[str],
    columns: tuple[Column, ...],
) -> None:
    """One scan: the first bad row of each column, and how many rows are bad."""
    present = [c for c in columns if c.name in have]
    parts = ", ".join(
        f"min(CASE WHEN {_bad(c)} THEN _row END), count(*) FILTER (WHERE {_bad(c)})" for c in present
    )
    got = con.execute(f"SELECT {parts} FROM raw_{table}").fetchone()
    assert got is not None
    for i, c in enumerate(present):
        first, count = got[2 * i], got[2 * i + 1]
        if first is None:
            continue
        value = con.execute(
            f'SELECT CAST("{c.name}" AS VARCHAR) FROM raw_{table} WHERE _row = {int(first)}'
        ).fetchone()
        shown = "empty" if value is None or value[0] in (None, "") else repr(value[0])[:60]
        more = f" ({count:,} rows in all)" if count > 1 else ""
        want = "one of household, village, county" if c.name == "subject" else _EXPECTED[c.type]
        reg.problems.append(
            _problem(
                codes.F008,
                str(path),
                _line(path, int(first)),
                have.index(c.name) + 1,
                f"'{c.name}' must be {want}{' and is required' if c.required else ''}, not {shown}{more}",
                f"fix the value{'s' if count > 1 else ''}",
            )
        )


def _check_unique(
    con: duckdb.DuckDBPyConnection, reg: Register, table: str, path: Path, have: list[str]
) -> None:
    """One row per case, household or village: the first row repeating an id, and how many do.

    The scan of the whole table groups 64-bit hashes of the ids, not the ids (on ten million
    cases a third of the memory); only the rows whose hash repeats are read again and grouped
    by the id itself, so a collision of two ids' hashes is no finding."""
    key = KEYS[table]
    value = strip(f'CAST("{key}" AS VARCHAR)')
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE repeated_hashes AS SELECT hash({value}) AS h "
        f"FROM raw_{table} GROUP BY hash({value}) HAVING count(*) > 1"
    )
    if con.execute("SELECT count(*) FROM repeated_hashes").fetchone() in ((0,), None):
        return
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE repeated AS SELECT k, _row, "
        "row_number() OVER (PARTITION BY k ORDER BY _row) AS rn, count(*) OVER (PARTITION BY k) AS n "
        f"FROM (SELECT {value} AS k, _row FROM raw_{table} "
        f"WHERE hash({value}) IN (SELECT h FROM repeated_hashes)) AS c"
    )
    got = con.execute("SELECT count(*), sum(n - 1) FROM repeated WHERE rn = 1 AND n > 1").fetchone()
    if got is None or not got[0]:
        return
    groups, extra = int(got[0]), int(got[1])
    second = con.execute(
        "SELECT s._row, s.k, f._row FROM repeated AS s JOIN repeated AS f ON f.k = s.k AND f.rn = 1 "
        "WHERE s.rn = 2 ORDER BY s._row LIMIT 1"
    ).fetchone()
    assert second is not None
    row, value_, first = second
    more = f" ({extra:,} repeated rows of {groups:,} ids in all)" if extra > 1 else ""
    unit = "row" if path.suffix.lower() == ".parquet" else "line"
    reg.problems.append(
        _problem(
            codes.F009,
            str(path),
            _line(path, int(row)),
            have.index(key) + 1,
            f"a second row for {key} {value_!r} (first at {unit} {_line(path, int(first))}){more}",
            "keep one row per id: merge the rows or give each its own id",
        )
    )


def _line(path: Path, row: int) -> int:
    """Where row `row` (the header is row 1) of a register file starts: for a CSV file the line,
    counted as the csv module reads it (a quoted field may hold line breaks; blank lines are no
    row, as DuckDB reads them), for Parquet the row number itself. Only on the way to a message:
    a CSV file is read again for it."""
    if path.suffix.lower() == ".parquet":
        return row
    n, end = 0, 0
    try:
        with path.open(newline="", encoding="utf-8", errors="replace") as f:
            reader = csv.reader(f)
            for record in reader:
                if not record:
                    end = reader.line_num
                    continue
                n += 1
                if n == row:
                    return end + 1
                end = reader.line_num
    except (csv.Error, OSError):  # a field over the csv module's limit DuckDB read: the row number
        pass
    return row


def normalised(table: str, have: list[str], columns: tuple[Column, ...], source: str) -> str:
    """SQL (DuckDB dialect): the table with each column of its type; absent optional ones NULL.
    Text is stripped of the whitespace around it (empty: NULL), as the facts reader reads it."""
    exprs = []
    for c in columns:
        if c.name in have and c.type == "text":
            text = strip(f'CAST("{c.name}" AS VARCHAR)')
            exprs.append(f"NULLIF({text}, '') AS \"{c.name}\"")
        elif c.name in have:
            exprs.append(f'TRY_CAST("{c.name}" AS {_CAST[c.type]}) AS "{c.name}"')
        else:
            exprs.append(f'CAST(NULL AS {_CAST[c.type]}) AS "{c.name}"')
    return f"SELECT {', '.join(exprs)} FROM {source}"


# -- engines --------------------------------------------------------------------------------------


class DuckEngine:
    name = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return self.con.execute(sql).fetchall()

    def materialize(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")


class SparkEngine:
    """The same SQL, transpiled by sqlglot, on a Spark session (local[2] in the tests)."""

    name = "spark"

    def __init__(self, spark: Any, reg: Register, needed: dict[str, tuple[Column, ...]]) -> None:
        self.spark = spark
        for table, columns in needed.items():
            path = reg.files[table]
            if path.suffix.lower() == ".parquet":
                frame = spark.read.parquet(str(path))
            else:
                # read as DuckDB and the csv module read it: quoted fields may hold line breaks,
                # and a quote inside one is doubled (RFC 4180), not escaped by a backslash
                options = {"header": True, "encoding": "UTF-8", "multiLine": True, "escape": '"'}
                frame = spark.read.options(**options).csv(str(path))
            frame.createOrReplaceTempView("raw_" + table)
            sql = to_spark(normalised(table, reg.columns[table], columns, "raw_" + table))
            spark.sql(sql).createOrReplaceTempView(table)

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.spark.sql(to_spark(sql)).collect()]

    def materialize(self, name: str, sql: str) -> None:
        frame = self.spark.sql(to_spark(sql)).cache()
        frame.createOrReplaceTempView(name)


def spark_session(master: str = "local[2]") -> Any:
    """A Spark session for register checks: no UI, few shuffle partitions (a laptop's cores)."""
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(master)
        .appName("responsibility-registers")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


# -- findings ---------------------------------------------------------------------------------------


def compiled_rules(ps: PolicySet, rules: Sequence[tuple[RuleSet, AnyRegisterRule]]) -> list[Compiled]:
    exits = needed_tables(rules).get("exits", ())
    steps = [c.name.removesuffix("_by").replace("_", "-") for c in exits if c.name.endswith("_by")]
    return [compile_rule(ps, rs, r, steps) for rs, r in rules]


def findings(engine: Engine, compiled: Sequence[Compiled]) -> list[Row]:
    """Every finding (pass and fail) of every rule, sorted: for registers that fit in memory.
    One query for all the rules (one job on Spark)."""
    if not compiled:
        return []
    union = " UNION ALL ".join(
        f"SELECT rule, subject, county, outcome, message FROM ({c.sql}) AS r{i}"
        for i, c in enumerate(compiled)
    )
    return sorted((str(a), str(b), str(c), str(d), str(e)) for a, b, c, d, e in engine.rows(union))


def python_findings(
    ps: PolicySet,
    con: duckdb.DuckDBPyConnection,
    rules: Sequence[tuple[RuleSet, AnyRegisterRule]],
    needed: dict[str, tuple[Column, ...]],
) -> list[Row]:
    """The reference: the register's rows as facts, through the Python evaluator."""
    tables = {t: _dicts(con, t) for t in needed}
    procedures = [(rs, r) for rs, r in rules if isinstance(r, ProcedureRule)]
    data: dict[str, list[dict[str, Any]]] = {}
    county: dict[str, str] = {}
    if "exits" in tables:
        data["cases"] = [_case(ps, row, procedures, needed["exits"]) for row in tables["exits"]]
        county |= {r["case_id"]: r["county"] for r in tables["exits"]}
    if "households" in tables:
        data["households"] = [
            {"id": r["household_id"], "place": r["village"], **_poor(r)} for r in tables["households"]
        ]
        data["pairings"] = [{"household": r["household_id"], "cadre": r["cadre"]} for r in tables["pairings"]]
        county |= {r["household_id"]: r["county"] for r in tables["households"]}
    if "villages" in tables:
        data["villages"] = [{"place": r["village"], **_poor(r)} for r in tables["villages"]]
        data["teams"] = [{"place": r["village"], "team": r["team"]} for r in tables["teams"]]
        county |= {r["village"]: r["county"] for r in tables["villages"]}
    facts = from_data(data, "register")
    refs = [f"{rs.regulation}/{r.id}" for rs, r in rules]
    return sorted(
        (f.rule, f.subject, county.get(f.subject, ""), f.outcome.value, f.message)
        for f in evaluate(ps, facts, refs)
    )


def _dicts(con: duckdb.DuckDBPyConnection, table: str) -> list[dict[str, Any]]:
    cur = con.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _poor(row: dict[str, Any]) -> dict[str, bool]:
    return {} if row["poor"] is None else {"poor": bool(row["poor"])}


def _case(
    ps: PolicySet,
    row: dict[str, Any],
    procedures: Sequence[tuple[RuleSet, ProcedureRule]],
    columns: tuple[Column, ...],
) -> dict[str, Any]:
    """An exit row as a facts case: its recorded steps, in the order of the procedure it is
    checked against (the register's columns carry no order of their own)."""
    from .formats import column

    place = row["village"] or row["township"] or row["county"]
    named = row["procedure"] or None
    order: list[str] = []
    for rs, rule in procedures:
        assert isinstance(rule, ProcedureRule)
        ref = f"{rs.regulation}/{rule.id}"
        juris = ps.regulation(rs.regulation).jurisdiction
        inside = place == juris or str(place).startswith(juris + ".")
        if named == ref or (named is None and row["subject"] == rule.subject and inside):
            order += [s.id for s in rule.steps if s.id not in order]
    stems = [c.name[: -len("_by")] for c in columns if c.name.endswith("_by")]
    for stem in stems:
        sid = stem.replace("_", "-")
        if sid not in order:
            order.append(sid)
    steps = []
    for sid in order:
        stem = column(sid)
        by = row.get(f"{stem}_by")
        tokens = sorted({t.strip() for t in str(by or "").replace("、", ";").split(";") if t.strip()})
        if not tokens:
            continue
        step: dict[str, Any] = {"step": sid, "by": tokens}
        if isinstance(row.get(f"{stem}_date"), dt.date):
            step["date"] = row[f"{stem}_date"]
        if row.get(f"{stem}_objections") is not None:
            step["objections"] = int(row[f"{stem}_objections"])
        steps.append(step)
    case: dict[str, Any] = {"id": row["case_id"], "subject": row["subject"], "place": place, "steps": steps}
    if named:
        case["procedure"] = named
    return case


def iter_tables(reg: Register) -> Iterator[tuple[str, Path]]:
    yield from sorted(reg.files.items())
