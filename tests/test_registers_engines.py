"""The register engines against the Python evaluator: identical findings on generated registers
(hypothesis) and on the generator's registers with planted faults; the Done-when cases found
and explained with the article that requires them."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from register_support import PS, WUYI_CASE, exit_rows, run_engines, step_columns, write
from responsibility.registers import engines
from responsibility.registers.formats import TABLES, json_schema
from responsibility.registers.generate import Sizes, generate

NAMES = ["wuyi", "shanxi"]
RULES = engines.register_rules(PS, NAMES)
STEPS = step_columns(RULES)
HEAD = ["case_id", "subject", "procedure", "county", "township", "village", *STEPS]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(exit_rows(STEPS), min_size=1, max_size=12), st.sampled_from(["csv", "parquet"]))
def test_duckdb_agrees_with_the_evaluator_on_exit_registers(rows: list[dict[str, Any]], fmt: str) -> None:
    for i, r in enumerate(rows):
        r["case_id"] = f"c{i:03d}"
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / f"exits.{fmt}", rows, HEAD)
        got = run_engines([path], NAMES)
    assert got["duckdb"] == got["python"]


@st.composite
def coverage_rows(draw: Any) -> tuple[list[dict[str, Any]], ...]:
    villages = [f"cn.gansu.c01.x01.t01.v{i:02d}" for i in range(1, 5)] + ["cn.shanxi.c01.x01.t01.v01"]
    hh = [
        {
            "household_id": f"h{i}",
            "county": "cn.gansu.c01.x01",
            "village": draw(st.sampled_from(villages)),
            "poor": draw(st.sampled_from([None, True, False])),
        }
        for i in range(draw(st.integers(1, 8)))
    ]
    pairs = [
        {"household_id": f"h{draw(st.integers(0, 9))}", "cadre": f"C{j}"}
        for j in range(draw(st.integers(0, 8)))
    ]
    vil = [
        {"village": v, "county": "cn.gansu.c01.x01", "poor": draw(st.sampled_from([None, True, False]))}
        for v in villages
        if draw(st.booleans())
    ]
    teams = [
        {"village": draw(st.sampled_from(villages)), "team": f"T{j}"} for j in range(draw(st.integers(0, 4)))
    ]
    return hh, pairs, vil, teams


@settings(max_examples=20, deadline=None)
@given(coverage_rows())
def test_duckdb_agrees_with_the_evaluator_on_coverage(tables: tuple[list[dict[str, Any]], ...]) -> None:
    hh, pairs, vil, teams = tables
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        files = [
            write(d / "households.csv", hh, ["household_id", "county", "village", "poor"]),
            write(d / "pairings.csv", pairs, ["household_id", "cadre"]),
            write(d / "villages.csv", vil, ["village", "county", "poor"]),
            write(d / "teams.csv", teams, ["village", "team"]),
        ]
        got = run_engines(files, ["gansu/household-helpers", "gansu/village-teams"])
    assert got["duckdb"] == got["python"]
    poor = {h["household_id"] for h in hh if h["poor"] is not False and h["village"].startswith("cn.gansu.")}
    assert {r[1] for r in got["python"] if r[0] == "gansu/household-helpers"} == poor


def test_generated_registers_with_planted_faults_agree_and_fail(tmp_path: Path) -> None:
    rules = engines.register_rules(PS, ["wuyi", "shanxi", "gansu"])
    files = generate(PS, rules, tmp_path, Sizes(cases=1500, households=300, seed=3, faults=0.2))
    got = run_engines(list(files.values()), ["wuyi", "shanxi", "gansu"])
    assert got["duckdb"] == got["python"]
    failed = [r for r in got["python"] if r[3] == "fail"]
    assert 0.1 * len(got["python"]) < len(failed) < 0.35 * len(got["python"])


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    rules = engines.register_rules(PS, ["wuyi"])
    a = generate(PS, rules, tmp_path / "a", Sizes(cases=200, seed=5), "csv")
    b = generate(PS, rules, tmp_path / "b", Sizes(cases=200, seed=5), "csv")
    c = generate(PS, rules, tmp_path / "c", Sizes(cases=200, seed=6), "csv")
    assert a["exits"].read_bytes() == b["exits"].read_bytes() != c["exits"].read_bytes()


def _messages(
    tmp: Path, name: str, rows: list[dict[str, Any]], head: list[str], rules: list[str]
) -> list[str]:
    got = run_engines([write(tmp / name, rows, head)] if name else [], rules)
    assert got["duckdb"] == got["python"]
    return [r[4] for r in got["duckdb"] if r[3] == "fail"]


WUYI = WUYI_CASE
WUYI_HEAD = [
    "case_id",
    "subject",
    "procedure",
    "county",
    "township",
    "village",
    *[
        c
        for c in STEPS
        if c in WUYI
        or c.startswith(
            ("public_notice", "propose", "verify", "household", "township_review", "county_decision")
        )
    ],
]


def test_done_when_an_exit_whose_notice_drew_an_objection(tmp_path: Path) -> None:
    row = {**WUYI, "public_notice_objections": "2"}
    [msg] = _messages(tmp_path, "exits.csv", [row], WUYI_HEAD, ["wuyi"])
    assert (
        msg
        == "武邑 一(二)9、一(二)4: household exit case: public notice 'public-notice' drew 2 objection(s); it must draw none"
    )


def test_done_when_a_step_missing_or_out_of_order(tmp_path: Path) -> None:
    late = {**WUYI, "case_id": "wy-2", "township_review_date": "2017-11-05"}
    gone = {**WUYI, "case_id": "wy-3", "verify_by": None, "verify_date": None}
    msgs = _messages(tmp_path, "exits.csv", [late, gone], WUYI_HEAD, ["wuyi"])
    assert msgs == [
        "武邑 一(二)9、一(二)4: household exit case: 'county-decision' on 2017-11-01 before 'township-review' on 2017-11-05",
        "武邑 一(二)9、一(二)4: household exit case: step 'verify' (村“两委”和驻村工作队核实) is missing",
    ]


def test_done_when_a_poor_household_without_a_helper_and_a_village_without_a_team(tmp_path: Path) -> None:
    files = [
        write(
            tmp_path / "households.csv",
            [{"household_id": "h1", "county": "cn.gansu.c01.x01", "village": "cn.gansu.c01.x01.t01.v01"}],
            ["household_id", "county", "village"],
        ),
        write(tmp_path / "pairings.csv", [], ["household_id", "cadre"]),
        write(
            tmp_path / "villages.csv",
            [{"village": "cn.gansu.c01.x01.t01.v01", "county": "cn.gansu.c01.x01"}],
            ["village", "county"],
        ),
        write(tmp_path / "teams.csv", [], ["village", "team"]),
    ]
    got = run_engines(files, ["gansu/household-helpers", "gansu/village-teams"])
    assert got["duckdb"] == got["python"]
    assert [r[4] for r in got["duckdb"]] == [
        "甘肃 第二十八条: poor household h1 has no 帮扶责任人: no pairing names it",
        "甘肃 第二十八条: poor village cn.gansu.c01.x01.t01.v01 has no 驻村工作队: no team names it",
    ]


def test_every_table_has_a_json_schema_with_its_required_columns() -> None:
    for table, cols in TABLES.items():
        schema = json_schema(table, cols)
        assert schema["required"] == [c.name for c in cols if c.required]
        assert "county" in schema["properties"] or table in ("pairings", "teams")


def test_the_register_formats_page_lists_every_column() -> None:
    page = (Path(__file__).parent.parent / "docs" / "registers.md").read_text("utf-8")
    for table, cols in TABLES.items():
        section = page.split(f"### `{table}`", 1)[1].split("\n### ", 1)[0]
        for c in cols:
            assert f"| `{c.name}` | {c.type} | {'yes' if c.required else ''} | {c.zh} | {c.doc} |" in section
