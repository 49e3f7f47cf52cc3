"""Computable rules: evaluation, citations, rankings, procedures, facts, rules documents, and the
properties the issue asks for (funds, steps, row order)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import responsibility
from conftest import ROOT
from responsibility.computable import facts as factsmod
from responsibility.computable.engine import (
    Outcome,
    RuleFinding,
    actor_matches,
    citation,
    entitled,
    evaluate,
    quota,
    rule_ids,
)
from responsibility.core.errors import PolicyError
from responsibility.policy.fidelity import compare
from responsibility.policy.model import ProcedureRule, Rounding, Ties
from responsibility.policy.policyset import PolicySet

WUYI = "cn.hebei.hengshui.wuyi"
PS: PolicySet = responsibility.load()  # the rules are attached to the shipped regulations


def facts(**tables: list[dict[str, Any]]) -> factsmod.Facts:
    return factsmod.from_data(tables, "<test>")


def only(findings: list[RuleFinding], rule: str) -> list[RuleFinding]:
    return [f for f in findings if f.rule == rule]


# -- quantities ------------------------------------------------------------------------------------


def test_the_issue_example_finding() -> None:
    row = {
        "place": WUYI,
        "year": 2017,
        "general_budget_revenue": 1_000_000_000,
        "special_poverty_funds": 8_000_000,
    }
    (f,) = evaluate(PS, facts(fiscal=[row]), ["wuyi/special-funds-share"])
    assert f.outcome is Outcome.failed
    assert f.message == "武邑 一(一)4: special funds 8,000,000 / revenue 1,000,000,000 = 0.80% < 1%"
    assert f.citation == "武邑 一(一)4"
    assert f.provisions == ("wuyi/sec_1__subsec_1__item_4",)
    assert (f.subject, f.year) == (WUYI, 2017)
    assert f.where == "<test>:1:1"
    assert f.as_dict() == {
        "rule": "wuyi/special-funds-share",
        "subject": WUYI,
        "year": 2017,
        "outcome": "fail",
        "message": f.message,
        "citation": "武邑 一(一)4",
        "provisions": ["wuyi/sec_1__subsec_1__item_4"],
        "where": "<test>:1:1",
    }


def test_rows_without_the_rules_facts_are_not_judged() -> None:
    row = {"place": WUYI, "year": 2017, "reimbursement_rate": "95%", "reimbursement_rate_minimum": "90%"}
    found = evaluate(PS, facts(fiscal=[row]))
    assert {f.rule for f in found} == {"wuyi/reimbursement-rate"}


def test_evaluation_is_deterministic_and_sorted() -> None:
    rows = [
        {"place": WUYI, "year": y, "general_budget_revenue": 10**9 + y, "special_poverty_funds": 10**7 - y}
        for y in (2018, 2016, 2017)
    ]
    first = evaluate(PS, facts(fiscal=rows))
    assert first == sorted(first)
    assert first == evaluate(PS, facts(fiscal=list(reversed(rows))))


_money = st.integers(min_value=1, max_value=10**12)


@settings(max_examples=200, deadline=None)
@given(revenue=_money, funds=st.integers(min_value=0, max_value=10**11), extra=st.integers(0, 10**11))
def test_raising_funds_never_turns_a_pass_into_a_fail_share(revenue: int, funds: int, extra: int) -> None:
    def outcome(f: int) -> Outcome:
        row = {"place": WUYI, "year": 2017, "general_budget_revenue": revenue, "special_poverty_funds": f}
        (finding,) = evaluate(PS, facts(fiscal=[row]), ["wuyi/special-funds-share"])
        return finding.outcome

    if outcome(funds) is Outcome.passed:
        assert outcome(funds + extra) is Outcome.passed


@settings(max_examples=200, deadline=None)
@given(r0=_money, r1=_money, f0=_money, f1=st.integers(0, 10**12), extra=st.integers(0, 10**11))
def test_raising_funds_never_turns_a_pass_into_a_fail_growth(
    r0: int, r1: int, f0: int, f1: int, extra: int
) -> None:
    def outcome(f: int) -> Outcome:
        rows = [
            {"place": WUYI, "year": 2016, "general_budget_revenue": r0, "special_poverty_funds": f0},
            {"place": WUYI, "year": 2017, "general_budget_revenue": r1, "special_poverty_funds": f},
        ]
        found = evaluate(PS, facts(fiscal=rows), ["wuyi/special-funds-growth"])
        return next(x.outcome for x in found if x.year == 2017)

    if outcome(f1) is Outcome.passed:
        assert outcome(f1 + extra) is Outcome.passed


# -- citations -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reg", "pid", "cited"),
    [
        ("wuyi", "sec_1__subsec_1__item_4", "一(一)4"),
        ("wuyi", "sec_1__subsec_2__item_9", "一(二)9"),
        ("shanxi", "art_49", "第四十九条"),
        ("majiang", "para_6", "〔第6段〕"),  # not printed: marked (labels.inferred)
    ],
)
def test_citations(reg: str, pid: str, cited: str) -> None:
    assert citation(PS.regulation(reg), pid) == cited


# -- rankings --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "rounding", "k"),
    [
        (10, Rounding.half_up, 2),
        (13, Rounding.half_up, 3),
        (12, Rounding.half_up, 2),
        (58, Rounding.half_up, 12),
        (58, Rounding.down, 11),
        (58, Rounding.up, 12),
        (2, Rounding.half_up, 0),
        (1, Rounding.up, 1),
    ],
)
def test_quota(n: int, rounding: Rounding, k: int) -> None:
    assert quota(n, Decimal("0.2"), rounding) == k


def test_ties_at_the_cut() -> None:
    scores = [Decimal(s) for s in (95, 91, 91, 87)]
    assert entitled(scores, 2, Ties.include) == [True, True, True, False]
    assert entitled(scores, 2, Ties.exclude) == [True, False, False, False]
    assert entitled(scores, 3, Ties.exclude) == [True, True, True, False]


def _ranking_rows(scores: list[int]) -> dict[str, list[dict[str, Any]]]:
    return {
        "counties": [{"place": f"cn.shanxi.c{i:02d}", "poor": True} for i in range(len(scores))],
        "assessments": [
            {"place": f"cn.shanxi.c{i:02d}", "level": "county", "year": 2017, "score": s}
            for i, s in enumerate(scores)
        ],
    }


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=1, max_size=25), st.randoms(use_true_random=False))
def test_commendation_is_invariant_to_the_order_of_rows(scores: list[int], rnd: random.Random) -> None:
    data = _ranking_rows(scores)
    before = evaluate(PS, facts(**data), ["shanxi/top-share-commended"])
    rnd.shuffle(data["assessments"])
    rnd.shuffle(data["counties"])
    after = evaluate(PS, facts(**data), ["shanxi/top-share-commended"])
    assert [(f.subject, f.outcome, f.message) for f in before] == [
        (f.subject, f.outcome, f.message) for f in after
    ]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=1, max_size=25))
def test_commended_count_is_the_quota_unless_ties_straddle_the_cut(scores: list[int]) -> None:
    found = evaluate(PS, facts(**_ranking_rows(scores)), ["shanxi/top-share-commended"])
    k = quota(len(scores), Decimal("0.2"), Rounding.half_up)
    assert len(found) >= k
    if len(found) > k:  # only ties with the k-th score may push the count over the quota
        kth = sorted(scores, reverse=True)[k - 1]
        assert sorted(scores, reverse=True)[len(found) - 1] == kth


# -- events ----------------------------------------------------------------------------------------


def test_reassignment_before_exit_is_found_by_all_three_provisions() -> None:
    data = facts(
        counties=[{"place": WUYI, "poor": True, "exited": "2019-05-01"}],
        personnel=[
            {"place": WUYI, "post": "county-head", "person": "甲", "date": "2018-01-01", "change": "transfer"}
        ],
    )
    found = evaluate(PS, data)
    assert [(f.rule, f.outcome) for f in found] == [("central/no-reassignment-before-exit", Outcome.failed)]
    # Wuyi is in Hebei: Shanxi's and Gansu's 第八条/第四条 do not reach it


# -- procedures ------------------------------------------------------------------------------------


def test_actor_matching_respects_composites() -> None:
    assert actor_matches(
        PS, ["village.party-branch", "village.villagers-committee"], "village.two-committees"
    )
    assert not actor_matches(PS, ["village.party-branch"], "village.two-committees")
    assert actor_matches(PS, ["village.two-committees"], "village.two-committees")


PROCEDURES = sorted(
    (f"{rs.regulation}/{r.id}", r)
    for rs in PS.rulesets.values()
    for r in rs.rules
    if isinstance(r, ProcedureRule)
)


def _valid_case(rule: ProcedureRule, drop: int | None = None) -> dict[str, Any]:
    steps = []
    for i, s in enumerate(rule.steps):
        if i == drop:
            continue
        rec: dict[str, Any] = {"step": s.id, "by": list(s.by) if s.jointly else s.by[0]}
        rec["date"] = (dt.date(2018, 1, 1) + dt.timedelta(days=i)).isoformat()
        if s.notice:
            rec["objections"] = 0
        steps.append(rec)
    place = {"shanxi": "cn.shanxi.x", "gansu": "cn.gansu.x", "wuyi": WUYI}
    return {
        "id": "c1",
        "subject": rule.subject,
        "place": place["shanxi"],
        "steps": steps,
        "procedure": "",
    } | {"place": next(v for k, v in place.items() if k in rule_ref_of(rule))}


def rule_ref_of(rule: ProcedureRule) -> str:
    return next(ref for ref, r in PROCEDURES if r is rule)


@pytest.mark.parametrize(("ref", "rule"), PROCEDURES, ids=[r for r, _ in PROCEDURES])
def test_a_complete_case_passes(ref: str, rule: ProcedureRule) -> None:
    case = _valid_case(rule)
    del case["procedure"]
    (f,) = evaluate(PS, facts(cases=[case]), [ref])
    assert f.outcome is Outcome.passed, f.message


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_an_exit_case_with_a_step_removed_never_passes(data: st.DataObject) -> None:
    ref, rule = data.draw(st.sampled_from(PROCEDURES))
    drop = data.draw(st.integers(0, len(rule.steps) - 1))
    case = _valid_case(rule, drop)
    case["procedure"] = ref
    found = evaluate(PS, facts(cases=[case]), [ref])
    assert [f.outcome for f in found] == [Outcome.failed]
    assert f"step '{rule.steps[drop].id}'" in found[0].message


# -- facts -----------------------------------------------------------------------------------------


def test_facts_yaml_errors_have_positions(tmp_path: Path) -> None:
    p = tmp_path / "f.yaml"
    p.write_text(
        "kind: facts\nfiscal:\n- {place: x, year: 2017, special_poverty_funds: lots}\n- {year: 2018}\nbudget: []\n",
        "utf-8",
    )
    with pytest.raises(PolicyError) as err:
        factsmod.read(p, "f.yaml")
    got = [(d.line, d.column, d.code) for d in err.value.diagnostics]
    assert (4, 3, "F002") in got  # the row without a place
    assert (5, 1, "F004") in got  # unknown table
    assert all(d.file == "f.yaml" for d in err.value.diagnostics)


def test_free_text_values_are_text_not_errors() -> None:
    # a fact the tables do not declare (one a county's own rule reads) is free: text stays text;
    # a declared figure (special_poverty_funds) must be a number (F003, tests/test_facts_fields.py)
    data = facts(fiscal=[{"place": "x", "year": 2017, "poverty_fund_source": "lots"}])
    assert data.rows(factsmod.FactTable.fiscal)[0].data["poverty_fund_source"] == "lots"


def test_facts_csv_tables_and_cases(tmp_path: Path) -> None:
    fiscal = tmp_path / "wuyi-fiscal.csv"
    fiscal.write_text(
        "place,year,general_budget_revenue,special_poverty_funds\n"
        f"{WUYI},2017,1000000000,8000000\n{WUYI},2018,1100000000,12000000\n",
        "utf-8",
    )
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "case,subject,place,step,by,date,objections\n"
        f"h1,household,{WUYI},propose,village.two-committees,2017-10-01,\n"
        f"h1,household,{WUYI},verify,village.two-committees;village.work-team,2017-10-03,\n",
        "utf-8",
    )
    got = factsmod.load([tmp_path])
    (case,) = got.rows(factsmod.FactTable.cases)
    assert [s.step for s in case.steps] == ["propose", "verify"]
    assert case.steps[1].by == ("village.two-committees", "village.work-team")
    share = only(evaluate(PS, got), "wuyi/special-funds-share")
    assert [(f.year, f.outcome) for f in share] == [(2017, Outcome.failed), (2018, Outcome.passed)]
    assert share[0].where.endswith("wuyi-fiscal.csv:2:1")


def test_facts_csv_errors_point_at_the_field(tmp_path: Path) -> None:
    p = tmp_path / "personnel.csv"
    p.write_text("place,post,person,date,change\nx,county-head,甲,2018-13-01,transfer\n", "utf-8")
    with pytest.raises(PolicyError) as err:
        factsmod.read(p, "personnel.csv")
    (d,) = err.value.diagnostics
    assert (d.line, d.column, d.code) == (2, 17, "F003")  # the date field starts at column 17
    assert "'date' must be a date" in d.message


def test_csv_without_a_table_name_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "numbers.csv"
    p.write_text("place,year\nx,2017\n", "utf-8")
    with pytest.raises(PolicyError, match="cannot tell which table"):
        factsmod.read(p)


def test_duplicate_rows_across_files_are_refused(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(
            f"kind: facts\nfiscal:\n- {{place: {WUYI}, year: 2017, x: 1}}\n", "utf-8"
        )
    with pytest.raises(PolicyError, match="second fiscal row") as err:
        factsmod.load([tmp_path])
    assert err.value.diagnostics[0].file.endswith("b.yaml")


# -- rules documents -------------------------------------------------------------------------------

RULES_HEAD = "kind: rules\nregulation: wuyi\ncite_as: 武邑\nrules:\n"
RULE = """- id: r
  kind: condition
  provisions: [{pid}]
  summary: {{zh: 测试}}
  quote: {quote}
  table: fiscal
  require: {require}
