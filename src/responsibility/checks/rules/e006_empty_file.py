"""The file is empty or holds only comments.

## What it checks
That a `.yaml` file among the policies holds a document.

## Why
An empty file is usually a failed save or a placeholder committed by mistake; silently
ignoring it would hide a missing regulation.

## Example
```yaml
# TODO: encode the county rule
```

## Fix
Write the document, starting with `kind: regulation` and `id: ...`, or delete the file.
"""

from responsibility.core import codes

RULE = codes.E006
