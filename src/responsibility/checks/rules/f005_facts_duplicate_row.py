"""Two facts rows for the same place (and unit) and year, or two cases with one id.

## What it checks
The yearly tables (`fiscal`, `assessments`, `counties`) hold at most one row per place, unit
and year; `cases` holds each case id once. The finding is at the second row and names the first.

## Why
Two revenue figures for one county and year give two answers to the same rule; the checker
will not pick one.

## Example
```csv
place,year,general_budget_revenue
example.county,2018,1000000000
example.county,2018,1200000000
```

## Fix
Keep one row per place and year; merge the two.
"""

from responsibility.core import codes

RULE = codes.F005
