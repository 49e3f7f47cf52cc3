"""The controlled vocabularies of facts (post, change, grade, first_secretary_grade, unit_kind) are
read against their one list, policy.model's enums: a value outside it is an F003 at the value with
the value meant. A misspelt `post: county-haed` or `change: transferred` used to be read as text no
rule matches, so a move that breaks 不摘帽不调离 gave `0 findings` and exit 0."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pytest

from conftest import ROOT
from responsibility.cli.main import main
from responsibility.computable import facts as factsmod
from responsibility.core.errors import PolicyError
from responsibility.policy.labels import FACT_VOCABULARY
from responsibility.policy.model import Change, Grade, Post, UnitKind

WUYI = "cn.hebei.hengshui.wuyi"


def _personnel(post: str, change: str) -> str:
    return (
        f"kind: facts\ncounties:\n- {{place: {WUYI}, poor: true}}\npersonnel:\n"
        f"- {{place: {WUYI}, post: {post}, person: 王某, date: 2018-03-01, change: {change}}}\n"
    )


def _check(capsys: pytest.CaptureFixture[str], facts: Path) -> tuple[int, str, str]:
    code = main(["check", str(ROOT / "policies" / "wuyi"), "--facts", str(facts), "--select", "R001"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_misspelt_post_and_change_are_f003_not_a_clean_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(_personnel("county-head", "transfer"), "utf-8")
    code, out, _ = _check(capsys, good)
    assert code == 1 and " R001 " in out  # the spelling that is right: a violation
    bad = tmp_path / "bad.yaml"
    bad.write_text(_personnel("county-haed", "transferred"), "utf-8")
    code, out, err = _check(capsys, bad)
    assert code == 1 and "0 findings" not in out
    lines = err.splitlines()
    # each at its value: `- {place: cn.hebei.hengshui.wuyi, post: ` is 40 characters
    assert lines[0].startswith(f"{bad}:5:41: F003 'post' must be one of party-secretary, county-head")
    assert lines[0].endswith("not 'county-haed' (at personnel[0].post); did you mean 'county-head' (县长)?")
    assert lines[1].startswith(f"{bad}:5:92: F003 'change' must be one of transfer, promotion")
    assert lines[1].endswith("did you mean 'transfer' (调动)?")


def test_a_csv_cell_outside_the_vocabulary_is_f003_at_the_cell(tmp_path: Path) -> None:
    f = tmp_path / "personnel.csv"
    f.write_text(f"place,post,person,date,change\n{WUYI},县长,王某,2018-03-01,moved\n", "utf-8")
    with pytest.raises(PolicyError) as err:
        factsmod.read(f, "personnel.csv")
    got = [(d.code, d.location.line, d.location.column, d.hint) for d in err.value.diagnostics]
    assert got[0] == ("F003", 2, 24, "did you mean 'county-head' (县长)?")  # its Chinese label
    assert got[1][:3] == ("F003", 2, 41)
    assert got[1][3].startswith("use one of transfer (调动), promotion (提拔)")  # nothing close


@pytest.mark.parametrize(
    ("field", "value", "meant"),
    [
        ("grade", "优秀", "excellent"),
        ("first_secretary_grade", "failng", "failing"),
        ("unit_kind", "twonship", "township"),
    ],
)
def test_assessment_vocabularies(field: str, value: str, meant: str) -> None:
    text = f"kind: facts\nassessments:\n- {{place: cn.x, year: 2016, {field}: {value}}}\n"
    with pytest.raises(PolicyError) as err:
        factsmod.parse_yaml(text, "a.yaml")
    [d] = err.value.diagnostics
    assert (d.code, d.location.line, d.location.column) == ("F003", 3, 31 + len(field))
    assert d.hint.startswith(f"did you mean '{meant}'")


VOCABULARIES: dict[str, type[StrEnum]] = {
    "post": Post,
    "change": Change,
    "grade": Grade,
    "first_secretary_grade": Grade,
    "unit_kind": UnitKind,
}


@pytest.mark.parametrize("field", sorted(VOCABULARIES))
def test_every_value_of_the_enum_is_read_and_labelled(field: str) -> None:
    """The enum is the one list: every value of it is read back as written (plain text, as the
    rules compare it), and the label table words exactly its values."""
    values = [str(v.value) for v in VOCABULARIES[field]]
    assert [str(k) for k in FACT_VOCABULARY[field]] == values
    for value in values:
        if field in ("post", "change"):
            row = {
                "place": "cn.x",
                "post": "county-head",
                "person": "甲",
                "date": "2018-01-01",
                "change": "transfer",
            }
            facts = factsmod.from_data({"personnel": [{**row, field: value}]}, "<test>")
            [got] = facts.rows(factsmod.FactTable.personnel)
        else:
            facts = factsmod.from_data(
                {"assessments": [{"place": "cn.x", "year": 2016, field: value}]}, "<test>"
            )
            [got] = facts.rows(factsmod.FactTable.assessments)
        assert got.data[field] == value and type(got.data[field]) is str


def test_the_docs_table_gives_every_value() -> None:
    text = (ROOT / "docs" / "computable.md").read_text("utf-8")
    for field, enum in VOCABULARIES.items():
        for value in enum:
            assert f"`{value.value}`" in text, (field, value)
