"""A facts row that lacks a field its table requires.

## What it checks
Each row of each facts table for the fields the table requires (a fiscal row's `place` and
`year`, a case's `id`, `subject`, `place` and `steps`, a step's `step` and `by`); `docs/computable.md` lists
them.

## Why
A row without its place or year cannot be matched to the provision it is evidence for; guessing
would evaluate a rule on the wrong county or year.

## Example
```yaml
kind: facts
fiscal:
- {year: 2018, special_poverty_funds: 8000000}
```

## Fix
```yaml
fiscal:
- {place: example.county, year: 2018, special_poverty_funds: 8000000}
```
"""

from responsibility.core import codes

RULE = codes.F002
