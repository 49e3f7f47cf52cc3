"""Two things share an id (regulations, actors, places, provisions, duties in one provision …).

## What it checks
That ids are unique where they must be: regulation and catalogue ids across the policy set;
actor, place, artefact kind and topic ids across all catalogues and regulations; provision and
division ids within a regulation; duty ids within a provision.

## Why
Duty ids (`REG/PROVISION/DUTY`) are what local rules cite in `implements` and what waivers and
evidence refer to; a duplicate makes the citation ambiguous.

## Example
```yaml
duties:
- id: report
  quote: 每年向中央报告扶贫脱贫进展情况
- id: report
  quote: 向中央签署脱贫责任书
```

## Fix
```yaml
duties:
- id: annual-report
  quote: 每年向中央报告扶贫脱贫进展情况
- id: sign-letter
  quote: 向中央签署脱贫责任书
```
"""

from responsibility.core import codes

RULE = codes.E020
