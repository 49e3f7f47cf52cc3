"""Places whose `parent:` links form a cycle.

## What it checks
The `parent:` of every place in the catalogues and regulations, as links from a place to the
larger area that holds it; a place that is its own parent, or a chain of parents that comes back
to the first place, is a finding, placed at the `parent` of the loop's smallest place id. The
message names the whole loop.

## Why
The place hierarchy (中国 › 河北省 › 衡水市 › 武邑县) decides which concrete bodies a role type
applies to and where a chain of responsibility goes next. A loop has no top: "the province this
county lies in" has no answer and a walk up the hierarchy would never end. The loader refuses it.

## Example
```yaml
places:
- id: fx-province
  level: province
  parent: fx-county
- id: fx-county
  level: county
  parent: fx-province
```

## Fix
Each place's parent is the area one level up; the top place (the country) has none:
```yaml
- id: fx-province
  level: province
  parent: cn
```
"""

from responsibility.core import codes

RULE = codes.E027
