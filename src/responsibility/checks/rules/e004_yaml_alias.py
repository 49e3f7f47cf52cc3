"""An anchor, alias or merge key (`&a`, `*a`, `<<`).

## What it checks
That every value is written out where it is used.

## Why
Aliases make a reviewer look elsewhere to know what a duty says, and nested aliases can expand
a small file into gigabytes (an alias bomb).

## Example
```yaml
owners: &county
- {actor: county.party-committee-and-government}
...
owners: *county
```

## Fix
```yaml
owners:
- {actor: county.party-committee-and-government}
```
"""

from responsibility.core import codes

RULE = codes.E004
