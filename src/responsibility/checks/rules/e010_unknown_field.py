"""A field the schema does not know (usually a misspelling).

## What it checks
Every key of every mapping against the schema (`responsibility schema`). The hint names the
nearest known field.

## Why
A misspelt key (`frequncy: annual`) would otherwise be silently ignored, and the duty would be
checked as if the text gave no frequency.

## Example
```yaml
- id: annual-report
  frequncy: annual
```

## Fix
```yaml
- id: annual-report
  frequency: annual
```
"""

from responsibility.core import codes

RULE = codes.E010
