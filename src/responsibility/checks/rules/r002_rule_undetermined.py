"""A computable provision cannot be decided on the supplied facts.

## What it checks
With `--facts`, a computable rule that needs a fact the facts do not give (last year's revenue for
a growth rate, the provincial minimum 报账率) is reported as undetermined rather than passed.

## Why
A missing figure is not compliance. An inspector needs to know which checks could not be made and
which fact would decide them.

## Example
```yaml
kind: facts
fiscal:
  - {place: cn.hebei.hengshui.wuyi, year: 2018, reimbursement_rate: 93%}
```
with no provincial minimum for 2018: 武邑 一(一)9 cannot be decided. The message says which place,
year and rule, and names the missing fact by its label, so no two findings of a run read alike:
`武邑 一(一)9: 武邑县 2018「报账率高于省考核验收最低要求」: cannot tell: 省考核验收最低要求
reimbursement_rate_minimum (2018) is not in the facts`.

## Fix
Supply the missing fact named in the message.
"""

from responsibility.core.errors import Severity

from .. import Category, Rule

RULE = Rule(
    "R002",
    "rule-undetermined",
    Severity.warning,
    "a computable provision cannot be decided: a fact it needs is missing",
    Category.computable,
    status="unknown",
)
