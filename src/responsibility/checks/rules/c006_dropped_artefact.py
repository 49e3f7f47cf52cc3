"""A parent duty requires an artefact that no implementing local duty produces.

## What it checks
For each parent duty that local duties implement, that every artefact kind in the parent's
`artefacts` is produced by at least one of the implementing duties — as that kind or as a kind
the catalogue says `satisfies` it (a `rolling-plan` is an `implementation-plan`;
`semantics.satisfies`, the same test evidence matching uses).

## Why
Artefacts — responsibility letters, progress reports, project pools, public notices — are what
inspectors ask to see. A local rule that keeps the duty but drops the document leaves nothing to
inspect, and the evidence check stops expecting it.

## Example
```yaml
# central 第九条: 向中央签署脱贫责任书 (artefacts: [responsibility-letter])
- id: sign-letter
  action: sign
  artefacts: []
  implements: [central/art_9/sign-letter]
```

## Fix
```yaml
- id: sign-letter
  action: sign
  artefacts: [responsibility-letter]
  implements: [central/art_9/sign-letter]
```
"""

from collections.abc import Iterator

from responsibility.core.errors import Severity

from ...semantics import satisfies
from .. import Category, Finding, Rule
from ..context import ConformanceContext

RULE = Rule(
    "C006",
    "dropped-artefact",
    Severity.error,
    "a required artefact of the parent duty is produced by no implementing duty",
    Category.conformance,
)


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    for parent, locals_ in ctx.implemented_pairs():
        produced = {a for e in locals_ for a in e.duty.artefacts}
        first = locals_[0]
        for kind in parent.duty.artefacts:
            if any(satisfies(ctx.ps, p, kind) for p in produced):
                continue
            say = ctx.names
            named, material = say.named_duty(parent), say.artefact(kind)
            yield RULE.finding(
                ctx.where((*first.path, "artefacts") if first.duty.artefacts else first.path, first.citation),
                say.pick(
                    f"{named}需形成材料「{material}」，本规定承接它的职责都不形成这一材料",
                    f"{named} requires the artefact {material}; no duty implementing it here produces one",
                ),
                target=f"{parent.ref}#{kind}",
                hint=say.pick(
                    f"在承接它的职责的 artefacts 中加入 {kind}",
                    f"add {kind} to the artefacts of the duty that carries it out",
                ),
            )
