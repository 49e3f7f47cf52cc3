"""A parent duty addressed to a level this rule governs is neither implemented nor set aside.

## What it checks
For every duty of each parent regulation (those in `implements:`, or the one named with
`--against`) that applies to the local rule — an owner sits at a level the rule governs (its
own and every level below), at `all` (各级, which binds every level) or in `society` — that some
local duty implements it, or that the regulation lists it in `not_implemented` with a reason.
The answer is `semantics.parent_status`, the same one `trace` and the site's 缺失 lists give
(see docs/semantics.md). A regulation that is an excerpt (`coverage: kind: excerpt`) gets no
finding for a duty its received provisions do not carry out: that duty is *not assessed*.

The finding is reported where the local rule names the parent (its `implements:` entry), with
the parent's article (第十九条) and the parent duty's id as target.

## Why
This is the gap an implementing rule must not have: a duty the centre assigns to counties that
the county rule never mentions is a duty nobody in the county is held to.

## Example
The central measure's 第十九条 makes the county government build a project pool; the county
draft says nothing about it:
```yaml
implements: [central]
# … no duty has implements: [central/art_19/project-pool]
```

## Fix
Carry it out in the article that does so:
```yaml
- id: project-pool
  owners: [{actor: county.government}]
  action: establish
  implements: [central/art_19/project-pool]
  quote: 县政府建立扶贫项目库
```
or record, with a reason grounded in the text, that the rule does not:
```yaml
not_implemented:
- duty: central/art_19/project-pool
  reason: the project pool is set up by the county's separate 项目库管理办法
```
"""

from collections.abc import Iterator

from responsibility.core.errors import Severity

from ...semantics import ParentStatus
from .. import Category, Finding, Rule
from ..context import ConformanceContext

RULE = Rule(
    "C001",
    "missing-implementation",
    Severity.error,
    "a parent duty for this level is neither implemented nor recorded in not_implemented",
    Category.conformance,
)


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    for parent, verdict in ctx.verdicts:
        if verdict.status != ParentStatus.missing:
            continue
        say = ctx.names
        named = say.named_duty(parent)
        yield RULE.finding(
            ctx.where(ctx.parent_link(parent.regulation.id), parent.citation),
            say.pick(
                f"{named}缺失：本规定没有承接它的职责，也未在 not_implemented 中说明不实施的理由",
                f"{named} is neither implemented by a duty here nor listed in not_implemented",
            ),
            target=parent.ref,
            hint=say.pick(
                f"在承接它的职责中写明 implements: [{parent.ref}]，或将它列入 not_implemented 并写明理由",
                f"add implements: [{parent.ref}] to the duty that carries it out, "
                "or list it in not_implemented with a reason",
            ),
        )
