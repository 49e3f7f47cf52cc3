"""A duty of a local rule neither implements a parent duty nor is marked as a local addition.

## What it checks
In a regulation that implements parents, that every duty says where it comes from: `implements`
(the parent duties it carries out) or `local_addition: true`.

## Why
Coverage of the parent is computed from these links. An unlinked duty may be the very duty that
carries out a parent duty reported as missing — or a local invention that should be labelled.

## Example
```yaml
- id: village-notice-board
  action: disclose
  quote: 村级设立扶贫公示栏
```

## Fix
```yaml
- id: village-notice-board
  action: disclose
  quote: 村级设立扶贫公示栏
  local_addition: true
```
"""

from collections.abc import Iterator

from responsibility.core.errors import Severity

from .. import Category, Finding, Rule
from ..context import ConformanceContext

RULE = Rule(
    "C009",
    "unanchored-duty",
    Severity.warning,
    "a local duty has neither implements nor local_addition",
    Category.conformance,
)


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    if not ctx.parents:
        return
    for entry in ctx.local_duties:
        if entry.duty.implements or entry.duty.local_addition:
            continue
        say = ctx.names
        summary = say.duty_summary(entry)
        yield RULE.finding(
            ctx.where(entry.path, entry.citation),
            say.pick(
                f"职责{summary}既未写明承接的上级职责（implements），也未标为地方新增（local_addition）",
                f"duty {summary} has neither implements nor local_addition",
            ),
            target=entry.ref,
            hint=say.pick(
                "在 implements 中列出它承接的上级职责，或写明 local_addition: true",
                "list the parent duties it carries out in implements, or set local_addition: true",
            ),
        )
