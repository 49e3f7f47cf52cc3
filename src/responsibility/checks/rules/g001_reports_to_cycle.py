"""Bodies that, through reports-to links, end up reporting to themselves.

## What it checks
The reports-to links of every duty in the policy set, as a graph of bodies; a cycle in it is a
finding, positioned at a duty of the checked regulation that creates one of its links.

## Why
Accountability runs upward to someone who is not answerable to you. A cycle (the township reports
to the county office, which reports to the township) means that nobody at the top of the loop
answers to anyone outside it — usually a counterparty written on the wrong duty.

## Example
```yaml
- id: report-up
  owners: [{actor: township.party-committee-and-government}]
  counterparties: [{role: reports-to, actor: county.leading-group-office}]
# … and elsewhere
- id: report-down
  owners: [{actor: county.leading-group-office}]
  counterparties: [{role: reports-to, actor: township.party-committee-and-government}]
```

## Fix
Check both duties against their quotes: the lower body reports to the higher one. If the text
really says the office informs the township, use `target` (the body acted on), not `reports-to`.
"""

from collections.abc import Iterator

from responsibility.core import codes
from responsibility.core.errors import Finding
from responsibility.graph import checks as graphchecks

from ..context import ConformanceContext
from ._graph import findings

RULE = codes.G001


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    yield from findings(RULE, ctx, graphchecks.reports_to_cycles)
