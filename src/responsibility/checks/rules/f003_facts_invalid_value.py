"""A facts value of the wrong type or outside its vocabulary.

## What it checks
Each value whose field has a type: years and counts are whole numbers, dates are dates
(2018-03-01), flags are true or false, `subject` is one of the subjects the rules know.

## Why
A rule compares numbers and dates; a year written `2018年` or a date `3/1/2018` cannot be
compared, and reading it as something else would evaluate the rule on a guess.

## Example
```yaml
cases:
- case: household-1
  steps:
  - {step: application, by: village.two-committees, date: 1 March 2018}
```

## Fix
```yaml
  - {step: application, by: village.two-committees, date: 2018-03-01}
```
"""

from ... import codes

RULE = codes.F003
