"""Synthetic registers, made in DuckDB: seeded, deterministic, with planted faults on request.

No personal data: households, cadres, teams and first secretaries are ids (``H0-00000042``,
``C000311``). Place ids are the policy set's: the catalogued counties inside the regulation's
jurisdiction, or else synthetic counties below it (``cn.shanxi.c01.x03``), with ten townships of
twenty villages each. The same seed, sizes and DuckDB version give the same files; rows are made
by SQL over ``range(n)`` (ten million exit cases in seconds), never by a Python loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ._deps import CoverageRule, PolicySet, ProcedureRule, RuleSet, actor_matches
from .compile import AnyRegisterRule, lit
from .engines import needed_tables
from .formats import column

# Planted fault kinds, in the order of their draw.
FAULTS = ("notice-objection", "missing-step", "out-of-order", "wrong-body", "notice-unrecorded")
_WEIGHT = {"household": 970, "village": 29, "county": 1}  # cases per 1,000 by subject
_UNITS = ["县水务局", "县教育局", "县财政局", "县农业农村局", "县住房和城乡建设局", "县卫生健康局"]
TOWNSHIPS, VILLAGES = 10, 20


@dataclass(frozen=True)
class Sizes:
    cases: int = 1000
    households: int = 1000
    seed: int = 0
    faults: float = 0.05  # share of exit cases, households and villages given a fault


def counties(ps: PolicySet, area: str) -> list[str]:
    """The catalogued counties inside `area` (or `area` itself when it is a county), else twenty
    synthetic ids below it."""
    place = ps.places.get(area)
    if place is not None and place.level.value == "county":
        return [area]
    listed = sorted(p for p, v in ps.places.items() if v.level.value == "county" and p.startswith(area + "."))
    return listed or [f"{area}.c{a:02d}.x{b:02d}" for a in range(1, 5) for b in range(1, 6)]


def _h(salt: str, seed: int, mod: int, var: str = "i") -> str:
    """SQL: a deterministic draw in [0, mod) for row `var`."""
    return f"CAST(hash({var}, {seed}, {lit(salt)}) % {mod} AS BIGINT)"


def _places(all_counties: list[str], seed: int, var: str = "i") -> tuple[str, str, str]:
    arr = "[" + ", ".join(lit(c) for c in all_counties) + "]"
    county = f"{arr}[1 + {_h('county', seed, len(all_counties), var)}]"
    township = f"{county} || '.t' || lpad(CAST(1 + {_h('town', seed, TOWNSHIPS, var)} AS VARCHAR), 2, '0')"
    village = f"{township} || '.v' || lpad(CAST(1 + {_h('village', seed, VILLAGES, var)} AS VARCHAR), 2, '0')"
    return county, township, village


def _wrong(ps: PolicySet, rule: ProcedureRule, k: int) -> str:
    """An actor that may not take step `k`: the first such in the catalogue, by id, of the level
    of those who may (a village body where the village committees must act: the mistake a
    register shows, not a body from elsewhere in the country)."""
    step = rule.steps[k]
    level = step.by[0].split(".")[0] + "."
    for a in sorted(ps.actors, key=lambda a: (not a.startswith(level), a)):
        if not any(actor_matches(ps, [a], w) for w in step.by):
            return a
    return "nobody"


def _type(name: str) -> str:
    if name.endswith("_objections"):
        return "BIGINT"
    return "DATE" if name.endswith(("_date", "_end")) else "VARCHAR"


def exits_sql(ps: PolicySet, rules: Sequence[tuple[RuleSet, ProcedureRule]], sizes: Sizes) -> str:
    """SQL (DuckDB): the exits register, each case drawn to one of the procedures."""
    seed = sizes.seed
    weights = [_WEIGHT[r.subject] for _, r in rules]
    total = sum(weights)
    share = int(sizes.faults * 1_000_000)
    fault = f"CASE WHEN {_h('fault', seed, 1_000_000)} < {share} THEN {_h('kind', seed, 5)} ELSE -1 END"
    cols: dict[str, list[str]] = {}
    picks: list[tuple[str, str]] = []
    lo = 0
    for (rs, rule), w in zip(rules, weights, strict=True):
        pick = f"r BETWEEN {lo} AND {lo + w - 1}"
        lo += w
        picks.append((pick, f"{rs.regulation}/{rule.id}"))
        n = len(rule.steps)
        notice = any(s.notice for s in rule.steps)
        kind = "fk" if notice else "CASE fk WHEN 0 THEN 1 WHEN 4 THEN 3 ELSE fk END"
        t = f"LEAST(fs % {n}, {max(n - 2, 0)})"
        for k, s in enumerate(rule.steps):
            stem = column(s.id)
            pos = (
                f"CASE WHEN {kind} = 2 AND {n} > 1 AND {k} = {t} THEN {k + 1} "
                f"WHEN {kind} = 2 AND {n} > 1 AND {k} = {t} + 1 THEN {k - 1} ELSE {k} END"
            )
            gone = f"({kind} = 1 AND fs % {n} = {k})"
            good = ";".join(s.by) if s.jointly else s.by[0]
            wrong, right = lit(_wrong(ps, rule, k)), lit(good)
            swap = f"{kind} = 3 AND fs % {n} = {k}"
            by = f"CASE WHEN {gone} THEN NULL WHEN {swap} THEN {wrong} ELSE {right} END"
            date = f"CASE WHEN {gone} THEN NULL ELSE base + CAST(7 * ({pos}) AS INTEGER) END"
            cols.setdefault(f"{stem}_date", []).append(f"WHEN {pick} THEN {date}")
            cols.setdefault(f"{stem}_by", []).append(f"WHEN {pick} THEN {by}")
            if s.notice:
                obj = f"CASE WHEN {kind} = 0 THEN 1 + fs % 3 WHEN {kind} = 4 THEN NULL ELSE 0 END"
                cols.setdefault(f"{stem}_objections", []).append(f"WHEN {pick} AND NOT {gone} THEN {obj}")
                cols.setdefault(f"{stem}_end", []).append(
                    f"WHEN {pick} AND NOT {gone} THEN base + CAST(7 * ({pos}) + 7 AS INTEGER)"
                )
    subject = (
        "CASE "
        + " ".join(f"WHEN {p} THEN {lit(r.subject)}" for (p, _), (_, r) in zip(picks, rules, strict=True))
        + " END"
    )
    # Each case names the procedure it was drawn to, as a register kept by one office does.
    procedure = "CASE " + " ".join(f"WHEN {p} THEN {lit(ref)}" for p, ref in picks) + " END"
    step_cols = ", ".join(
        f"CAST(CASE {' '.join(whens)} END AS {_type(name)}) AS {name}" for name, whens in cols.items()
    )
    county = (
        "CASE "
        + " ".join(
            f"WHEN {p} THEN {_places(counties(ps, ps.regulation(rs.regulation).jurisdiction), seed)[0]}"
            for (p, _), (rs, _) in zip(picks, rules, strict=True)
        )
        + " END"
    )
    inner = (
        f"SELECT i, r, fk, fs, base, {county} AS county_, t_, v_ FROM "
        f"(SELECT i, {_h('rule', seed, total)} AS r, {fault} AS fk, {_h('step', seed, 997)} AS fs, "
        f"DATE '2016-03-01' + CAST({_h('day', seed, 1500)} AS INTEGER) AS base, "
        f"{_h('town', seed, TOWNSHIPS)} AS t_, {_h('village', seed, VILLAGES)} AS v_ "
        f"FROM range({sizes.cases}) AS g(i)) AS drawn"
    )
    town = "county_ || '.t' || lpad(CAST(1 + t_ AS VARCHAR), 2, '0')"
    vill = f"{town} || '.v' || lpad(CAST(1 + v_ AS VARCHAR), 2, '0')"
    return (
        f"SELECT printf('X{seed}-%09d', i) AS case_id, {subject} AS subject, "
        f"{procedure} AS procedure, "
        f"county_ AS county, CASE WHEN {subject} = 'county' THEN NULL ELSE {town} END AS township, "
        f"CASE WHEN {subject} = 'county' THEN NULL ELSE {vill} END AS village, {step_cols} "
        f"FROM ({inner}) AS g"
    )


def _coverage_sql(area_counties: list[str], sizes: Sizes) -> dict[str, str]:
    seed, n = sizes.seed, sizes.households
    county, township, village = _places(area_counties, seed)
    missing = f"{_h('nohelper', seed, 1_000_000)} < {int(sizes.faults * 1_000_000)}"
    units = "[" + ", ".join(lit(u) for u in _UNITS) + "]"
    households = (
        f"SELECT printf('H{seed}-%08d', i) AS household_id, {county} AS county, {township} AS township, "
        f"{village} AS village, {_h('poor', seed, 100)} >= 3 AS poor FROM range({n}) AS g(i) ORDER BY i"
    )
    pairings = (
        f"SELECT printf('H{seed}-%08d', i) AS household_id, "
        f"printf('C%06d', {_h('cadre', seed, 1_000_000, 'j')}) AS cadre, "
        f"{units}[1 + {_h('unit', seed, len(_UNITS), 'j')}] AS unit, "
        f"DATE '2016-01-01' + CAST({_h('start', seed, 365, 'j')} AS INTEGER) AS start, "
        'CAST(NULL AS DATE) AS "end", '
        f"CAST({_h('visits', seed, 24, 'j')} AS BIGINT) AS visits "
        f"FROM (SELECT j, j // 2 AS i FROM range({2 * n}) AS g(j)) AS p "
        f"WHERE NOT ({missing}) AND (j % 2 = 0 OR {_h('second', seed, 2, 'j')} = 1) ORDER BY j"
    )
    vcount = len(area_counties) * TOWNSHIPS * VILLAGES
    vill = (
        "SELECT v, ["
        + ", ".join(lit(c) for c in area_counties)
        + f"][1 + v // {TOWNSHIPS * VILLAGES}] AS county, "
        f"((v // {VILLAGES}) % {TOWNSHIPS}) + 1 AS t, (v % {VILLAGES}) + 1 AS w "
        f"FROM range({vcount}) AS g(v)"
    )
    town = "county || '.t' || lpad(CAST(t AS VARCHAR), 2, '0')"
    villages = (
        f"SELECT {town} || '.v' || lpad(CAST(w AS VARCHAR), 2, '0') AS village, county, {town} AS township, "
        f"{_h('vpoor', seed, 10, 'v')} < 8 AS poor FROM ({vill}) AS g ORDER BY v"
    )
    noteam = f"{_h('noteam', seed, 1_000_000, 'v')} < {int(sizes.faults * 1_000_000)}"
    teams = (
        f"SELECT {town} || '.v' || lpad(CAST(w AS VARCHAR), 2, '0') AS village, "
        f"printf('T{seed}-%06d', v) AS team, "
        f"printf('S%06d', {_h('sec', seed, 1_000_000, 'v')}) AS first_secretary, "
        f"{units}[1 + {_h('tunit', seed, len(_UNITS), 'v')}] AS unit, DATE '2015-10-01' AS start, "
        f'CAST(NULL AS DATE) AS "end" FROM ({vill}) AS g WHERE NOT ({noteam}) ORDER BY v'
    )
    return {"households": households, "pairings": pairings, "villages": villages, "teams": teams}


def generate(
    ps: PolicySet,
    rules: Sequence[tuple[RuleSet, AnyRegisterRule]],
    out: Path,
    sizes: Sizes,
    fmt: str = "parquet",
) -> dict[str, Path]:
    """Write the register the rules read (exits, and households … teams for coverage rules) to
    `out`, one file per table; returns them by table."""
    out.mkdir(parents=True, exist_ok=True)
    needed = needed_tables(rules)
    procs = [(rs, r) for rs, r in rules if isinstance(r, ProcedureRule)]
    areas = sorted(
        {
            c
            for rs, r in rules
            if isinstance(r, CoverageRule)
            for c in counties(ps, ps.regulation(rs.regulation).jurisdiction)
        }
    )
    queries: dict[str, str] = {}
    if procs:
        queries["exits"] = exits_sql(ps, procs, sizes)
    if areas:
        queries |= {t: q for t, q in _coverage_sql(areas, sizes).items() if t in needed}
    con = duckdb.connect()
    files: dict[str, Path] = {}
    try:
        for table, sql in queries.items():
            path = out / f"{table}.{fmt}"
            partial = out / f".{table}.partial.{fmt}"  # written whole or not at all
            option = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER true"
            con.execute(f"COPY ({sql}) TO {lit(str(partial))} ({option})")
            partial.replace(path)
            files[table] = path
    finally:
        con.close()
    return files
