"""The register tables a provincial office keeps, as column specs (and a JSON Schema of a row).

A register is one file per table, CSV (with a header) or Parquet, named after its table as facts
CSV files are (``exits.parquet``, ``shanxi-exits.csv``, ``2019.pairings.parquet``). Exit cases are
wide: one row per case, each step of the procedure as columns ``<step>_date`` and ``<step>_by``
(a public notice also ``<step>_objections`` and ``<step>_end``), step ids with ``-`` written ``_``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ._deps import CoverageRule, ProcedureRule, Step


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text | date | count | bool
    required: bool
    zh: str
    doc: str


def _c(name: str, type_: str, required: bool, zh: str, doc: str) -> Column:
    return Column(name, type_, required, zh, doc)


_PLACES = (
    _c("county", "text", True, "县", "place id of the county (cn.shanxi.c01.x01)"),
    _c("township", "text", False, "乡镇", "place id of the township, inside the county"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "exits": (
        _c("case_id", "text", True, "案卷号", "the case id (a household, village or county exit)"),
        _c("subject", "text", True, "退出对象", "household, village or county"),
        _c("procedure", "text", False, "程序", "REGULATION/RULE; else chosen by subject and place"),
        *_PLACES,
        _c("village", "text", False, "村", "place id of the village (household and village exits)"),
    ),
    "households": (
        _c("household_id", "text", True, "户编号", "the poor household's id (建档立卡)"),
        *_PLACES,
        _c("village", "text", True, "村", "place id of the household's village"),
        _c("poor", "bool", False, "贫困户", "false for a household no longer counted poor (default true)"),
    ),
    "pairings": (
        _c("household_id", "text", True, "户编号", "the household paired"),
        _c("cadre", "text", True, "帮扶责任人", "the cadre's id (no names needed)"),
        _c("unit", "text", False, "派出单位", "the cadre's unit"),
        _c("start", "date", False, "开始日期", "first day of the pairing"),
        _c("end", "date", False, "结束日期", "last day of the pairing"),
        _c("visits", "count", False, "走访次数", "visits recorded"),
    ),
    "villages": (
        _c("village", "text", True, "村", "place id of the village"),
        *_PLACES,
        _c("poor", "bool", False, "贫困村", "false for a village not listed poor (default true)"),
    ),
    "teams": (
        _c("village", "text", True, "村", "place id of the village the team is sent to"),
        _c("team", "text", True, "驻村工作队", "the team's id or name"),
        _c("first_secretary", "text", False, "第一书记", "the first secretary's id"),
        _c("unit", "text", False, "派出单位", "the unit sending the team"),
        _c("start", "date", False, "进驻日期", "first day in the village"),
        _c("end", "date", False, "撤离日期", "last day in the village"),
    ),
}

# The id of each row of the tables that hold one row per subject (a second row is F009).
KEYS = {"exits": "case_id", "households": "household_id", "villages": "village"}

# The table holding each rule kind's subjects.
SUBJECT_TABLE = {"household": "households", "village": "villages"}


def column(step_id: str) -> str:
    """A step's column stem: ``public-notice`` → ``public_notice``."""
    return step_id.replace("-", "_")


def step_columns(step: Step) -> tuple[Column, ...]:
    stem, zh = column(step.id), step.name.zh
    cols = [
        _c(f"{stem}_date", "date", False, f"{zh}日期", f"when '{step.id}' was taken (empty: undated)"),
        _c(
            f"{stem}_by",
            "text",
            False,
            f"{zh}主体",
            f"who took '{step.id}': actor ids joined by ';' (empty: not taken)",
        ),
    ]
    if step.notice:
        cols += [
            _c(
                f"{stem}_objections",
                "count",
                False,
                "异议数",
                "objections the notice drew (empty: not recorded)",
            ),
            _c(f"{stem}_end", "date", False, "公示结束", "last day of the notice (recorded, not checked)"),
        ]
    return tuple(cols)


def exit_columns(rules: list[ProcedureRule]) -> tuple[Column, ...]:
    """The exits table of a register checked against these procedures: the case columns and
    each step's columns (a step id shared by two procedures shares its columns)."""
    cols = {c.name: c for c in TABLES["exits"]}
    for rule in rules:
        for step in rule.steps:
            for c in step_columns(step):
                cols.setdefault(c.name, c)
    return tuple(cols.values())


def tables_for(
    procedures: list[ProcedureRule], coverage: list[CoverageRule]
) -> dict[str, tuple[Column, ...]]:
    """The tables (and their columns) the rules read."""
    out: dict[str, tuple[Column, ...]] = {}
    if procedures:
        out["exits"] = exit_columns(procedures)
    for rule in coverage:
        out[SUBJECT_TABLE[rule.subject]] = TABLES[SUBJECT_TABLE[rule.subject]]
        out["pairings" if rule.subject == "household" else "teams"] = TABLES[
            "pairings" if rule.subject == "household" else "teams"
        ]
    return out


def table_of(path: Path) -> str | None:
    """The table a file holds, from its name: the last word of the stem (``shanxi-exits``)."""
    stem = path.name.split(".")
    words = re.split(r"[-_.]", ".".join(stem[:-1]) if len(stem) > 1 else path.name)
    last = words[-1] if words else ""
    return last if last in TABLES else None


_JSON_TYPES: dict[str, dict[str, object]] = {
    "text": {"type": "string", "minLength": 1},
    "date": {"type": "string", "format": "date"},
    "count": {"type": "integer", "minimum": 0},
    "bool": {"type": "boolean"},
}


def json_schema(table: str, columns: tuple[Column, ...]) -> dict[str, object]:
    """A JSON Schema of one row (a Parquet or CSV row read as JSON)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"register row: {table}",
        "type": "object",
        "properties": {
            c.name: {**_JSON_TYPES[c.type], "description": f"{c.zh}: {c.doc}"}
            if c.required
            else {"anyOf": [_JSON_TYPES[c.type], {"type": "null"}], "description": f"{c.zh}: {c.doc}"}
            for c in columns
        },
        "required": [c.name for c in columns if c.required],
    }
