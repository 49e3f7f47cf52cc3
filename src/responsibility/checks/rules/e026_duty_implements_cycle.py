"""Duties that implement each other in a cycle.

## What it checks
The `implements:` lists of every duty, as links from a duty to the parent duties it carries out;
a loop (a duty that implements itself, or a chain of duties that comes back to the first) is a
finding, placed at the `implements` entry that leaves the loop's smallest duty id. The message
names the whole loop.

## Why
A duty implements the duty of a higher-level rule that it carries out locally. A loop has no
original duty, so tracing how the centre's duty is carried out, or which central duty a county
duty serves, has no answer. The loader refuses the policy set so no walk goes round for ever.

## Example
```yaml
# in fx-county, 第四条
- id: sign-letter
  implements: [fx-province/art_4/sign-letter]
# in fx-province, 第四条 — an edited copy
- id: sign-letter
  implements: [fx-county/art_4/sign-letter]
```

## Fix
The link runs from the local duty up to its parent only. Remove the entry that points down or
sideways (or at the duty itself).
"""

from responsibility.core import codes

RULE = codes.E026
