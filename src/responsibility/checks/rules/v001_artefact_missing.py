"""An artefact a duty requires for a body and period is not in the evidence inventory.

## What it checks
With `--evidence DIR --period 2018[..2019]`: for every duty of the checked regulation that
produces artefacts on a calendar (annual, semiannual, quarterly, monthly, weekly; or once), every
body it applies to (its owners at the places the regulation governs) and every period of its
frequency inside the range, that the inventory lists an artefact of each required kind from
that body for that period. A quarterly report expects four a year; `once` expects one, ever.

Each owner is a body of its own (a duty of sixteen bureaux expects sixteen reports); an owner
that is a role type is that role at each place it applies to. The finding points at the duty in
the regulation; its target is `DUTY#KIND/BODY/PERIOD`, e.g.
`shilixian/art_7/quarterly-report#progress-report/county.party-committee-and-government@example.city.shili/2018-Q3`.

## Why
The inventory is what an inspection (督查巡查) asks for: the letters signed, the reports sent,
the notices posted. A missing one is the first thing to follow up.

## Example
```csv
kind,producer,place,counterparty,period,date,path
progress-report,county.government,example.city.shili,city.party-committee-and-government,2018-Q1,2018-04-03,2018/q1.pdf
progress-report,county.government,example.city.shili,city.party-committee-and-government,2018-Q2,2018-07-04,2018/q2.pdf
```
against a quarterly progress report: 2018-Q3 and 2018-Q4 are missing.

## Fix
File the missing reports and list them; if one was never produced, that is the finding to act
on, not to silence (a waiver needs an approver and an expiry date).
"""

from responsibility.core.errors import Severity

from .. import Category, Rule

RULE = Rule(
    "V001",
    "artefact-missing",
    Severity.error,
    "a required artefact is not in the inventory",
    Category.evidence,
    status="missing",
)
