"""Two rows of a register for the same exit case, poor household or poor village.

## What it checks
The ids of the tables that hold one row per subject: `case_id` in `exits`, `household_id` in
`households`, `village` in `villages` (compared without the whitespace around them). The first
row repeating an earlier id is reported, with the line of the first and how many rows repeat.
`pairings` and `teams` may name a household or a village many times.

## Why
A case recorded twice is judged twice, and its two records may disagree: one exit with its
public notice and one without cannot both be the case, and counting both hides which one the
county acted on.

## Example
```csv
case_id,subject,county
wy-1,household,cn.hebei.hengshui.wuyi
wy-1,household,cn.hebei.hengshui.wuyi
```

## Fix
```csv
case_id,subject,county
wy-1,household,cn.hebei.hengshui.wuyi
wy-2,household,cn.hebei.hengshui.wuyi
```
"""

from responsibility.core import codes

RULE = codes.F009
