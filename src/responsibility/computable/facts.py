"""Facts that computable rules are evaluated on: fiscal figures, assessments, personnel changes,
poor-county status and exit case records.

Facts come in a YAML document (``kind: facts``, one list per table) or in CSV files, one table per
file, named after the table (``fiscal.csv``, ``wuyi-fiscal.csv``, ``2017.personnel.csv``). YAML is
read with the project's strict reader, so every error carries ``file:line:col``; CSV errors carry
the line and the column where the field starts. ``docs/computable.md`` documents every field.

Values are normalised: numbers become :class:`~decimal.Decimal` (a string ``"92%"`` is 0.92),
``true``/``false`` booleans, ``2018-03-01`` dates; anything else stays text. The fields
``docs/computable.md`` lists are declared on the tables' models, with their types where they have
one (a figure is a number: ``general_budget_revenue: lots`` is an F003). Read for a policy set
(:func:`load` with ``known``), a column or key that is neither a table's field nor a fact one of
its rules reads is an F004 at its position, with the field meant: ``special_poverty_fund`` would
otherwise be read as a fact of its own, and the rule that needs ``special_poverty_funds`` left
undetermined.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from responsibility.core import observe
from responsibility.core.codes import E009, F001, F002, F003, F004, F005
from responsibility.core.errors import Finding, Location, PolicyError, Rule
from responsibility.core.expr import Value
from responsibility.core.wording import plural
from responsibility.policy import shape
from responsibility.policy.labels import FACT_VOCABULARY
from responsibility.policy.loader import Skipped
from responsibility.policy.model import Change, FactTable, Grade, Post, UnitKind
from responsibility.policy.policyset import SourceInfo
from responsibility.policy.yamlfile import (
    UNCLOSED_HINT,
    Marks,
    Unclosed,
    YamlPath,
    csv_records_resumed,
    field_starts,
    load_text,
    path_str,
    read_text,
    record_cells,
    text_lines,
)

SUBJECTS = ("household", "village", "county")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_PERCENT = re.compile(r"^-?\d+(?:\.\d+)?%$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Fiscal figures are in yuan (a county's budget is about 10^9, the central budget 10^13); a bound
# well above any real figure keeps the arithmetic and its formatting exact and cheap.
MAX_MAGNITUDE = Decimal(10) ** 15
YEARS = (1000, 9999)  # four-digit years: dates are built from them
# The rules a facts file's shape problems are reported under.
CODES = shape.Codes(
    unknown=F004,
    missing=F002,
    invalid=F003,
    shape=F001,
    see="see the fact tables in docs/computable.md",
)


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
    "number": "a number (1000000, or a percentage: 92%)",
    "any": "a number, text, true/false or a date",
    "actors": "an actor id or a list of them",
}


# -- values ----------------------------------------------------------------------------------------
# Facts come from spreadsheets as often as from YAML, so the documented readings of text are taken
# (docs/computable.md, "Facts"): `1000000` and `92%` are numbers, `true`/`false` booleans,
# `2018-03-01` dates. Nothing else is converted: `poor: yes` is an error, not True.


def _text(raw: Any) -> str:
    if isinstance(raw, str) and raw.strip():
        return raw
    raise _bad("text", raw)


def _bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    found = {"true": True, "false": False}.get(raw.strip().lower()) if isinstance(raw, str) else None
    if found is None:
        raise _bad("bool", raw)
    return found


def _date(raw: Any) -> dt.date:
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str) and _DATE.match(raw.strip()):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise _bad("date", raw)


def _whole(raw: Any, kind: str) -> Decimal:
    v = _free(raw)
    whole = isinstance(v, Decimal) and v == v.to_integral_value() and v >= 0
    if isinstance(v, Decimal) and whole and (kind == "count" or YEARS[0] <= v <= YEARS[1]):
        return v
    raise _bad(kind, raw)


def _year(raw: Any) -> Decimal:
    return _whole(raw, "year")


def _count(raw: Any) -> Decimal:
    return _whole(raw, "count")


def _numeric(raw: Any) -> Decimal:
    v = _free(raw) if not isinstance(raw, bool) else None
    if isinstance(v, Decimal):
        return v
    raise _bad("number", raw)


def _any(raw: Any) -> Value:
    v = _free(raw)
    if v is None:
        raise _bad("any", raw)
    return v


def _actors(raw: Any) -> tuple[str, ...]:
    """An actor id or a list of them; in one text, separated by `;` or `、` (as in a CSV cell)."""
    items = raw if isinstance(raw, list) else re.split(r"[;、]", raw) if isinstance(raw, str) else []
    by = tuple(sorted({b.strip() for b in items if isinstance(b, str) and b.strip()}))
    if not by:
        raise _bad("actors", raw)
    return by


def _subject(raw: Any) -> str:
    if raw in SUBJECTS:
        return str(raw)
    raise shape.invalid(f"must be one of {', '.join(SUBJECTS)}, not {raw!r}", at_value=True)


def _vocabulary(name: str, values: type[StrEnum]) -> PlainValidator:
    """A value of the controlled vocabulary `values` (policy.model's enum, the one list of it) for
    the field `name`. Any other value is an F003 at it, with the value meant: a misspelt post or
    change (`county-haed`, `transferred`) would match no rule, and a violation pass as clean."""
    known = {str(v.value): str(v.value) for v in values}  # a plain str, as every other text fact

    def check(raw: Any) -> str:
        if isinstance(raw, str) and raw.strip() in known:
            return known[raw.strip()]
        said = f"must be one of {', '.join(known)}, not {raw!r}"
        raise shape.invalid(said, hint=_meant(name, raw, list(known)), at_value=True)

    return PlainValidator(check)


def _meant(name: str, raw: Any, known: list[str]) -> str:
    """The hint for a value of `name` not in its vocabulary `known`: the value its Chinese label or
    its spelling is closest to, else every value with its label."""
    labels = {str(k): zh for k, (zh, _) in FACT_VOCABULARY.get(name, {}).items()}
    text = raw.strip() if isinstance(raw, str) else str(raw)
    by_label = [v for v in known if labels.get(v) == text]
    near = by_label or difflib.get_close_matches(text, known, n=1, cutoff=0.6)
    if near:
        zh = labels.get(near[0])
        return f"did you mean '{near[0]}'" + (f" ({zh})?" if zh else "?")
    return "use one of " + ", ".join(f"{v} ({labels[v]})" if v in labels else v for v in known)


def _bad(kind: str, raw: Any) -> PydanticCustomError:
    # at the value written after the key in YAML; a CSV cell's mark is the value's own (see parse_csv)
    return shape.invalid(f"must be {_TYPE_NAMES[kind]}, not {raw!r}", at_value=True)


def _may_be_a_number(raw: Any) -> bool:
    """Whether `raw` may be a number (text such as `1000` or `nan`): most cells of a CSV are text
    that cannot, and are not parsed twice."""
    if not isinstance(raw, str):
        return True
    head = raw.lstrip()[:1]
    return head.isdigit() or head in "+-." or head in "nNiI"


def _checked(convert: Callable[[Any], Any]) -> PlainValidator:
    """A value read by `convert` after the bounds every number obeys (finite, below 10^15)."""

    def check(raw: Any) -> Any:
        problem = number_problem(raw) if _may_be_a_number(raw) else ""
        if problem:
            shown = raw if len(str(raw)) <= 40 else f"{str(raw)[:20]}…({len(str(raw)):,} characters)"
            raise shape.invalid(f"{problem} ({shown})", at_value=True)
        return convert(raw)

    return PlainValidator(check)


Text = Annotated[str, _checked(_text)]
Year = Annotated[Decimal, _checked(_year)]
Date = Annotated[dt.date, _checked(_date)]
Bool = Annotated[bool, _checked(_bool)]
Count = Annotated[Decimal, _checked(_count)]
Number = Annotated[Decimal, _checked(_numeric)]
# any other field: a number, text, true/false or a date (Value, which pydantic cannot build as it recurses)
Free = Annotated[Any, _checked(_any)]
Actors = Annotated[tuple[str, ...], PlainValidator(_actors)]
Subject = Annotated[str, PlainValidator(_subject)]
PostValue = Annotated[str, _vocabulary("post", Post)]
ChangeValue = Annotated[str, _vocabulary("change", Change)]
GradeValue = Annotated[str, _vocabulary("grade", Grade)]
SecretaryGrade = Annotated[str, _vocabulary("first_secretary_grade", Grade)]
UnitKindValue = Annotated[str, _vocabulary("unit_kind", UnitKind)]


# -- the tables --------------------------------------------------------------------------------------


def _present(data: Any) -> Any:
    """A mapping without its empty values: an empty CSV cell or `level:` is a field not given."""
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if v is not None and not (isinstance(v, str) and v == "")}
    return data


class _Row(BaseModel):
    """A row: its table's fields with their types (those docs/computable.md lists); any other
    field is a free value a rule may read (one no rule reads is an F004 where the rules are known:
    see :func:`unknown_fields`)."""

    model_config = ConfigDict(extra="allow", defer_build=True)
    __pydantic_extra__: dict[str, Free] = Field(init=False)

    level: Text | None = None
    unit: Text | None = None
    listed: Date | None = None
    exited: Date | None = None
    date: Date | None = None
    note: Text | None = None  # a remark kept with the row, read by no rule

    _blank = model_validator(mode="before")(staticmethod(_present))


class _Yearly(_Row):
    """A row of a table with one row per place (and unit) and year."""

    place: Text
    year: Year


class Fiscal(_Yearly):
    general_budget_revenue: Number | None = None  # 一般公共预算收入
    special_poverty_funds: Number | None = None  # 县本级专项扶贫投入
    fiscal_poverty_funds: Number | None = None  # 财政扶贫投入
    reimbursement_rate: Number | None = None  # 报账率
    reimbursement_rate_minimum: Number | None = None  # 省考核验收最低要求: supplied, never assumed


class Assessment(_Yearly):
    score: Number | None = None  # 考核得分
    grade: GradeValue | None = None  # 考核等次: excellent, good, pass, failing
    commended: Bool | None = None  # 通报表扬
    unit_kind: UnitKindValue | None = None  # 单位类别: county-department, township
    poverty_weight: Number | None = None  # 脱贫攻坚实绩占比
    first_secretary_grade: SecretaryGrade | None = None  # 第一书记考核等次


class County(_Row):
    place: Text
    poor: Bool = True  # a county listed in `counties` is a poor county unless it says not


class Personnel(_Row):
    place: Text
    post: PostValue
    person: Text
    date: Date
    change: ChangeValue


class Step(BaseModel):
    """One step of a case as its record shows it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    step: Text
    by: Actors
    date: Date | None = None
    objections: Count | None = None
    note: Text | None = None

    _blank = model_validator(mode="before")(staticmethod(_present))


class Case(_Row):
    id: Text
    subject: Subject
    place: Text
    steps: list[Step]
    procedure: Text | None = None  # the procedure rule's id; else chosen by subject and place


class Household(_Row):
    """A poor household (建档立卡贫困户) and the village it lives in."""

    id: Text
    place: Text
    poor: Bool = True  # listed as poor unless it says not


class Pairing(_Row):
    """结对帮扶: a 帮扶责任人 (cadre) paired with a household."""

    household: Text
    cadre: Text
    start: Free | None = None  # recorded, not checked
    end: Free | None = None
    visits: Free | None = None


class Village(_Row):
    """A poor village (贫困村)."""

    place: Text
    poor: Bool = True


class Team(_Row):
    """A 驻村工作队 sent to a village (its 第一书记 a free value)."""

    place: Text
    team: Text
    first_secretary: Free | None = None  # recorded, not checked
    start: Free | None = None
    end: Free | None = None


class Tables(BaseModel):
    """The fact tables, as a facts document or a scenario's `facts:` gives them."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    fiscal: list[Fiscal] = []
    assessments: list[Assessment] = []
    personnel: list[Personnel] = []
    counties: list[County] = []
    cases: list[Case] = []
    households: list[Household] = []
    pairings: list[Pairing] = []
    villages: list[Village] = []
    teams: list[Team] = []


class FactsDocument(Tables):
    """A `kind: facts` YAML document."""

    kind: Literal["facts"]
    id: Text | None = None
    note: Text | None = None
    schema_: str | None = Field(None, alias="$schema")


STEP_FIELDS = tuple(Step.model_fields)
MODELS: dict[FactTable, type[_Row]] = {
    FactTable.fiscal: Fiscal,
    FactTable.assessments: Assessment,
    FactTable.personnel: Personnel,
    FactTable.counties: County,
    FactTable.cases: Case,
    FactTable.households: Household,
    FactTable.pairings: Pairing,
    FactTable.villages: Village,
    FactTable.teams: Team,
}
# The fact names the rules of a policy set read, by table (computable.engine.facts_read): with the
# fields each table declares, the names a facts file may give.
Known = Mapping[FactTable, Collection[str]]


def table_fields(table: FactTable, read: Known | None = None) -> frozenset[str]:
    """The names a row of `table` may have: the fields it declares (docs/computable.md lists
    them), and those the rules that `read` comes from read of it."""
    return frozenset(MODELS[table].model_fields) | frozenset((read or {}).get(table, ()))


def _csv_columns(table: FactTable, read: Known) -> frozenset[str]:
    """The columns a CSV table may have: a cases table is one row per step, its id in `case`."""
    fields = table_fields(table, read)
    if table is FactTable.cases:
        return (fields - {"id", "steps"}) | frozenset(STEP_FIELDS) | {"case"}
    return fields


def _unknown(key: str, allowed: frozenset[str], at: Location, what: str) -> Finding:
    """F004 for a column or key that is neither a field of its table nor a fact a rule reads:
    usually a misspelling, which would leave the rule that needs the fact meant undetermined.
    `what` words the message around the quoted key (`unknown field {}`)."""
    near = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.7)
    hint = f"did you mean '{near[0]}'?" if near else "remove it (a remark goes in `note`), or read it in a"
    hint += "" if near else " rule; see the fact tables in docs/computable.md"
    return F004.finding(at, what.format(f"'{key}'"), hint=hint)


def _unknown_keys(data: Any, name: str, marks: Marks, read: Known, base: YamlPath = ()) -> list[Finding]:
    """F004 at each key of a row of the tables in `data` (a facts mapping) that no field of its
    table and no rule of `read` names (a table or a step field not known is the model's F004)."""
    out: list[Finding] = []
    src = SourceInfo(name, marks)
    for table in FactTable:
        rows = data.get(table.value) if isinstance(data, dict) else None
        allowed = table_fields(table, read)
        for i, row in enumerate(rows if isinstance(rows, list) else []):
            for key in row if isinstance(row, dict) else ():
                if key not in allowed:
                    path = (*base, table.value, i, key)
                    at = Location(name, *src.locate(path), path_str(path))
                    out.append(_unknown(str(key), allowed, at, "unknown field {}"))
    return out


def _facts(tables: Tables, name: str, marks: Marks, base: YamlPath = ()) -> Facts:
    """The rows of validated tables, each at its place in the file."""
    src = SourceInfo(name, marks)
    facts = Facts()
    for table in FactTable:
        for i, row in enumerate(getattr(tables, table.value)):
            at = src.locate((*base, table.value, i))
            # the fields and the free values, read directly: iterating the model was 20% of a read
            # (most declared fields of a row are not given: None, and left out)
            given = row.__dict__
            data: dict[str, Value] = {
                k: v for k in type(row).model_fields if (v := given[k]) is not None and k != "steps"
            }
            data.update(row.__pydantic_extra__ or {})
            steps = tuple(
                _record(s, Location(name, *src.locate((*base, table.value, i, "steps", j))))
                for j, s in enumerate(row.steps if isinstance(row, Case) else [])
            )
            facts.tables[table].append(Row(table, data, Location(name, *at), steps))
    return facts


def _record(step: Step, where: Location) -> StepRecord:
    count = int(step.objections) if step.objections is not None else None
    return StepRecord(step.step, step.by, step.date, count, where)


# -- reading --------------------------------------------------------------------------------------


def parse_yaml(text: str, name: str, known: Known | None = None) -> Facts:
    """Facts from a `kind: facts` YAML document; raises PolicyError with every problem. With
    `known` (the facts the rules read), a key no field of its table and no rule names is F004."""
    data, marks = load_text(text, name)
    tables = _validated(FactsDocument, data, name, marks, known)
    facts = _facts(tables, name, marks)
    _raise_duplicates(facts, name)
    return facts


def from_data(
    data: Mapping[str, Any],
    name: str,
    marks: Marks | None = None,
    base: YamlPath = (),
    known: Known | None = None,
) -> Facts:
    """Facts given inline (a scenario's `facts:` mapping at `base` in a file with `marks`)."""
    found = marks or {}
    facts = _facts(_validated(Tables, data, name, found, known, base), name, found, base)
    _raise_duplicates(facts, name)
    return facts


def _validated(
    model: type[Tables], data: Any, name: str, marks: Marks, known: Known | None, base: YamlPath = ()
) -> Tables:
    """`data` as `model`, its unknown keys (with `known`) reported with its shape's problems."""
    unknown = _unknown_keys(data, name, marks, known, base) if known is not None else []
    try:
        tables = shape.validate(model, data, name, marks, CODES, base=base)
    except PolicyError as exc:
        raise PolicyError(sorted([*exc.diagnostics, *unknown])) from None
    if unknown:
        raise PolicyError(unknown)
    return tables


def _raise_duplicates(facts: Facts, name: str) -> None:
    probs = _Problems(name)
    _check_unique(facts, probs)
    if probs.items:
        raise PolicyError(probs.items)


def _csv_table(name: str) -> FactTable | None:
    stem = Path(name).name.removesuffix(".csv")
    for t in FactTable:
        if stem == t.value or re.search(rf"[-_.]{t.value}$", stem):
            return t
    return None


def parse_csv(text: str, name: str, known: Known | None = None) -> Facts:
    """Facts from one CSV table, read as the same tables a YAML document gives: each row a
    mapping of its columns, each cell at its line and column. Cases are one row per step,
    grouped by the `case` column. With `known` (the facts the rules read), a column no field of
    the table and no rule names is F004 at its header cell."""
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
    rows, marks = _csv_tables(text, name, table, probs, cells=False, known=known)
    try:
        tables = Tables.model_validate({table.value: rows})
    except ValidationError as exc:
        # Where each cell starts is needed only to place these errors: read the text again for it
        # (a valid file, the common case, never pays for a position per cell).
        _, marks = _csv_tables(text, name, table, _Problems(name), cells=True)
        probs.items += shape.findings(exc, name, marks, CODES, Tables, cells=True)
        raise PolicyError(probs.items) from None
    del rows  # the models hold the values now: the raw rows need not outlive validation
    facts = _facts(tables, name, marks)
    _check_unique(facts, probs)
    if probs.items:
        raise PolicyError(probs.items)
    return facts


def _csv_tables(
    text: str, name: str, table: FactTable, probs: _Problems, cells: bool, known: Known | None = None
) -> tuple[list[dict[str, str]], Marks]:
    """The rows of a CSV table as mappings, and where each row is (and, with `cells`, where each
    of its cells starts: :func:`parse_csv` asks for them only when validation found a problem).
    A quote never closed is an F001 at the quote: only its row is not read (the header row: the
    file is not), and reading goes on at the next line, as in an evidence manifest."""
    lines = text_lines(text)
    records = csv_records_resumed(text, name, F001, lines)
    first = next(records, None)
    if isinstance(first, Unclosed):
        said = f"a quote opened here is never closed: the header row{first.span} is not read"
        raise PolicyError([F001.finding(Location(name, *first.quote), said, hint=UNCLOSED_HINT)])
    if first is None or not any(h.strip() for h in first[0]):
        raise PolicyError(
            [F001.finding(Location(name, 1, 1), "empty CSV file", hint="the first line names the columns")]
        )
    header = [h.strip().lstrip("\ufeff") for h in first[0]]
    if known is not None:
        allowed = _csv_columns(table, known)
        # an empty header cell (a trailing comma) names nothing to misspell
        wrong = [k for k, h in enumerate(header) if h and h not in allowed]
        starts = record_cells(lines, 1)[0] if wrong else []
        what = f"unknown column {{}} of table {table.value}"
        for k in wrong:
            at = Location(name, *(starts[k] if k < len(starts) else (1, 1)))
            probs.items.append(_unknown(header[k], allowed, at, what))
    rows: list[dict[str, str]] = []
    marks: Marks = {}
    cases: dict[str, int] = {}  # a case id → its index in `rows`
    for record in records:
        if isinstance(record, Unclosed):
            probs.add(*record.quote, F001, record.said("row"), UNCLOSED_HINT)
            continue
        values, _, lineno = record
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            probs.add(lineno, 1, F001, f"{len(values)} fields where the header has {len(header)}")
            continue
        raw = dict(zip(header, values, strict=True))
        pos = _cells(header, lineno, field_starts(lines[lineno])) if cells else {}
        if table is not FactTable.cases:
            _mark(marks, (table.value, len(rows)), (lineno, 1), pos)
            rows.append(raw)
            continue
        case_id = raw.get("case", "").strip()
        if not case_id:
            probs.add(lineno, 1, F002, "missing required field 'case'", "add it: the case id")
            continue
        if case_id not in cases:  # the case's columns are read from its first row
            cases[case_id] = len(rows)
            here: YamlPath = (table.value, len(rows))
            case = {k: v for k, v in raw.items() if k not in STEP_FIELDS and k != "case"}
            rows.append({**case, "id": case_id, "steps": []})  # type: ignore[dict-item]
            _mark(marks, here, (lineno, 1), {**pos, "id": pos.get("case", (lineno, 1))} if cells else {})
        k = cases[case_id]
        steps: list[dict[str, str]] = rows[k]["steps"]  # type: ignore[assignment]
        _mark(marks, (table.value, k, "steps", len(steps)), (lineno, 1), pos)
        steps.append({f: raw[f] for f in STEP_FIELDS if f in raw})
    return rows, marks


def _cells(header: list[str], line: int, starts: list[int]) -> dict[str, tuple[int, int]]:
    return {h: (line, starts[k] if k < len(starts) else 1) for k, h in enumerate(header)}


def _mark(marks: Marks, path: YamlPath, at: tuple[int, int], cells: Mapping[str, tuple[int, int]]) -> None:
    marks[path] = at
    for column, cell in cells.items():
        marks[(*path, column)] = cell


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


def read(path: str | Path, display: str | None = None, known: Known | None = None) -> Facts:
    """Facts from one file: `.csv` is one table, anything else a YAML facts document. With
    `known` (the facts the rules of a policy set read, by table), a column or key that no field of
    its table and no rule names is F004."""
    p = Path(path)
    name = display or str(path)
    text = read_text(p, name)
    return parse_csv(text, name, known) if p.suffix.lower() == ".csv" else parse_yaml(text, name, known)


def load(
    paths: Sequence[str | Path] | Iterable[str | Path],
    known: Known | None = None,
    skipped: list[Skipped] | None = None,
) -> Facts:
    """Facts from several files (directories: every `.yaml`, `.yml` and `.csv` in them, sorted);
    `known` as in :func:`read`. The other files a directory holds are passed over, each noted in
    `skipped` with why; a directory that holds no facts file is an E009."""
    facts = Facts()
    files, problems = _expand(paths, skipped)
    for path in files:
        try:
            facts.extend(read(path, known=known))
        except PolicyError as exc:
            problems += exc.diagnostics
    if problems:
        raise PolicyError(problems)
    probs = _Problems("")
    _check_unique(facts, probs)  # across files: the same county and year given twice
    if probs.items:
        raise PolicyError(probs.items)
    return facts


FACT_SUFFIXES = (".yaml", ".yml", ".csv")
# What a spreadsheet program saves by default: no facts reader reads it, so the note says how to
# export it (Excel on Chinese Windows names the right choice 「CSV UTF-8（逗号分隔）」).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods", ".numbers")
EXPORT_HINT = "export it as CSV UTF-8 named after its table (在 Excel 中另存为「CSV UTF-8（逗号分隔）」)"


def _expand(paths: Iterable[str | Path], skipped: list[Skipped] | None) -> tuple[list[Path], list[Finding]]:
    """The facts files `paths` name: a file as named, a directory's facts files. A directory that
    holds none is an E009: it would otherwise be checked as giving no facts, and pass."""
    out: list[Path] = []
    problems: list[Finding] = []
    for p in map(Path, paths):
        if not observe.is_dir(p):
            out.append(p)
            continue
        found = observe.files_below(p, FACT_SUFFIXES)
        passed = _passed_over(p)
        if skipped is not None:
            skipped += passed
        if not found:
            problems.append(_no_facts(p, passed))
        out += found
    return out, problems


def _passed_over(folder: Path) -> list[Skipped]:
    """The files below `folder` that are not read as facts, each with why (dot-files and
    dot-directories, such as .git or .DS_Store, are not listed)."""
    out: list[Skipped] = []
    for dirpath, dirnames, filenames in observe.walk(folder):  # each listing noted
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for fn in filenames:
            suffix = Path(fn).suffix.lower()
            if fn.startswith(".") or suffix in FACT_SUFFIXES:
                continue
            why = (
                f"a spreadsheet workbook, not read as facts: {EXPORT_HINT}"
                if suffix in WORKBOOK_SUFFIXES
                else "not a facts file (.yaml, .yml or .csv); not read"
            )
            out.append(Skipped(str(Path(dirpath) / fn), why))
    return out


def _no_facts(folder: Path, passed: list[Skipped]) -> Finding:
    """E009 for a facts folder that holds no facts file, worded as a policy folder's (loader)."""
    found = f"{plural(len(passed), 'file')} passed over" if passed else "no .yaml, .yml or .csv file"
    workbook = any(Path(k.file).suffix.lower() in WORKBOOK_SUFFIXES for k in passed)
    first = (
        EXPORT_HINT.replace("export it", "export each sheet")
        if workbook
        else "facts are a YAML document (kind: facts) or CSV files named after their table (fiscal.csv)"
    )
    return E009.finding(
        Location(str(folder), 1, 1),
        f"no facts file in this folder ({found})",
        hint=f"{first}; `responsibility check -v` lists the files passed over and why",
    )
