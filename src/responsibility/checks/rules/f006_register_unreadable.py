"""A register file that cannot be read, or whose name does not say which table it holds.

## What it checks
Each file given to `responsibility registers check`: it must be a readable CSV file with a header
or a Parquet file, named after its table (`exits`, `households`, `pairings`, `villages`, `teams`:
`shanxi-exits.parquet`, `2019.pairings.csv`), one file per table, and every table the rules read
must be given.

## Why
A register that is read partly, or read as the wrong table, would be checked against the wrong
rule; a county's exits would pass for want of rows.

## Example
```console
$ responsibility registers check exits-2019.parquet --rules shanxi   # exit 1
exits-2019.parquet:1:1: F006 the file's name does not say its table; name it after its table: …
exits.parquet:1:1: F006 the rules read the exits register and none was given; pass a file named …
2 errors
```

## Fix
Name the file after its table, last: `2019-exits.parquet`.
"""

from responsibility.core import codes

RULE = codes.F006
