"""A waiver's expiry date has passed. It no longer applies, and it is itself a finding.

## What it checks
Each waiver's `expires` date against today (`--today` to fix the date in CI or tests). An
expired waiver waives nothing: the finding it covered is reported again, and so is the waiver.

## Why
A waiver is a dated decision by a named person; past its date nobody has decided anything. The
reminder keeps waiver files from turning into permanent silence.

## Example
```yaml
kind: waivers
waivers:
- rule: C003
  target: shilixian/art_6/implementation-plan
  reason: the county's leading group drafts the plan until the 2018 reorganisation
  approved_by: 示例县扶贫开发领导小组办公室
  expires: 2018-12-31
```

## Fix
Fix what the waiver covered and delete the waiver; or have it approved again with a new date.
"""

from responsibility.core import codes

RULE = codes.W001
