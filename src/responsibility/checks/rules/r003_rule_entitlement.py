"""The supplied facts establish an entitlement a provision grants.

## What it checks
With `--facts`, rules that grant rather than require (山西 第四十九条: the top 20% of poor counties
in the assessment ranking are commended; three consecutive years rated excellent give priority for
promotion) report who is entitled, with the ranking or the streak that decides it.

## Why
Rewards are half of 奖惩. An office preparing commendations, and an inspector checking that they
went to the right counties, both need the list computed the same way every time.

## Example
Assessment scores of 58 poor counties for 2018: the 12 best (20% of 58, rounded half up, with ties
at the cut included) are listed.

## Fix
Nothing to fix: this is information. Ignore it with `ignore = ["R003"]` where it is not wanted.
"""

from responsibility.core.errors import Severity

from .. import Category, Rule

RULE = Rule(
    "R003",
    "rule-entitlement",
    Severity.info,
    "the supplied facts establish an entitlement (commendation, priority for promotion)",
    Category.computable,
    status="info",
)
