"""A local duty implements a parent duty but gives it to owners at another level.

## What it checks
For each parent duty the local regulation implements, that at least one of the local duties
implementing it has an owner at a level one of the parent duty's owners sits at. The rule fires
only when *no* implementing duty sits at a parent owner's level, and then at each implementing
duty: a city's extra review layer that carries out a county duty is not a wrong level when the
same regulation also gives the county its own duty implementing it (the layer is added
oversight, not a transfer). The comparison uses the owners' levels in the catalogue (a concrete
body such as 示例县人民政府 has the level of its role). Parent owners at the level `all` (各级,
which binds every level) or `society` are satisfied by any level.

## Why
Handing a county duty down to townships (or up to the city) changes who answers for it; the
parent measure fixed the level on purpose (市县抓落实, 乡镇具体实施).

## Example
```yaml
# central 第十九条: 县级政府应当建立扶贫项目库
- id: project-pool
  owners: [{actor: township.government}]
  implements: [central/art_19/project-pool]
```

## Fix
```yaml
- id: project-pool
  owners: [{actor: county.government}]
  implements: [central/art_19/project-pool]
```
If the text really gives the duty to townships, keep it, say why in `note`, and waive the
finding with the approval of whoever may change the level.
"""

from collections.abc import Iterator

from responsibility.core.errors import Severity
from responsibility.policy.model import LEVEL_ORDER

from ...semantics import duty_levels
from .. import Category, Finding, Rule
from ..context import ConformanceContext

RULE = Rule(
    "C002",
    "wrong-level",
    Severity.warning,
    "a parent duty is implemented by owners at another level",
    Category.conformance,
)


HIERARCHY = frozenset(LEVEL_ORDER)


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    for parent, locals_ in ctx.implemented_pairs():
        want = duty_levels(ctx.ps, parent.duty)
        if not want <= HIERARCHY:
            continue  # 各级 (all) binds every level; society is outside the hierarchy
        if not want or any(duty_levels(ctx.ps, local.duty) & want for local in locals_):
            continue  # some implementing duty sits at the parent's level: others add layers
        for local in locals_:
            got = duty_levels(ctx.ps, local.duty)
            if not got <= HIERARCHY:
                continue
            say = ctx.names
            named, want_at, got_at = say.named_duty(parent), say.levels(want), say.levels(got)
            yield RULE.finding(
                ctx.where((*local.path, "owners"), local.citation),
                say.pick(
                    f"承接{named}（责任层级：{want_at}），责任主体却在{got_at}",
                    f"implements {named} (owned at {want_at}) with owners at {got_at}",
                ),
                target=local.ref,
                hint=say.pick(
                    f"将该职责交由{want_at}的责任主体承担；"
                    "如原文确实调整了层级，在 note 中说明理由并豁免此项",
                    f"give the duty to an owner at {want_at} level; if the text moves it, say why in"
                    " a note and waive the finding",
                ),
            )
