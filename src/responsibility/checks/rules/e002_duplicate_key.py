"""A mapping has the same key twice.

## What it checks
That no mapping in a policy file repeats a key. Plain YAML readers silently keep the last value.

## Why
A duplicated `quote:` or `owners:` means one of the two was meant to be somewhere else; keeping
the last one silently loses an encoding decision.

## Example
```yaml
- id: annual-report
  modality: obligation
  modality: permission
```

## Fix
Keep the value the text supports and delete the other:
```yaml
- id: annual-report
  modality: obligation
```
"""

from responsibility.core import codes

RULE = codes.E002
