"""A body that owns duties, but no text says to whom it answers.

## What it checks
For every body owning a duty of the checked regulation: that some duty links it upward — it
reports to, signs with, is approved, reviewed, assessed or supervised by another body, or another
body's duty to assess, supervise, inspect, audit, manage (管理) or hold it to account (问责、约谈、召回)
targets it — itself or through anything it answers through: its role type, the composites it is a
member of and the bodies it is `part_of`, transitively (a 县委书记 answers through 县委, a member
of 县委、县政府, which reports every year; `semantics.accountability_closure`, the same walk
`chain` takes; see docs/semantics.md).
Central bodies, 各级 (`all`) and non-state actors are exempt: the text cannot place them under
anyone.

## Why
The responsibility system works by pressing responsibility down and reporting up (层层落实).
A body with duties and no upward line is where accountability stops; in a local rule it is often
a department whose reporting line the draft forgot.

## Example
```yaml
- id: pool
  owners: [{actor: county.government}]
  action: establish
  quote: 县级政府应当建立扶贫项目库
```
…with no duty anywhere saying to whom the county government reports or who assesses it.

## Fix
Encode the reporting, signing or assessment the text gives (每年向市扶贫开发领导小组报告…). If
the text gives none, the finding is a gap in the text: keep it, or waive it with the reason.
"""

from collections.abc import Iterator

from responsibility.core import codes
from responsibility.core.errors import Finding
from responsibility.graph import checks as graphchecks

from ..context import ConformanceContext
from ._graph import findings

RULE = codes.G003


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    yield from findings(RULE, ctx, graphchecks.unaccountable_owners)
