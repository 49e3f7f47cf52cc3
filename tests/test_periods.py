"""Calendar periods and ISO-week arithmetic (evidence `period`, `--period`): properties over the
whole allowed range of years, so a bound or an off-by-one in week counting cannot hide."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from responsibility.checks.evidence import (
    YEARS,
    Period,
    parse_period,
    parse_range,
    periods,
    weeks_in,
)

years = st.integers(YEARS[0], YEARS[1])
COUNT = {"Y": 1, "H": 2, "Q": 4, "M": 12}


@st.composite
def any_period(draw: st.DrawFn) -> Period:
    year = draw(years)
    unit = draw(st.sampled_from("YHQMW"))
    count = weeks_in(year) if unit == "W" else COUNT[unit]
    return Period(year, unit, draw(st.integers(1, count)))


@given(any_period())
def test_a_period_reads_back_from_its_text(p: Period) -> None:
    assert parse_period(str(p)) == p
    assert p.start <= p.end


@given(years, st.sampled_from("YHQMW"))
def test_the_periods_of_a_year_follow_each_other_without_gap_or_overlap(year: int, unit: str) -> None:
    ps = periods(unit, *parse_range(str(year)))
    assert len(ps) == (weeks_in(year) if unit == "W" else COUNT[unit])
    for a, b in itertools.pairwise(ps):
        assert b.start == a.end + dt.timedelta(days=1)
    if unit != "W":  # calendar periods tile the year exactly
        assert (ps[0].start, ps[-1].end) == (dt.date(year, 1, 1), dt.date(year, 12, 31))


@given(years)
def test_an_iso_week_year_has_52_or_53_weeks_and_week_1_holds_4_january(year: int) -> None:
    assert weeks_in(year) in (52, 53)
    first = Period(year, "W", 1)
    assert first.start <= dt.date(year, 1, 4) <= first.end
    # the last week holds 28 December, and the next year's week 1 follows it
    last = Period(year, "W", weeks_in(year))
    assert last.start <= dt.date(year, 12, 28) <= last.end
    if year < YEARS[1]:
        assert Period(year + 1, "W", 1).start == last.end + dt.timedelta(days=1)


@given(any_period(), any_period())
def test_a_range_covers_both_ends_or_is_refused(a: Period, b: Period) -> None:
    text = f"{a}..{b}"
    if b.end < a.start:
        with pytest.raises(ValueError, match="ends before it starts"):
            parse_range(text)
        return
    start, end = parse_range(text)
    assert (start, end) == (a.start, b.end)


@given(any_period(), st.integers(0, 400), st.integers(0, 400), st.sampled_from("YHQMW"))
def test_a_wider_range_never_holds_fewer_periods(p: Period, before: int, after: int, unit: str) -> None:
    start, end = p.start, p.end
    wide = (
        max(start - dt.timedelta(days=before), dt.date(YEARS[0], 1, 1)),
        min(end + dt.timedelta(days=after), dt.date(YEARS[1], 12, 31)),
    )
    assert set(periods(unit, start, end)) <= set(periods(unit, *wide))


@given(st.text(max_size=20))
def test_any_text_is_a_period_or_a_value_error(text: str) -> None:
    try:
        p = parse_period(text)
    except ValueError:
        return
    assert YEARS[0] <= p.year <= YEARS[1]


@given(st.integers(-10_000, 100_000).filter(lambda y: not YEARS[0] <= y <= YEARS[1]))
def test_years_outside_the_bound_are_refused_before_any_arithmetic(year: int) -> None:
    for suffix in ("", "-Q1", "-W01", "-12"):
        with pytest.raises(ValueError):
            parse_period(f"{year}{suffix}")
