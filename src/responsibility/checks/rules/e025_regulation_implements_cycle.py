"""Regulations that implement each other in a cycle.

## What it checks
The `implements:` lists of every regulation in the policy set, as links from a regulation to its
parents; a loop (A implements B, B implements A, or a longer chain back to A) is a finding, placed
at the `implements` entry that leaves the loop's smallest id. The message names the whole loop.

## Why
`implements:` says which regulation a rule carries out: the county's rule implements the
province's, which implements the centre's. A loop has no top, so "the parents of this rule" has no
answer, conformance cannot say which side must follow which, and every walk up the hierarchy
(`trace`, `chain`, the site) would go round for ever. The loader refuses the policy set instead.
A regulation naming itself is reported as E021.

## Example
```yaml
# fx-county.yaml
id: fx-county
implements: [fx-province]
# fx-province.yaml — an edited copy
id: fx-province
implements: [fx-county]
```

## Fix
A regulation implements only the higher-level rules it was issued under. Remove the entry that
points down:
```yaml
id: fx-province
implements: []
```
"""

from responsibility.core import codes

RULE = codes.E025
