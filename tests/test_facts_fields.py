"""Facts are checked against the fields their tables declare and the facts the rules read: a
misspelt column or key (`special_poverty_fund`) is F004 at it, with the field meant, and a figure
that is not a number (`general_budget_revenue: lots`) is F003 at the value — `check --facts`
exits 1 with them, where it used to read the one as a fact no rule reads and the other as text,
and end with R002 warnings and exit 0."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

import responsibility
from conftest import ROOT
from responsibility.cli.main import main
from responsibility.computable import facts as factsmod
from responsibility.core.errors import PolicyError
from responsibility.policy.labels import FACT_LABEL
from responsibility.policy.model import FactTable

WUYI = ROOT / "policies" / "wuyi"
PLACE = "cn.hebei.hengshui.wuyi"
MEANT = "did you mean 'special_poverty_funds'?"


def check(capsys: pytest.CaptureFixture[str], facts: Path) -> tuple[int, str, str]:
    code = main(["check", str(WUYI), "--facts", str(facts)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_a_misspelt_csv_column_is_f004_at_its_header_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = "place,year,general_budget_revenue,special_poverty_fund"
    (tmp_path / "fiscal.csv").write_text(f"{header}\n{PLACE},2017,1000000000,8000000\n", "utf-8")
    code, out, err = check(capsys, tmp_path / "fiscal.csv")
    column = header.index("special_poverty_fund") + 1
    assert (code, out) == (1, "") and "R002" not in err
    assert (
        f"fiscal.csv:1:{column}: F004 unknown column 'special_poverty_fund' of table fiscal; {MEANT}" in err
    )


def test_a_misspelt_yaml_key_is_f004_at_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = (
        f"- {{place: {PLACE}, year: 2017, general_budget_revenue: 1000000000, special_poverty_fund: 8000000}}"
    )
    (tmp_path / "f.yaml").write_text(f"kind: facts\nfiscal:\n{row}\n", "utf-8")
    code, out, err = check(capsys, tmp_path / "f.yaml")
    column = row.index("special_poverty_fund") + 1
    assert (code, out) == (1, "")
    assert (
        f"f.yaml:3:{column}: F004 unknown field 'special_poverty_fund' (at fiscal[0].special_poverty_fund); {MEANT}"
        in err
    )


@pytest.mark.parametrize("value", ["lots", "true", "2018-01-01", "一千万"])
def test_a_figure_that_is_not_a_number_is_f003_at_the_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    row = f"- {{place: {PLACE}, year: 2017, general_budget_revenue: {value}, special_poverty_funds: 8000000}}"
    (tmp_path / "f.yaml").write_text(f"kind: facts\nfiscal:\n{row}\n", "utf-8")
    code, out, err = check(capsys, tmp_path / "f.yaml")
    column = row.index(f"general_budget_revenue: {value}") + len("general_budget_revenue: ") + 1
    assert (code, out) == (1, "") and "R002" not in err
    assert (
        f"f.yaml:3:{column}: F003 'general_budget_revenue' must be a number (1000000, or a percentage: 92%)"
        in err
    )


def test_a_figure_that_is_not_a_number_in_a_csv_is_f003_at_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fiscal.csv").write_text(
        f"place,year,general_budget_revenue,special_poverty_funds\n{PLACE},2017,lots,8000000\n", "utf-8"
    )
    code, _, err = check(capsys, tmp_path / "fiscal.csv")
    assert code == 1 and f"fiscal.csv:2:{len(f'{PLACE},2017,') + 1}: F003 'general_budget_revenue'" in err


def test_well_written_facts_still_evaluate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Numbers as YAML numbers, CSV text and percentages; a `note`; a trailing comma's empty
    column: read as before, and the rule judged."""
    (tmp_path / "fiscal.csv").write_text(
        "place,year,general_budget_revenue,special_poverty_funds,reimbursement_rate,note,\n"
        f"{PLACE},2017,1000000000,8000000,92%,县财政局提供,\n",
        "utf-8",
    )
    code, out, err = check(capsys, tmp_path / "fiscal.csv")
    assert err == "" and code == 1  # the rule fails on these figures: 0.80% < 1%
    assert "R001 rule-violated" in out and "F00" not in out


def test_a_fact_the_rules_read_is_known_and_one_they_do_not_is_not() -> None:
    text = f"place,year,poverty_fund_source\n{PLACE},2017,县本级\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fiscal.csv"
        path.write_text(text, "utf-8")
        # a county's own rule that reads the fact makes it known
        got = factsmod.read(path, "fiscal.csv", known={FactTable.fiscal: {"poverty_fund_source"}})
        assert got.rows(FactTable.fiscal)[0].data["poverty_fund_source"] == "县本级"
        with pytest.raises(PolicyError) as err:
            factsmod.read(path, "fiscal.csv", known={})
    [d] = err.value.diagnostics
    assert (d.code, d.location.line, d.location.column) == ("F004", 1, len("place,year,") + 1)
    assert d.hint.startswith("remove it (a remark goes in `note`), or read it in a rule")


def test_the_facts_the_shipped_rules_read_are_known_to_their_tables() -> None:
    from responsibility.computable.engine import facts_read

    read = facts_read(responsibility.load())
    assert {"general_budget_revenue", "special_poverty_funds"} <= read[FactTable.fiscal]
    assert "commended" in read[FactTable.assessments]  # the field a ranking records its decision in
    for table, names in read.items():
        assert names <= factsmod.table_fields(table, read)


def test_every_labelled_fact_is_a_declared_field() -> None:
    """The facts R002 names by label (docs/computable.md's table) are declared, so typed."""
    declared = factsmod.table_fields(FactTable.fiscal) | factsmod.table_fields(FactTable.assessments)
    assert set(FACT_LABEL) <= declared


def test_a_cases_csv_takes_its_case_and_step_columns(tmp_path: Path) -> None:
    text = "case,subject,place,procedure,step,by,date,objections,note\nc1,household,cn.x,wuyi/household-exit,propose,a,2018-01-01,0,x\n"
    (tmp_path / "cases.csv").write_text(text, "utf-8")
    got = factsmod.read(tmp_path / "cases.csv", "cases.csv", known={})
    assert [s.step for s in got.rows(FactTable.cases)[0].steps] == ["propose"]
    (tmp_path / "cases.csv").write_text(text.replace(",by,", ",bye,"), "utf-8")
    with pytest.raises(PolicyError) as err:
        factsmod.read(tmp_path / "cases.csv", "cases.csv", known={})
    assert ("F004", "unknown column 'bye' of table cases") in [
        (d.code, d.message) for d in err.value.diagnostics
    ]


def test_a_scenarios_misspelt_fact_is_f004(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    row = f"{{place: {PLACE}, year: 2017, general_budget_revenue: 1000000000, special_poverty_fund: 8000000}}"
    (tmp_path / "s.scenarios.yaml").write_text(
        "kind: scenarios\nscenarios:\n- name: share\n  facts:\n    fiscal:\n"
        f"    - {row}\n  expect:\n  - {{rule: wuyi/special-funds-share, outcome: fail}}\n",
        "utf-8",
    )
    code = main(["test", str(tmp_path / "s.scenarios.yaml")])
    _, err = capsys.readouterr()
    column = len("    - ") + row.index("special_poverty_fund") + 1
    assert code == 1 and f"s.scenarios.yaml:6:{column}: F004 unknown field 'special_poverty_fund'" in err
