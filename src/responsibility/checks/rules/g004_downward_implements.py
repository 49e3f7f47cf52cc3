"""An implements link that points down a level.

## What it checks
That a duty implements parent duties at its own level or above: a county duty may carry out a
provincial one, but a provincial duty cannot carry out a county's.

## Why
`implements` says where a duty comes from. A link pointing down usually has its ends swapped, or
names a duty of the wrong regulation, and makes `trace` and coverage wrong.

## Example
```yaml
# in a provincial rule
- id: supervise-pools
  owners: [{actor: province.party-committee-and-government}]
  implements: [fixture-county/art_1/project-pool]
```

## Fix
Link the duty to the parent it carries out (a duty of the central measure), or drop the link and
mark it `local_addition: true`.
"""

from collections.abc import Iterator

from responsibility.core import codes
from responsibility.core.errors import Finding
from responsibility.graph import checks as graphchecks

from ..context import ConformanceContext
from ._graph import findings

RULE = codes.G004


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    yield from findings(RULE, ctx, graphchecks.downward_implements)
