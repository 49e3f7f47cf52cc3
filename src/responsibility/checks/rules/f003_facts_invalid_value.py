"""A facts value of the wrong type or outside its vocabulary.

## What it checks
Each value whose field has a type: years and counts are whole numbers, figures
(`general_budget_revenue`, `special_poverty_funds`, `score`, `poverty_weight`, …) are numbers
(`92%` is one), dates are dates (2018-03-01), flags are true or false, `subject` is one of the
subjects the rules know. The finding points at the value (in a CSV file, at its cell).

## Why
A rule compares numbers and dates; a year written `2018年`, a figure written `lots` or a date
`3/1/2018` cannot be compared, and reading it as something else would evaluate the rule on a
guess (or leave it undetermined, a warning, where the file is wrong).

## Example
```yaml
fiscal:
- {place: example.county, year: 2018年, special_poverty_funds: 8000000}
```

## Fix
```yaml
fiscal:
- {place: example.county, year: 2018, special_poverty_funds: 8000000}
```
"""

from responsibility.core import codes

RULE = codes.F003
