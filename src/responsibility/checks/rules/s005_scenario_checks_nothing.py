"""A scenario with no expectation and no list of rules.

## What it checks
Each scenario has `expect:` entries, or `rules:` naming the rules it expects to give no finding.

## Why
A scenario that expects nothing passes whatever the rules do: it is not a test.

## Example
```yaml
- name: 2018 figures
  facts_files: [fiscal-2018.csv]
```

## Fix
```yaml
- name: 2018 figures
  facts_files: [fiscal-2018.csv]
  expect: [{rule: wuyi/special-funds-share, outcome: pass}]
```
"""

from responsibility.core import codes

RULE = codes.S005
