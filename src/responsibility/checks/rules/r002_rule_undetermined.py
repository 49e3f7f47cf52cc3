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
with no provincial minimum for 2018: 武邑 一(一)9 cannot be decided.

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
