"""A scenario file or entry that is not shaped as a scenario.

## What it checks
That a scenario file is a mapping with `kind: scenarios` and a non-empty `scenarios` list, that
each scenario, its `facts`, `rules` and `expect` have the documented shape (`docs/computable.md`).

## Why
Scenarios are the tests of the computable rules; a file of another shape tests nothing, so it
fails `responsibility test` instead of passing silently.

## Example
```yaml
kind: scenarios
scenarios:
  name: below one per cent
```

## Fix
```yaml
kind: scenarios
scenarios:
- name: below one per cent
  facts:
    fiscal:
    - {place: cn.hebei.hengshui.wuyi, year: 2018, general_budget_revenue: 100, special_poverty_funds: 0.5}
  expect: [{rule: wuyi/special-funds-share, outcome: fail}]
```
"""

from responsibility.core import codes

RULE = codes.S001
