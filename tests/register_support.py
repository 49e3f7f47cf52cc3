"""Registers for the register tests: hypothesis strategies and a writer (CSV or Parquet)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
from hypothesis import strategies as st

import responsibility
from responsibility.registers import engines

PS = responsibility.load()

BODIES = [
    "village.two-committees",
    "village.party-branch",
    "village.villagers-committee",
    "village.work-team",
    "village.poor-households",
    "township.government",
    "county.leading-group",
    "county.party-committee",
    "province.leading-group",
    "province.government",
    "city.leading-group",
    "township.party-committee",
]
PLACES = [
    "cn.hebei.hengshui.wuyi.t01.v01",
    "cn.hebei.hengshui.wuyi",
    "cn.shanxi.c01.x01.t01.v01",
    "cn.shanxi.c01.x01",
    "cn.gansu.c01.x01.t01.v01",
    "cn.gansu.c01.x01",
    "cn.shanxi",
]


# Whitespace a spreadsheet leaves around ids: spaces, tabs, ideographic spaces (U+3000), a
# no-break space, a line break (the CSV writer quotes the field: every engine must read a quoted
# field across lines); the Python reader strips them all (str.strip), and so must the SQL.
SPACE = st.text(st.sampled_from([" ", "\t", "\u3000", "\xa0", "\n"]), max_size=2)


@st.composite
def by_values(draw: Any) -> str | None:
    picked = draw(st.lists(st.sampled_from(BODIES), max_size=3))
    if not picked:
        return draw(st.sampled_from([None, "", " ; ", "\u3000", "\t;\u3000"]))
    sep = draw(st.sampled_from([";", "; ", "、", "\t;", "、\u3000", " ;\u3000"]))
    return draw(SPACE) + sep.join(picked) + draw(SPACE)


@st.composite
def exit_rows(draw: Any, columns: list[str]) -> dict[str, Any]:
    place = draw(st.sampled_from(PLACES))
    parts = place.split(".")
    county = ".".join(parts[:5]) if len(parts) >= 5 else place
    row: dict[str, Any] = {
        "subject": draw(st.sampled_from(["household", "village", "county"])),
        "procedure": draw(st.sampled_from([None, None, None, "wuyi/household-exit", "shanxi/village-exit"])),
        "county": county,
        "township": ".".join(parts[:6]) if len(parts) >= 7 else None,
        "village": place if len(parts) >= 7 else None,
    }
    day = st.one_of(st.none(), st.integers(0, 30).map(lambda d: dt.date(2018, 1, 1) + dt.timedelta(days=d)))
    for c in columns:
        if c.endswith("_by"):
            row[c] = draw(by_values())
        elif c.endswith(("_date", "_end")):
            row[c] = draw(day)
        elif c.endswith("_objections"):
            row[c] = draw(st.one_of(st.none(), st.integers(0, 3)))
    return row


def step_columns(rules: list[Any]) -> list[str]:
    needed = engines.needed_tables(rules)
    return [c.name for c in needed["exits"] if c.name.endswith(("_by", "_date", "_end", "_objections"))]


# A 武邑 household exit case that takes every step in order, by the right bodies: the clean case
# the register tests vary one field at a time.
WUYI_CASE: dict[str, str | None] = {
    "case_id": "wy-1",
    "subject": "household",
    "county": "cn.hebei.hengshui.wuyi",
    "village": "cn.hebei.hengshui.wuyi.t01.v01",
    "propose_by": "village.two-committees",
    "propose_date": "2017-10-01",
    "verify_by": "village.two-committees;village.work-team",
    "verify_date": "2017-10-03",
    "household_consent_by": "village.poor-households",
    "household_consent_date": "2017-10-04",
    "public_notice_by": "village.two-committees",
    "public_notice_date": "2017-10-05",
    "public_notice_objections": "0",
    "public_notice_end": "2017-10-12",
    "township_review_by": "township.government",
    "township_review_date": "2017-10-20",
    "county_decision_by": "county.leading-group",
    "county_decision_date": "2017-11-01",
}
# The columns of an exits register holding WUYI_CASE, in the reader's order.
WUYI_COLUMNS = ["case_id", "subject", "procedure", "county", "township", "village", *list(WUYI_CASE)[4:]]


def write(path: Path, rows: list[dict[str, Any]], columns: list[str]) -> Path:
    """Rows to CSV, or to Parquet through DuckDB when the name ends in .parquet."""
    csv_path = path.with_suffix(".csv") if path.suffix == ".parquet" else path
    if path.suffix == ".parquet":
        csv_path = path.parent / ("staged-" + path.stem + ".txt")
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if r.get(c) is None else r[c] for c in columns])
    if path.suffix == ".parquet":
        con = duckdb.connect()
        con.execute(
            f"COPY (SELECT * FROM read_csv('{csv_path}', header = true, delim = ',', quote = '\"', "
            f"escape = '\"')) TO '{path}' (FORMAT parquet)"
        )
        con.close()
    return path


def run_engines(files: list[Path], names: list[str], spark: Any = None) -> dict[str, list[engines.Row]]:
    """Every engine's findings on the register (the reference first)."""
    rules = engines.register_rules(PS, names)
    needed = engines.needed_tables(rules)
    reg = engines.classify(files)
    con = duckdb.connect()
    engines.open_register(con, reg, needed)
    assert not reg.problems, [f.format() for f in reg.problems]
    compiled = engines.compiled_rules(PS, rules)
    out = {
        "python": engines.python_findings(PS, con, rules, needed),
        "duckdb": engines.findings(engines.DuckEngine(con), compiled),
    }
    if spark is not None:
        out["spark"] = engines.findings(engines.SparkEngine(spark, reg, needed), compiled)
    return out
