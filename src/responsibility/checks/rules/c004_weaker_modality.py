"""A parent obligation is implemented only as a recommendation or a permission (应当 → 可以).

## What it checks
For each parent duty that local duties implement, that the strongest of them is at least as
binding as the parent: obligation and prohibition (应当, 必须, 严禁) outrank recommendation
(鼓励, 积极), which outranks permission (可以).

## Why
An implementing rule may add detail but not loosen the parent: a county that "may" report where
the centre says it "shall" has weakened the duty.

## Example
```yaml
# central 第十九条: 县级政府应当建立扶贫项目库
- id: project-pool
  modality: permission
  quote: 县政府可以建立扶贫项目库
  implements: [central/art_19/project-pool]
```

## Fix
Make the text (and its encoding) at least as strong as the parent:
```yaml
- id: project-pool
  modality: obligation
  quote: 县政府应当建立扶贫项目库
  implements: [central/art_19/project-pool]
```
"""

from collections.abc import Iterator

from responsibility.core.errors import Severity
from responsibility.policy.labels import MODALITY_LABEL
from responsibility.policy.model import MODALITY_STRENGTH

from .. import Category, Finding, Rule
from ..context import ConformanceContext

RULE = Rule(
    "C004",
    "weaker-modality",
    Severity.error,
    "a parent duty is implemented with weaker force (应当 → 可以)",
    Category.conformance,
)


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    for parent, locals_ in ctx.implemented_pairs():
        best = max(locals_, key=lambda e: MODALITY_STRENGTH[e.duty.modality])
        if MODALITY_STRENGTH[best.duty.modality] >= MODALITY_STRENGTH[parent.duty.modality]:
            continue
        say = ctx.names
        named = say.named_duty(parent)
        want, got = (say.label(MODALITY_LABEL, m) for m in (parent.duty.modality, best.duty.modality))
        yield RULE.finding(
            ctx.where((*best.path, "modality"), best.citation),
            say.pick(
                f"{named}的约束力为「{want}」，本规定减弱为「{got}」",
                f"{named} is an {want}; this rule makes it a {got}",
            ),
            target=parent.ref,
            hint=say.pick(
                f"按上级规定写作「{want}」（modality: {parent.duty.modality.value}），与上级同样有约束力",
                f"state the duty as an {want} (应当/必须), as the parent does",
            ),
        )
