"""A scenario or expectation lacks a value it needs, or has one of the wrong kind.

## What it checks
Each scenario has a non-empty `name`, unique within its file; each expectation names a `rule`,
an `outcome` that is one of pass, fail, unknown, info, and a `year`, where given, that is a
whole number.

## Why
`responsibility test` reports each scenario by its name, so two with one name cannot be told
apart; an expectation without a rule or with an outcome the evaluation never gives can never be
met, and the scenario would fail for the wrong reason.

## Example
```yaml
- name: below one per cent
  expect: [{rule: wuyi/special-funds-share, outcome: failed, year: "2018年"}]
```

## Fix
```yaml
- name: below one per cent
  expect: [{rule: wuyi/special-funds-share, outcome: fail, year: 2018}]
```
"""

from responsibility.core import codes

RULE = codes.S003
