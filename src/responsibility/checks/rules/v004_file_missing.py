"""The manifest lists an artefact whose file is not in the inventory.

## What it checks
That the `path` of each artefact that would fill an expected slot names a regular file under the
inventory root.

## Why
A manifest entry without its document is a claim, not evidence.

## Example
```yaml
- {kind: annual-plan, producer: county.government, place: example.city.shili,
   period: '2018', date: 2018-01-20, path: 2018/annual-plan.pdf}   # no such file
```

## Fix
Add the file at that path, or correct the path.
"""

from responsibility.core.errors import Severity

from .. import Category, Rule

RULE = Rule(
    "V004",
    "file-missing",
    Severity.error,
    "a listed artefact's file does not exist",
    Category.evidence,
    status="file-missing",
)
