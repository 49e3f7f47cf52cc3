"""Condition and event rules judge a row through one verdict function: the same three answers
(does not apply, cannot tell, holds or not), worded as each kind of rule words them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import responsibility
from responsibility.computable import facts as factsmod
from responsibility.computable.engine import Outcome, evaluate
from responsibility.core.errors import Location
from responsibility.policy.model import FactTable
from responsibility.policy.policyset import PolicySet

WUYI = "cn.hebei.hengshui.wuyi"
PS: PolicySet = responsibility.load()
RULE = "central/no-reassignment-before-exit"
MOVE = {"place": WUYI, "post": "county-head", "person": "甲", "date": "2018-01-01", "change": "transfer"}


def _facts(**tables: list[dict[str, Any]]) -> factsmod.Facts:
    return factsmod.from_data(tables, "<test>")


def _event(**tables: list[dict[str, Any]]) -> list[tuple[Outcome, str]]:
    return [(f.outcome, f.message) for f in evaluate(PS, _facts(**tables)) if f.rule == RULE]


def test_event_without_the_county_status_cannot_be_told() -> None:
    [(outcome, message)] = _event(personnel=[MOVE])
    assert outcome == Outcome.unknown
    assert message.endswith(
        "县长甲 2018-01-01 调动: cannot tell, the status of "
        f"{WUYI} (a `counties` row) is not in the facts"
    )


def test_event_before_exit_fails_and_after_exit_passes() -> None:
    before = _event(counties=[{"place": WUYI, "poor": True, "exited": "2019-05-01"}], personnel=[MOVE])
    after = _event(counties=[{"place": WUYI, "poor": True, "exited": "2017-05-01"}], personnel=[MOVE])
    assert [o for o, _ in before] == [Outcome.failed]
    assert before[0][1].endswith("县长甲 2018-01-01 调动，在贫困县未摘帽期间（2019-05-01 摘帽）")
    assert [o for o, _ in after] == [Outcome.passed]


def test_growth_of_a_fact_written_as_text_names_the_fact() -> None:
    """growth(x) reads x itself: a value of the wrong kind is named by its fact, as elsewhere.
    (Facts built in Python: a facts file or mapping with this text in a figure is refused, F003.)"""
    facts = factsmod.Facts()
    for y, v in ((2016, Decimal(1)), (2017, "many")):
        data = {
            "place": WUYI,
            "year": Decimal(y),
            "general_budget_revenue": Decimal(100),
            "special_poverty_funds": v,
        }
        facts.tables[FactTable.fiscal].append(factsmod.Row(FactTable.fiscal, data, Location("<test>", 1, 1)))
    found = [f for f in evaluate(PS, facts) if f.rule == "wuyi/special-funds-growth"]
    [in_2017] = [f for f in found if f.year == 2017]
    assert in_2017.outcome == Outcome.unknown
    assert in_2017.message.endswith("expected a number, got text for 'special_poverty_funds' ('many')")
