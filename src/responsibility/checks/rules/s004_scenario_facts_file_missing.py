"""A scenario names a facts file that does not exist.

## What it checks
Each path in a scenario's `facts_files`, relative to the scenario file.

## Why
A scenario whose facts are missing would evaluate its rules on nothing and report what the
missing facts would have decided as undetermined.

## Example
```yaml
- name: 2018 figures
  facts_files: [fiscal-2018.csv]    # no such file beside the scenario file
```

## Fix
Put the file beside the scenario file, or correct its path.
"""

from responsibility.core import codes

RULE = codes.S004
