"""A local duty implements a parent duty with a different owner at the same level, and no note.

## What it checks
For each local duty that implements a parent duty and has owners at the parent's level, that
one of its owners fills the same role as one of the parent's owners. A concrete body counts as
its role (示例县人民政府 is a `county.government`); a joint owner (县级党委和政府) counts as
itself and each of its members (`semantics.same_owner`). When the owner differs a note must say
why — on the duty, on its provision (one note on the article covers its duties), or a
regulation-level note naming the duty's id (`semantics.explanation`; see the writing guide).

## Why
The parent measure names who answers for a duty (县级政府 for the project pool, 县级党委和政府
for the implementation plan). Moving it to the county's poverty alleviation office may be a
legitimate local arrangement, but it must be a visible, explained choice.

## Example
```yaml
- id: project-pool
  owners: [{actor: county.leading-group-office}]
  implements: [central/art_19/project-pool]
```

## Fix
```yaml
- id: project-pool
  owners: [{actor: county.government}]
  implements: [central/art_19/project-pool]
```
or keep the new owner and add `note: 县扶贫办 builds the pool on behalf of the county government (第八条)`.
"""

from collections.abc import Iterator

from responsibility.core.errors import Severity

from ...semantics import duty_levels, explanation, same_owner
from .. import Category, Finding, Rule
from ..context import ConformanceContext

RULE = Rule(
    "C003",
    "owner-changed",
    Severity.warning,
    "a parent duty is implemented by another owner without a note",
    Category.conformance,
)


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    for parent, locals_ in ctx.implemented_pairs():
        want = [o.actor for o in parent.duty.owners]
        for local in locals_:
            if explanation(local) or not duty_levels(ctx.ps, local.duty) & duty_levels(ctx.ps, parent.duty):
                continue  # explained, or a level change that wrong-level reports
            if same_owner(ctx.ps, [o.actor for o in local.duty.owners], want):
                continue
            say = ctx.names
            named, ours, theirs = (
                say.named_duty(parent),
                say.owners(local.duty.owners),
                say.owners(parent.duty.owners),
            )
            yield RULE.finding(
                ctx.where((*local.path, "owners"), local.citation),
                say.pick(
                    f"责任主体为{ours}，与{named}的责任主体{theirs}不同，且没有 note 说明理由",
                    f"owners {ours} differ from {named}'s {theirs}, and no note explains why",
                ),
                target=local.ref,
                hint=say.pick(
                    "将该职责交由上级规定的责任主体承担，或在 note 中说明改变的理由",
                    "give the duty to the parent's owner, or add a note explaining the change",
                ),
            )
