"""A policy file or directory cannot be read (missing, permission denied).

## What it checks
That every path given to the checker, and every file found under it, can be opened, and that a
folder given to `validate` or `check` holds at least one policy file (a `.yaml`/`.yml` file
declaring `kind: regulation`, `catalogue` or `rules`), and a folder given to `check --facts` at
least one facts file (`.yaml`, `.yml` or `.csv`); `check -v` lists the files passed over and why
(an Excel workbook is to be exported as CSV UTF-8).

## Why
A directory named in `--policies` that does not exist, or one that holds no policy, would
otherwise check nothing and pass; so would a `--facts` folder holding only `fiscal.xlsx`.

## Example
```console
$ responsibility check policies/county --policies ../province-rules   # ../province-rules missing
```

## Fix
Correct the path, or fix the file's permissions.
"""

from responsibility.core import codes

RULE = codes.E009
