"""A facts file or row that is not shaped as facts tables.

## What it checks
That a YAML facts file is a mapping with `kind: facts` whose tables are lists of mappings, that a
case's step is a mapping, and that each CSV row has as many fields as its header (an empty CSV
file is reported too). A quote never closed in a CSV file is reported at the quote: only its row
is not read, and reading goes on at the next line (as in an evidence manifest, V007).

## Why
The computable rules read facts by table and field; a file of another shape cannot be read as
facts at all, so it fails the run rather than evaluating nothing.

## Example
```yaml
kind: facts
fiscal:
  place: example.county
  year: 2018
```

## Fix
```yaml
kind: facts
fiscal:
- place: example.county
  year: 2018
```
"""

from responsibility.core import codes

RULE = codes.F001
