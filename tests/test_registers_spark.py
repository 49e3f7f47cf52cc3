"""Spark (local[2], started once for the module) gives the same findings as the Python evaluator
and DuckDB, from the same SQL transpiled by sqlglot. Kept to a few registers: a Spark query
costs seconds where DuckDB's costs milliseconds."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from register_support import PS, exit_rows, run_engines, step_columns, write
from responsibility.registers import engines
from responsibility.registers.generate import Sizes, generate


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = engines.spark_session("local[2]")
    session.sparkContext.setLogLevel("ERROR")
    # Registers of a few hundred rows: compiling Java for each wide query costs more than it saves.
    session.conf.set("spark.sql.codegen.wholeStage", "false")
    session.conf.set("spark.sql.shuffle.partitions", "2")
    yield session
    session.stop()


def test_spark_agrees_on_a_generated_register_with_planted_faults(spark: Any, tmp_path: Path) -> None:
    names = ["wuyi", "shanxi", "gansu"]
    files = generate(
        PS,
        engines.register_rules(PS, names),
        tmp_path,
        Sizes(cases=600, households=200, seed=11, faults=0.25),
    )
    got = run_engines(list(files.values()), names, spark)
    assert got["spark"] == got["duckdb"] == got["python"]
    assert any(r[3] == "fail" for r in got["spark"]) and any(r[3] == "pass" for r in got["spark"])


RULES = engines.register_rules(PS, ["wuyi"])
STEPS = step_columns(RULES)


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(exit_rows(STEPS), min_size=3, max_size=8))
def test_spark_agrees_on_hypothesis_registers(spark: Any, rows: list[dict[str, Any]]) -> None:
    for i, r in enumerate(rows):
        r["case_id"] = f"s{i:03d}"
    head = ["case_id", "subject", "procedure", "county", "township", "village", *STEPS]
    with tempfile.TemporaryDirectory() as tmp:
        got = run_engines([write(Path(tmp) / "exits.csv", rows, head)], ["wuyi"], spark)
    assert got["spark"] == got["duckdb"] == got["python"]
