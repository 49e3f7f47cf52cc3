"""An artefact's file does not match the sha256 the manifest gives.

## What it checks
For artefacts with a `sha256`, that the file's SHA-256 digest equals it.

## Why
The digest pins the document that was filed; a file changed afterwards is no longer the one the
manifest (and whoever signed it off) vouches for.

## Example
```csv
kind,producer,place,counterparty,period,date,path,sha256
annual-plan,county.government,example.city.shili,,2018,2018-01-20,2018/plan.pdf,9f86d08…
```
where `sha256sum 2018/plan.pdf` prints another digest.

## Fix
Restore the filed version, or — if the new file is the right one — record its digest and the
reason for the change.
"""

from responsibility.core.errors import Severity

from .. import Category, Rule

RULE = Rule(
    "V005",
    "hash-mismatch",
    Severity.error,
    "a file's sha256 differs from the manifest",
    Category.evidence,
    status="hash-mismatch",
)
