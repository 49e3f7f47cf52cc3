"""A policy file or directory cannot be read (missing, permission denied).

## What it checks
That every path given to the checker, and every file found under it, can be opened, and that a
folder given to `validate` or `check` holds at least one policy file (a `.yaml`/`.yml` file
declaring `kind: regulation`, `catalogue` or `rules`).

## Why
A directory named in `--policies` that does not exist, or one that holds no policy, would
otherwise check nothing and pass.

## Example
```console
$ responsibility check policies/county --policies ../province-rules   # ../province-rules missing
```

## Fix
Correct the path, or fix the file's permissions.
"""

from responsibility.core import codes

RULE = codes.E009
