"""The regulation implements a document that is not in the library, so it is not checked against it.

## What it checks
Each entry of `cites` with `parent: true`: a parent the rule implements that is not encoded in
the policy library (for a county in Hebei, the province's own 实施细则, say). Conformance to it
cannot be checked; this is reported for information.

## Why
A clean run must not be read as "conforms to every parent" when one parent was never compared.

## Example
```yaml
cites:
- id: hebei-implementing-rules
  title: {zh: 河北省脱贫攻坚责任制实施细则}
  parent: true
```

## Fix
Nothing is wrong. Encode the parent (or pass it with `--policies DIR`) and list it in
`implements:` to have the rule checked against it; or ignore the rule in configuration.
"""

from collections.abc import Iterator

from responsibility.core.errors import Severity

from .. import Category, Finding, Rule
from ..context import ConformanceContext

RULE = Rule(
    "C007",
    "parent-outside-library",
    Severity.info,
    "a parent the rule implements is not in the library and is not checked",
    Category.conformance,
)


def check(ctx: ConformanceContext) -> Iterator[Finding]:
    for i, cited in enumerate(ctx.regulation.cites):
        if not cited.parent or cited.id in ctx.ps.regulations:
            continue
        say = ctx.names
        title = f"《{cited.title.zh}》" if say.zh else say.text(cited.title)
        title += (
            f"（{cited.number}）" if say.zh and cited.number else f" ({cited.number})" if cited.number else ""
        )
        yield RULE.finding(
            ctx.where(("cites", i)),
            say.pick(
                f"上级文件{title}未收入本库，未检查本规定与它是否一致",
                f"parent {title} is not in the library; conformance to it is not checked",
            ),
            target=cited.id,
            hint=say.pick(
                "将它编码并列入 implements，或用 --policies 指定它所在的目录",
                "encode it and add it to implements, or pass it with --policies",
            ),
        )
