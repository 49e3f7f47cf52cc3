"""A fact of the wrong kind is named with its value, so that it can be found in its file (a
newcomer's `一亿` in a fiscal CSV gave only 'expected a number, got text')."""

from __future__ import annotations

from decimal import Decimal

import pytest

from responsibility.core.expr import ExprError, MapEnv, evaluate, parse


@pytest.mark.parametrize(
    ("source", "facts", "fragment"),
    [
        ("revenue * 2", {"revenue": "一亿"}, "expected a number, got text for 'revenue' ('一亿')"),
        ("poor and true", {"poor": "yes"}, "expected true or false, got text for 'poor' ('yes')"),
        ("rate * 100", {"rate": True}, "got a truth value for 'rate'"),
        ("(1 + 1) and true", {}, "expected true or false, got a number"),
    ],
)
def test_the_wrong_kind_names_its_fact(source: str, facts: dict[str, object], fragment: str) -> None:
    with pytest.raises(ExprError) as err:
        evaluate(parse(source), MapEnv(facts))  # type: ignore[arg-type]
    assert fragment in err.value.message


def test_a_right_kind_still_computes() -> None:
    assert evaluate(parse("revenue * 2"), MapEnv({"revenue": Decimal(3)})) == Decimal(6)
