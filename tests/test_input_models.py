"""Every input format is a pydantic model read through one validation (policy/shape.py).

For each format — facts (YAML and CSV), scenarios, waivers, the configuration and policies — a
valid input reads back what it says, and one bad field (a wrong type, a coercible string such as
"yes" or "12", an unknown field, a missing one) ends in exactly one finding, of the format's rule,
at that field's line and column, in the one message shape; never a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from responsibility import checks
from responsibility.checks.config import ConfigError, load_config
from responsibility.checks.waivers import read_waivers
from responsibility.computable import facts as factsmod
from responsibility.computable import scenarios
from responsibility.core.errors import Finding, PolicyError
from responsibility.policy import loader
from responsibility.policy.model import FactTable
from responsibility.policy.yamlfile import field_starts

EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHAPE = re.compile(r"^[^:]+:\d+:\d+: [A-Z]\d{3} .+ \(at [^)]+\)(; .+)?$")


def one(problems: list[Finding]) -> Finding:
    assert len(problems) == 1, [p.format() for p in problems]
    (p,) = problems
    assert SHAPE.match(p.format()), p.format()
    return p


def at(p: Finding) -> tuple[str, int, int]:
    return (p.code, p.line, p.column)


# Values no field of a given type takes, as YAML writes them: coercible strings first.
NOT_BOOL = ['"yes"', '"12"', "12", "1.5", "[true]", "{a: 1}", '"no"']
NOT_DATE = ['"yes"', '"12"', "12", "true", "[2018-03-01]", '"2018-13-01"', '"2018/03/01"']
NOT_TEXT = ["12", "true", "2018-03-01", "[a]", "{a: 1}"]
NOT_INT = ['"12"', '"yes"', "true", "1.5", "[12]"]


# -- facts (YAML) ----------------------------------------------------------------------------------

PERSONNEL = {
    "place": "cn.x",
    "post": "county-head",
    "person": "王某",
    "date": "2018-03-01",
    "change": "transfer",
}


def _personnel_yaml(fields: dict[str, str]) -> str:
    lines = [f"  {k}: {v}" for k, v in fields.items()]
    return "kind: facts\npersonnel:\n-" + "\n".join(lines)[1:] + "\n"


def _read_yaml(text: str) -> factsmod.Facts:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "facts.yaml"
        f.write_text(text, "utf-8")
        return factsmod.read(f, "facts.yaml")


@EXAMPLES
@given(field=st.sampled_from(sorted(PERSONNEL)), data=st.data())
def test_a_bad_facts_value_is_one_f003_at_its_value(field: str, data: st.DataObject) -> None:
    bad = data.draw(st.sampled_from(NOT_DATE if field == "date" else NOT_TEXT))
    text = _personnel_yaml({**PERSONNEL, field: bad})
    with pytest.raises(PolicyError) as err:
        _read_yaml(text)
    line = 3 + list(PERSONNEL).index(field)
    assert at(one(err.value.diagnostics)) == ("F003", line, 3 + len(f"{field}: "))  # at the value


@EXAMPLES
@given(poor=st.sampled_from(NOT_BOOL))
def test_poor_takes_true_or_false_only(poor: str) -> None:
    with pytest.raises(PolicyError) as err:
        _read_yaml(f"kind: facts\ncounties:\n- place: cn.x\n  poor: {poor}\n")
    assert at(one(err.value.diagnostics)) == ("F003", 4, 9)  # at the value


@EXAMPLES
@given(field=st.sampled_from(sorted(PERSONNEL)))
def test_a_missing_facts_field_is_one_f002_at_its_row(field: str) -> None:
    fields = {k: v for k, v in PERSONNEL.items() if k != field}
    with pytest.raises(PolicyError) as err:
        _read_yaml(_personnel_yaml(fields))
    p = one(err.value.diagnostics)
    assert at(p) == ("F002", 3, 3) and f"'{field}'" in p.message


@EXAMPLES
@given(name=st.from_regex(r"[a-z]{3,10}", fullmatch=True))
def test_an_unknown_table_or_step_field_is_one_f004(name: str) -> None:
    if name not in FactTable.__members__ and name not in ("kind", "id", "note"):
        with pytest.raises(PolicyError) as err:
            _read_yaml(f"kind: facts\n{name}: []\n")
        assert at(one(err.value.diagnostics)) == ("F004", 2, 1)
    if name not in factsmod.STEP_FIELDS:
        case = "kind: facts\ncases:\n- {id: c, subject: county, place: cn.x, steps: [{step: a, by: b, "
        with pytest.raises(PolicyError) as err:
            _read_yaml(case + f"{name}: 1}}]}}\n")
        assert at(one(err.value.diagnostics)) == ("F004", 3, 66)


@EXAMPLES
@given(
    year=st.integers(1000, 9999),
    person=st.text(st.characters(categories=["Lo"]), min_size=1, max_size=5),
    day=st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)),
    amount=st.decimals(-(10**14), 10**14, places=2, allow_nan=False, allow_infinity=False),
)
def test_valid_facts_read_back_what_they_say(year: int, person: str, day: dt.date, amount: Decimal) -> None:
    text = (
        f"kind: facts\nfiscal:\n- {{place: cn.x, year: {year}, funds: {amount}}}\n"
        f"personnel:\n- {{place: cn.x, post: county-head, person: {person}, date: {day.isoformat()}, change: transfer}}\n"
    )
    got = _read_yaml(text)
    (fiscal,) = got.rows(FactTable.fiscal)
    (personnel,) = got.rows(FactTable.personnel)
    assert fiscal.data == {"place": "cn.x", "year": Decimal(year), "funds": amount}
    assert personnel.data == {"place": "cn.x", "post": "county-head", "person": person, "date": day, "change": "transfer"}


# -- facts (CSV) -----------------------------------------------------------------------------------


@EXAMPLES
@given(field=st.sampled_from(list(PERSONNEL)), bad=st.sampled_from(["yes", "12", "2018-13-01", " "]))
def test_a_bad_csv_cell_is_one_finding_at_its_column(field: str, bad: str) -> None:
    values = {**PERSONNEL, field: bad}
    if field not in ("date", "post", "change") and bad != " ":
        return  # any text is a place or person (a post or change is one of its vocabulary)
    row = ",".join(values.values())
    col = len(",".join(list(values.values())[: list(values).index(field)])) + (1 if field == "place" else 2)
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "personnel.csv"
        f.write_text(",".join(PERSONNEL) + "\n" + row + "\n", "utf-8")
        with pytest.raises(PolicyError) as err:
            factsmod.read(f, "personnel.csv")
    assert at(one(err.value.diagnostics)) == ("F003", 2, col)


@EXAMPLES
@given(field=st.sampled_from(list(PERSONNEL)))
def test_an_empty_required_csv_cell_is_one_f002(field: str) -> None:
    row = ",".join("" if k == field else v for k, v in PERSONNEL.items())
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "personnel.csv"
        f.write_text(",".join(PERSONNEL) + "\n" + row + "\n", "utf-8")
        with pytest.raises(PolicyError) as err:
            factsmod.read(f, "personnel.csv")
    p = one(err.value.diagnostics)
    col = field_starts(row)[list(PERSONNEL).index(field)]  # the empty cell
    assert at(p) == ("F002", 2, col) and f"'{field}'" in p.message


# -- scenarios -------------------------------------------------------------------------------------

RULE = "wuyi/special-funds-share"
EXPECT = {"rule": RULE, "outcome": "pass", "year": "2017", "says": "'1%'"}


def _scenario(fields: dict[str, str], extra: str = "") -> str:
    lines = "\n".join(f"    {k}: {v}" for k, v in fields.items())
    return f"kind: scenarios\nscenarios:\n- name: a\n  expect:\n  -{lines[3:]}\n{extra}"


def _parse_scenarios(text: str) -> list[scenarios.Scenario]:
    with tempfile.TemporaryDirectory() as tmp:
        return scenarios.parse(text, "s.yaml", Path(tmp), {RULE})


@EXAMPLES
@given(field=st.sampled_from(["outcome", "year", "says", "rule"]), data=st.data())
def test_a_bad_expectation_value_is_one_s003(field: str, data: st.DataObject) -> None:
    bad = data.draw(st.sampled_from(NOT_INT if field == "year" else ['"yes"', "12", "true", "[a]"]))
    if field == "says" and bad == '"yes"':
        return  # any text is what a message says
    with pytest.raises(PolicyError) as err:
        _parse_scenarios(_scenario({**EXPECT, field: bad}))
    code = "S006" if field == "rule" and bad == '"yes"' else "S003"
    assert at(one(err.value.diagnostics)) == (code, 5 + list(EXPECT).index(field), 5)


@EXAMPLES
@given(field=st.sampled_from(["rule", "outcome"]), unknown=st.from_regex(r"[a-z]{3,8}", fullmatch=True))
def test_unknown_and_missing_scenario_fields(field: str, unknown: str) -> None:
    with pytest.raises(PolicyError) as err:
        _parse_scenarios(_scenario({k: v for k, v in EXPECT.items() if k != field}))
    assert at(one(err.value.diagnostics)) == ("S003", 5, 5)
    if unknown not in EXPECT:
        with pytest.raises(PolicyError) as err:
            _parse_scenarios(_scenario({**EXPECT, unknown: "1"}))
        assert at(one(err.value.diagnostics)) == ("S002", 9, 5)


def test_a_valid_scenario_reads_back() -> None:
    (sc,) = _parse_scenarios(_scenario(EXPECT))
    (e,) = sc.expect
    assert (sc.name, e.rule, e.outcome.value, e.year, e.says) == ("a", RULE, "pass", 2017, "1%")
    assert (e.where.line, e.where.column) == (5, 5)


# -- waivers ---------------------------------------------------------------------------------------

WAIVER = {
    "rule": "C003",
    "target": "x/art_1/y",
    "reason": "agreed",
    "approved_by": "办公室",
    "expires": "2030-01-01",
}


def _waivers(fields: dict[str, str]) -> tuple[list[Finding], list[object]]:
    lines = "\n".join(f"  {k}: {v}" for k, v in fields.items())
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "w.yaml"
        f.write_text(f"kind: waivers\nwaivers:\n-{lines[1:]}\n", "utf-8")
        wf = read_waivers(f, checks.rule)
    return wf.findings, list(wf.waivers)


@EXAMPLES
@given(field=st.sampled_from(list(WAIVER)), data=st.data())
def test_a_bad_waiver_field_is_one_w002_and_waives_nothing(field: str, data: st.DataObject) -> None:
    bad = data.draw(st.sampled_from(NOT_DATE if field == "expires" else NOT_TEXT))
    found, waivers = _waivers({**WAIVER, field: bad})
    # a bad expiry is reported at its value (`  expires: ` is 11 wide), any other field at its key
    col = 12 if field == "expires" else 3
    assert at(one(found)) == ("W002", 3 + list(WAIVER).index(field), col) and waivers == []


@EXAMPLES
@given(field=st.sampled_from(list(WAIVER)), unknown=st.from_regex(r"[a-z_]{3,10}", fullmatch=True))
def test_unknown_and_missing_waiver_fields(field: str, unknown: str) -> None:
    found, waivers = _waivers({k: v for k, v in WAIVER.items() if k != field})
    assert at(one(found)) == ("W002", 3, 3) and waivers == []
    if unknown not in WAIVER:
        found, waivers = _waivers({**WAIVER, unknown: "x"})
        assert at(one(found)) == ("W002", 8, 3) and waivers == []


def test_a_valid_waiver_reads_back() -> None:
    found, waivers = _waivers(WAIVER)
    assert found == []
    (w,) = waivers
    assert (w.rule, w.target, w.expires, w.line, w.col) == ("C003", "x/art_1/y", dt.date(2030, 1, 1), 3, 3)  # type: ignore[attr-defined]


# -- the configuration -----------------------------------------------------------------------------

CONFIG = {"select": '["C"]', "fail-on": '"warning"', "grace-days": "10", "docs-url": '"https://x.org/"'}
BAD_CONFIG = {
    "select": ['"C"', "[1]", '["nothing-like-this"]'],
    "fail-on": ['"yes"', '"fatal"', "1", "true"],
    "grace-days": ['"12"', '"yes"', "true", "1.5", "400", "-1"],
    "docs-url": ["1", '""', "true"],
}


def _config(fields: dict[str, str], pyproject: bool = False) -> object:
    body = "".join(f"{k} = {v}\n" for k, v in fields.items())
    with tempfile.TemporaryDirectory() as tmp:
        name = "pyproject.toml" if pyproject else "responsibility.toml"
        f = Path(tmp) / name
        f.write_text(("[tool.responsibility]\n" if pyproject else "") + body, "utf-8")
        try:
            return load_config(f)
        except ConfigError as exc:
            return exc


@EXAMPLES
@given(field=st.sampled_from(list(CONFIG)), pyproject=st.booleans(), data=st.data())
def test_a_bad_configuration_value_is_one_e011_at_its_key(
    field: str, pyproject: bool, data: st.DataObject
) -> None:
    bad = data.draw(st.sampled_from(BAD_CONFIG[field]))
    got = _config({**CONFIG, field: bad}, pyproject)
    assert isinstance(got, ConfigError)
    assert at(one(got.findings)) == ("E011", 1 + pyproject + list(CONFIG).index(field), 1)


@EXAMPLES
@given(unknown=st.from_regex(r"[a-z_]{3,10}", fullmatch=True))
def test_an_unknown_configuration_key_is_one_e010(unknown: str) -> None:
    if unknown in CONFIG or unknown in ("ignore", "waivers", "severity", "exclude"):
        return
    got = _config({**CONFIG, unknown: "1"})
    assert isinstance(got, ConfigError) and at(one(got.findings)) == ("E010", 5, 1)


def test_a_valid_configuration_reads_back() -> None:
    cfg = _config(CONFIG)
    assert not isinstance(cfg, ConfigError)
    assert (cfg.select, cfg.fail_on, cfg.grace_days, cfg.docs_url) == (
        ("C",),
        "warning",
        10,
        "https://x.org/",
    )  # type: ignore[attr-defined]


# -- policies --------------------------------------------------------------------------------------

MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text("utf-8")


@settings(max_examples=10, deadline=None)
@given(bad=st.sampled_from(NOT_BOOL))
def test_a_policy_boolean_is_not_coerced(bad: str) -> None:
    """`local_addition: "yes"` was True; it is an error at its line."""
    line = MINIMAL.splitlines().index("            local_addition: true") + 1
    text = MINIMAL.replace("            local_addition: true", f"            local_addition: {bad}", 1)
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "county.yaml"
        f.write_text(text, "utf-8")
        with pytest.raises(PolicyError) as err:
            loader.load([f], use_cache=False)
    assert at(one(err.value.diagnostics)) == ("E011", line, 13)


# -- no validator beside the models ----------------------------------------------------------------

SRC = ROOT / "src" / "responsibility"
READERS = ["computable/facts.py", "computable/scenarios.py", "checks/waivers.py", "checks/config.py"]


@pytest.mark.parametrize("module", READERS)
def test_no_hand_written_validator_is_left(module: str) -> None:
    text = (SRC / module).read_text("utf-8")
    left = re.findall(
        r"^(?:REQUIRED|TYPED)\s*[:=]|^def _coerce\b|^def _parse\b|^def _row\b|^def _step\b", text, re.M
    )
    assert left == []
    assert "shape.validate(" in text  # read through the one validation


@pytest.mark.parametrize(("field", "value"), [("cities", "12"), ("counties", "3"), ("cities", True)])
def test_a_policy_integer_is_not_coerced(field: str, value: object) -> None:
    """`cities: "12"` was 12; it is an invalid value."""
    from pydantic import ValidationError

    from responsibility.policy.model import Scope

    with pytest.raises(ValidationError):
        Scope.model_validate({"text": {"zh": "全县"}, field: value})
    assert getattr(Scope.model_validate({"text": {"zh": "全县"}, field: 12}), field) == 12
