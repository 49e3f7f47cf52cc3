"""A scenario names a computable rule that does not exist.

## What it checks
Each rule id in a scenario's `rules` and `expect` against the computable rules of the loaded
policies (`REGULATION/RULE`).

## Why
An expectation of a rule that does not exist can never be met; a misspelt id would make the
scenario fail for the wrong reason, or a `rules:` list check nothing.

## Example
```yaml
expect: [{rule: wuyi/special-fund-share, outcome: fail}]
```

## Fix
```yaml
expect: [{rule: wuyi/special-funds-share, outcome: fail}]
```
"""

from responsibility.core import codes

RULE = codes.S006
