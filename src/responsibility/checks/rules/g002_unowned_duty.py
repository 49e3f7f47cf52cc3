"""A duty whose owners do not resolve to any body in the graph.

## What it checks
That every duty of the checked regulation has at least one owns edge in the responsibility graph.
The schema requires an owner, so this fires only when the policy set was built around the loader
(generated or edited in memory) — it guards the graph itself.

## Why
A duty nobody owns is a duty nobody can be held to; every query (who, owes, the 责任清单) would
silently leave it out.

## Example
A duty built in Python with `owners=[]` and added to a policy set.

## Fix
Give the duty the owner its quote names:
```yaml
owners: [{actor: county.government}]
```
"""

from collections.abc import Iterator

from responsibility.core import codes
from responsibility.core.errors import Finding
from responsibility.graph import checks as graphchecks

from ..context import ConformanceContext
from ._graph import findings

RULE = codes.G002


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    yield from findings(RULE, ctx, graphchecks.unowned_duties)
