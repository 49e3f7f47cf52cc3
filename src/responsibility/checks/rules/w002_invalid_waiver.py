"""A waiver is malformed: a missing field, an unknown rule, a rule that cannot be waived, or an invalid date.

## What it checks
Each waiver names `rule` (a code or name in the catalogue), `target` (the finding's target id,
exactly as the checker prints it), `reason`, `approved_by` and `expires` (`YYYY-MM-DD`), and no
other field. Waiver findings (`W`) and structural findings (`E`: a file that does not load or
does not hold together) cannot be waived. A malformed waiver waives nothing.

The file itself is a mapping with `kind: waivers` and a list under `waivers:`. A file of another
shape (a bare list of waivers, no `waivers:`, `waivers:` not a list, another `kind`) is a W002
at its position and applies no waiver at all; every other finding is still reported. A file that
cannot be read (empty `E006`, not YAML `E001`, not UTF-8 `E005`, over 4 MB `E007`) stops the run
with that structural error, as any unreadable input does.

## Why
A waiver without an approver or an expiry date is the silent kind this tool refuses.

## Example
```yaml
kind: waivers
waivers:
- rule: C003
  target: shilixian/art_6/implementation-plan
  reason: agreed at the leading group meeting
```

## Fix
```yaml
kind: waivers
waivers:
- rule: C003
  target: shilixian/art_6/implementation-plan
  reason: agreed at the leading group meeting of 2018-03-02
  approved_by: 示例县扶贫开发领导小组办公室
  expires: 2018-12-31
```
"""

from responsibility.core import codes

RULE = codes.W002
