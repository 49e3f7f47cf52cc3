"""A field of a scenario file or scenario that is not known.

## What it checks
The top-level keys of a scenario file (`kind`, `id`, `note`, `scenarios`) and the fields of each
scenario and expectation.

## Why
An unknown field is usually a misspelling (`expects:`), and a misspelt expectation would make a
scenario check less than its author meant.

## Example
```yaml
- name: below one per cent
  expects: [{rule: wuyi/special-funds-share, outcome: fail}]
```

## Fix
```yaml
- name: below one per cent
  expect: [{rule: wuyi/special-funds-share, outcome: fail}]
```
"""

from responsibility.core import codes

RULE = codes.S002
