"""The regulation names a `source:` text file that is missing or cannot be read.

## What it checks
That the file a regulation names in `source:` exists beside its YAML (in the same folder or
below it), is a regular file of at most 4 MB and is UTF-8 text.

## Why
The source is what E040 compares the encoding with. A deleted or renamed source would otherwise
let any edit of the provisions through unnoticed; a path outside the regulation's folder, a pipe
or a device is not read at all.

## Example
```yaml
id: fx-county
source: source.txt     # but the folder holds only fx-county.yaml
```

## Fix
Put the document as received beside the YAML under the name given, or correct the name:
```text
policies/fx-county/fx-county.yaml
policies/fx-county/source.txt
```
"""

from responsibility.core import codes

RULE = codes.E041
