"""A computable rule's expression (`require`, `applies`, `rank`) that does not parse.

## What it checks
Each expression in a regulation's rules document (`*.rules.yaml`) against the expression
language of `docs/computable.md`: operators, names, numbers and parentheses in their places. The
finding points at the character where parsing stopped.

## Why
A rule whose condition cannot be read cannot be evaluated on any facts; reporting it when the
policies load keeps a typo from surfacing only when someone supplies facts.

## Example
```yaml
rules:
- id: special-funds-share
  require: special_poverty_funds / revenue >=
```

## Fix
```yaml
  require: special_poverty_funds / revenue >= 0.01
```
"""

from responsibility.core import codes

RULE = codes.E030
