"""A required field is missing (a duty without owners, quote or action; a provision without text).

## What it checks
That every required field of the schema is present: a duty needs `id`, `summary`, `owners`
(at least one), `action` and `quote`; a provision needs `id` and `text`; a regulation needs
`id`, `title`, `level` and `jurisdiction`.

## Why
A duty without an owner is the gap the responsibility system exists to close: nobody can be
held to it.

## Example
```yaml
- id: project-pool
  summary: {zh: 建立扶贫项目库}
  action: establish
  quote: 建立扶贫项目库
```

## Fix
```yaml
- id: project-pool
  summary: {zh: 建立扶贫项目库}
  owners:
  - {actor: county.government, zh: 县级政府}
  action: establish
  quote: 建立扶贫项目库
```
"""

from responsibility.core import codes

RULE = codes.E012
