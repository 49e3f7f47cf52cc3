"""A scenario without a name, or with the name of another scenario in the same file.

## What it checks
Each scenario has a non-empty `name`, unique within its file.

## Why
`responsibility test` reports each scenario by its name; two with one name cannot be told apart
in its output.

## Example
```yaml
- name: below one per cent
  ...
- name: below one per cent
  ...
```

## Fix
Give each scenario its own name.
"""

from ... import codes

RULE = codes.S003
