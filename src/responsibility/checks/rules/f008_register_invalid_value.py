"""A register value of the wrong type, or a required value left empty.

## What it checks
Each column of each register table against its type: dates (2018-03-01), whole numbers of
objections or visits (0 or more), true/false, a `subject` of household, village or county, and
the required columns (`case_id`, `county` …) not empty. The first bad row of each column is
reported, with how many rows are bad in all.

## Why
An objection count that cannot be read is not zero: the notice would pass for want of a number.

## Example
```csv
case_id,subject,county,public_notice_objections
wy-1,household,cn.hebei.hengshui.wuyi,none
```

## Fix
```csv
case_id,subject,county,public_notice_objections
wy-1,household,cn.hebei.hengshui.wuyi,0
```
"""

from responsibility.core import codes

RULE = codes.F008
