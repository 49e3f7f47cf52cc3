"""A value of the wrong type or outside its vocabulary.

## What it checks
Each value against the schema: enumerations (modality, frequency, action, level, roles), id
patterns (lower-case ASCII slugs, Akoma Ntoso eIds), dates, and that a policy file is a mapping
of a known `kind` (a misspelt one, `regulashun`, is reported with the kind meant, also in a file
found in a folder).

## Why
The checker compares values across regulations (`obligation` is stronger than `permission`,
`annual` than `as-needed`); a value outside the vocabulary cannot be compared.

## Example
```yaml
- id: annual-report
  modality: must
  frequency: yearly
```

## Fix
```yaml
- id: annual-report
  modality: obligation
  frequency: annual
```
"""

from responsibility.core import codes

RULE = codes.E011
