"""A facts table, column or step field that is not known.

## What it checks
Table names (`fiscal`, `personnel`, `assessments`, `counties`, `cases`, …), the CSV columns and
YAML keys of a table's rows, and the fields of a case's step, against those `docs/computable.md`
lists and the facts the loaded rules read (a county's own rule that reads a fact of its own
makes it known). `special_poverty_fund` in a fiscal table is reported at its column or key, with
the field meant: `special_poverty_funds`. Every row may carry a `note`.

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
