"""A manifest entry is malformed: a missing field, an unknown id, a bad period or date.

## What it checks
Each manifest entry: `kind`, `producer`, `period`, `date` and `path` are given; kind, producer,
counterparty and place are ids in the policy set (with a did-you-mean); a role-type producer has
a `place`; a concrete producer's `place`, if given, is its own; the period is one of `2018`,
`2018-H1`, `2018-Q2`, `2018-05`, `2018-W14`; the date is `YYYY-MM-DD`; a `sha256` is 64 hex
digits. A malformed entry counts for nothing. An `evidence.csv` needs its header row with known
columns (else V007 at the header, and the inventory reads as empty) and quotes that close.

## Why
An entry the checker cannot read would otherwise be silently ignored, and the artefact it
records reported missing.

## Example
```yaml
- {kind: progress-reprot, producer: county.government, place: example.city.shili,
   period: 2018-Q5, date: 2018-04-03, path: 2018/q1.pdf}
```

## Fix
```yaml
- {kind: progress-report, producer: county.government, place: example.city.shili,
   period: 2018-Q1, date: 2018-04-03, path: 2018/q1.pdf}
```
"""

from responsibility.core import codes

RULE = codes.V007
