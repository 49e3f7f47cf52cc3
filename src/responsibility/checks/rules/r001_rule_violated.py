"""A computable provision fails on the supplied facts.

## What it checks
With `--facts`, every computable rule of the checked regulation and of the regulations it
implements (`*.rules.yaml` beside each regulation; see *Computable provisions*) is evaluated on
the facts: fiscal figures, personnel changes, assessment scores, exit case records. Each failure
is a finding at the fact row it concerns, citing the provision and showing the computation.

## Why
Some provisions are rules that can be evaluated, and these are where implementation goes wrong in
practice: a county whose special funds fall below 1% of its budget revenue, a county head moved
before the county exits, an exit case decided before its public notice.

## Example
```yaml
# facts.yaml
kind: facts
fiscal:
  - {place: cn.hebei.hengshui.wuyi, year: 2018,
     general_budget_revenue: 1000000000, special_poverty_funds: 8000000}
```
gives `武邑 一(一)4: special funds 8,000,000 / revenue 1,000,000,000 = 0.80% < 1%`. A change of
post names the place, the rule, the person and what happened, and why it breaks the rule in words:
```yaml
counties:
  - {place: cn.hebei.hengshui.wuyi, poor: true, exited: 2019-05-01}
personnel:
  - {place: cn.hebei.hengshui.wuyi, post: county-head, person: 刘某, date: 2018-12-01, change: promotion}
```
gives `中央 第十二条: 武邑县「保持贫困县党政正职稳定,不脱贫不调整、不摘帽不调离」: 县长刘某
2018-12-01 提拔，在贫困县未摘帽期间（2019-05-01 摘帽）`.

## Fix
Correct the facts if they are wrong; otherwise the finding stands: it is what an inspector would
raise. A justified exception is waived with its reason and approver.
"""

from responsibility.core.errors import Severity

from .. import Category, Rule

RULE = Rule(
    "R001",
    "rule-violated",
    Severity.error,
    "a computable provision fails on the supplied facts",
    Category.computable,
    status="fail",
)
