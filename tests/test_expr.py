"""The expression language: grammar, errors with columns, exact Decimal evaluation, explanations."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from responsibility.core.expr import (
    ExprError,
    MapEnv,
    MissingFact,
    Style,
    evaluate,
    explain,
    fmt_number,
    parse,
    truth,
)

D = Decimal


def env(**now: object) -> MapEnv:
    return MapEnv({k: v if isinstance(v, bool | str | Decimal) else D(str(v)) for k, v in now.items()})  # type: ignore[misc]


@pytest.mark.parametrize(
    ("source", "column", "fragment"),
    [
        ("a <", 4, "expected a value, found the end"),
        ("a < b < c", 7, "comparisons do not chain"),
        ("foo(x)", 1, "unknown function 'foo'"),
        ("a ++ 3", 4, "expected a value, found '+'"),
        ("1 # 2", 3, "unexpected character '#'"),
        ("prev(1)", 6, "prev() takes the name of a fact"),
        ("(a", 3, "expected ')'"),
        ("a.b", 2, "unexpected character '.'"),
        ("__import__('os')", 1, "unknown function '__import__'"),
        ("growth(x, 0)", 11, "whole number of years"),
        ("", 1, "empty expression"),
        ("a == 1 b", 8, "unexpected 'b'"),
        ("max()", 1, "max() takes 1 to 99 argument(s), got 0"),
    ],
)
def test_bad_expressions_name_the_column(source: str, column: int, fragment: str) -> None:
    with pytest.raises(ExprError) as err:
        parse(source)
    assert err.value.column == column
    assert fragment in err.value.message


def test_overlong_expressions_are_refused() -> None:
    with pytest.raises(ExprError, match="limit"):
        parse("a + " * 600 + "a")


def test_arithmetic_is_exact_decimal() -> None:
    assert evaluate(parse("0.1 + 0.2 == 0.3"), env()) is True
    assert evaluate(parse("1 / 3 * 3"), env()) == D(1) / D(3) * D(3)
    assert evaluate(parse("-2 * (3 - 5)"), env()) == D(4)
    assert evaluate(parse("10%"), env()) == D("0.1")


def test_precedence_and_short_circuit() -> None:
    assert evaluate(parse("not 1 > 2 and 2 > 1"), env()) is True
    assert evaluate(parse("1 + 2 * 3"), env()) == D(7)
    # `known(x) and x > 0` must not read x when it is missing
    assert evaluate(parse("known(x) and x > 0"), env()) is False
    assert evaluate(parse("not known(x) or x > 0"), env()) is True
    with pytest.raises(MissingFact):
        evaluate(parse("x > 0"), env())


def test_membership_strings_and_booleans() -> None:
    e = env(post="county-head", poor=True)
    assert evaluate(parse('post in ["party-secretary", "county-head"]'), e) is True
    assert evaluate(parse("post not in ['county-head']"), e) is False
    assert evaluate(parse("poor == true"), e) is True


def test_prev_and_growth_read_earlier_years() -> None:
    e = MapEnv({"x": D(120)}, {1: {"x": D(100)}, 2: {"x": D(80)}})
    assert evaluate(parse("prev(x)"), e) == D(100)
    assert evaluate(parse("prev(x, 2)"), e) == D(80)
    assert evaluate(parse("growth(x)"), e) == D("0.2")
    assert evaluate(parse("growth(x, 1)"), e) == D("0.25")
    with pytest.raises(MissingFact, match="3 year"):
        evaluate(parse("growth(x, 2)"), e)


@pytest.mark.parametrize(
    ("source", "column", "fragment"),
    [
        ("a / b", 3, "division by zero"),
        ("a > 'x'", 3, "cannot order a number and text"),
        ("a == 'x'", 3, "cannot compare a number with text"),
        ("a and true", 1, "expected true or false, got a number"),
        ("a in 3", 3, "needs a list"),
    ],
)
def test_evaluation_errors_name_the_column(source: str, column: int, fragment: str) -> None:
    with pytest.raises(ExprError) as err:
        evaluate(parse(source), env(a=1, b=0))
    assert err.value.column == column
    assert fragment in err.value.message


def test_a_condition_must_be_boolean() -> None:
    with pytest.raises(ExprError, match="true or false"):
        truth(parse("1 + 1"), env())


def test_explanation_shows_the_computation_of_the_issue_example() -> None:
    e = env(special_poverty_funds=8_000_000, general_budget_revenue=1_000_000_000)
    style = Style({"special_poverty_funds": "special funds", "general_budget_revenue": "revenue"})
    text = explain(parse("special_poverty_funds / general_budget_revenue >= 1%"), e, style)
    assert text == "special funds 8,000,000 / revenue 1,000,000,000 = 0.80% < 1%"


def test_explanation_of_and_shows_the_failing_part_only() -> None:
    e = MapEnv({"x": D(90)}, {1: {"x": D(100)}})
    text = explain(parse("x > prev(x) and growth(x) > 0%"), e)
    assert text == "x 90 ≤ prev(x) 100"


def test_explanation_of_a_pass_uses_the_operator_that_holds() -> None:
    assert explain(parse("a >= 1%"), env(a=D("0.01"))) == "a 1.00% ≥ 1%"
    assert explain(parse("a != 2"), env(a=2)) == "a 2 = 2"


@pytest.mark.parametrize(
    ("value", "percent", "shown"),
    [(D(8000000), False, "8,000,000"), (D("0.125"), False, "0.125"), (D("0.008"), True, "0.80%")],
)
def test_numbers_are_formatted_for_people(value: Decimal, percent: bool, shown: str) -> None:
    assert fmt_number(value, percent) == shown


@given(st.text(max_size=60))
def test_parse_never_fails_other_than_with_an_expression_error(source: str) -> None:
    try:
        parse(source)
    except ExprError as err:
        assert 1 <= err.column <= len(source) + 1


_decimals = st.decimals(
    min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=2
)


@given(_decimals, _decimals)
def test_comparison_agrees_with_decimal_and_its_explanation(a: Decimal, b: Decimal) -> None:
    e = env(a=a, b=b)
    holds = truth(parse("a >= b"), e)
    assert holds == (a >= b)
    assert ("≥" in explain(parse("a >= b"), e)) == holds