"""


def _load_rules(tmp_path: Path, **kw: str) -> PolicyError:
    args = {"pid": "sec_1__subsec_1__item_4", "quote": "1%以上", "require": "a >= 1"} | kw
    # a user's rules document for wuyi replaces the shipped one
    (tmp_path / "wuyi.rules.yaml").write_text(RULES_HEAD + RULE.format(**args), "utf-8")
    with pytest.raises(PolicyError) as err:
        responsibility.load([tmp_path])
    return err.value


def test_a_bad_expression_is_a_positioned_error(tmp_path: Path) -> None:
    (d,) = _load_rules(tmp_path, require="a >= ").diagnostics
    assert (d.code, d.line, d.column) == (
        "E030",
        11,
        16,
    )  # just after `require: a >=` (YAML drops the trailing space)
    assert "column 5: expected a value" in d.message


def test_an_unknown_provision_is_named_with_suggestions(tmp_path: Path) -> None:
    err = _load_rules(tmp_path, pid="sec_1__subsec_1__item_99")
    (d,) = [d for d in err.diagnostics if d.code == "E021"]
    assert "unknown provision of wuyi 'sec_1__subsec_1__item_99'" in d.message
    assert d.hint.startswith("did you mean sec_1__subsec_1__item_")


def test_a_quote_must_be_in_the_provision(tmp_path: Path) -> None:
    err = _load_rules(tmp_path, quote="1%以下")
    assert [d.code for d in err.diagnostics] == ["E022"]


def test_rules_are_listed_by_id() -> None:
    ids = rule_ids(PS)
    assert "wuyi/special-funds-share" in ids and "majiang/first-secretary-veto" in ids
    assert len(ids) == len(set(ids))


# -- the Majiang practice: excerpt fidelity --------------------------------------------------------

MAJIANG = ROOT / "policies" / "guizhou" / "majiang"


def test_majiang_is_a_practice_of_verbatim_excerpts() -> None:
    reg = PS.regulation("majiang")
    assert reg.status.value == "practice"
    assert compare(reg, (MAJIANG / "source.txt").read_text("utf-8")) is None


def test_an_altered_excerpt_fails_fidelity() -> None:
    reg = PS.regulation("majiang").model_copy(deep=True)
    reg.provisions[1].text = reg.provisions[1].text.replace("30%", "35%")
    mismatch = compare(reg, (MAJIANG / "source.txt").read_text("utf-8"))
    assert mismatch is not None and "provision para_4 is not in the source" in str(mismatch)


def test_excerpts_out_of_order_fail_fidelity() -> None:
    reg = PS.regulation("majiang").model_copy(deep=True)
    reg.provisions[0], reg.provisions[1] = reg.provisions[1], reg.provisions[0]
    mismatch = compare(reg, (MAJIANG / "source.txt").read_text("utf-8"))
    assert mismatch is not None and "earlier in the source" in str(mismatch)


def test_a_regulation_is_still_checked_whole() -> None:
    reg = PS.regulation("majiang").model_copy(deep=True, update={"status": "in-force"})
    assert compare(reg, (MAJIANG / "source.txt").read_text("utf-8")) is not None
