"""A duty is marked `local_addition` and also `implements` a parent duty.

## What it checks
That a duty is either a local addition (no parent) or carries out parent duties, not both.

## Why
Coverage of the parent is computed from `implements`; a duty that claims both confuses the
count of what the local rule adds on its own.

## Example
```yaml
- id: annual-report
  implements: [central/art_9/annual-report]
  local_addition: true
```

## Fix
```yaml
- id: annual-report
  implements: [central/art_9/annual-report]
```
"""

from responsibility.core import codes

RULE = codes.E024
