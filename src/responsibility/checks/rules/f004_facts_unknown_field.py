"""A facts table, column or step field that is not known.

## What it checks
Table names (`fiscal`, `personnel`, `assessments`, `counties`, `cases`, …), CSV columns of a
table and the fields of a case's step, against those `docs/computable.md` lists.

## Why
An unknown name is usually a misspelling; silently ignoring it would leave a rule without the
facts the author meant to give it.

## Example
```yaml
kind: facts
budget:
- {place: example.county, year: 2018}
```

## Fix
```yaml
kind: facts
fiscal:
- {place: example.county, year: 2018}
```
"""

from responsibility.core import codes

RULE = codes.F004
