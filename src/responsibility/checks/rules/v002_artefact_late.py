"""An artefact is dated after the end of the period it covers (plus the configured grace days).

## What it checks
For each expected artefact that is present, that its `date` is no later than the last day of its
period plus `grace-days` (configuration, default 0; `--grace-days N`). Artefacts of duties with
frequency `once` are never late.

## Why
A quarterly report filed after the quarter has ended is a report, but not the timely one the
duty asks for.

## Example
```csv
kind,producer,place,counterparty,period,date,path
progress-report,county.government,example.city.shili,city.party-committee-and-government,2018-Q3,2018-11-20,2018/q3.pdf
```
(the third quarter ends on 2018-09-30)

## Fix
Correct the date if it was mistyped; otherwise the lateness is the finding. Where the rule gives
a later deadline (每季度结束后15日内), set `grace-days` accordingly.
"""

from responsibility.core.errors import Severity

from .. import Category, Rule

RULE = Rule(
    "V002",
    "artefact-late",
    Severity.warning,
    "an artefact is dated after its period ended",
    Category.evidence,
    status="late",
)
