"""A register table that lacks a column the rules read.

## What it checks
The columns of each register table (`docs/registers.md` lists them): the required columns of the
table, and for the exits table the `<step>_date` and `<step>_by` columns of every step of the
procedures checked.

## Why
A missing step column would make every case fail for a missing step, and a missing `county`
would leave findings without the county they are reported under.

## Example
```csv
case_id,subject,county,township_approval_date
sx-1,household,cn.shanxi.c01.x01,2018-09-01
```

## Fix
```csv
case_id,subject,county,township,village,township_approval_date,township_approval_by,system_mark_date,system_mark_by
sx-1,household,cn.shanxi.c01.x01,,,2018-09-01,township.government,2018-09-03,township.government
```
"""

from responsibility.core import codes

RULE = codes.F007
