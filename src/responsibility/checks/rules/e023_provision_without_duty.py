"""A provision lists no duty and gives no reason — or gives both.

## What it checks
That every provision either lists the duties it creates or says in `no_duty_reason` why it
creates none (purpose, scope, effective date …), and never both.

## Why
An article left empty may be an article nobody encoded yet; the reason makes the choice
reviewable.

## Example
```yaml
- id: art_29
  label: 第二十九条
  text: 本细则自印发之日起施行。
```

## Fix
```yaml
- id: art_29
  label: 第二十九条
  text: 本细则自印发之日起施行。
  no_duty_reason: effective date
```
"""

from responsibility.core import codes

RULE = codes.E023
