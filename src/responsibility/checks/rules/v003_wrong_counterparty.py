"""An artefact went to (or was signed with) a body other than the one the duty names.

## What it checks
For a duty with an upward counterparty (reports-to, signs-with, approved-by, reviewed-by,
assessed-by, supervised-by), that the artefact's `counterparty` fills that role: a concrete body
counts as its role type, a joint body (党委和政府) as itself and its members. An artefact that
names no counterparty for such a duty is reported too.

## Why
A responsibility letter (责任书) signed with the wrong body binds nobody the duty meant to bind;
a report sent sideways has not been reported.

## Example
```csv
kind,producer,place,counterparty,period,date,path
responsibility-letter,county.principal-leaders,example.city.shili,county.leading-group,2018,2018-02-01,2018/letter.pdf
```
where the duty says the county's leaders sign with the city
(`signs-with: city.party-committee-and-government`).

## Fix
Correct the manifest if it was mistyped; otherwise have the artefact issued to the right body.
"""

from responsibility.core.errors import Severity

from .. import Category, Rule

RULE = Rule(
    "V003",
    "wrong-counterparty",
    Severity.warning,
    "an artefact went to a body other than the duty's counterparty",
    Category.evidence,
    status="wrong-counterparty",
)
