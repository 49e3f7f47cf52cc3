"""A policy file or directory cannot be read (missing, permission denied).

## What it checks
That every path given to the checker, and every file found under it, can be opened.

## Why
A directory named in `--policies` that does not exist would otherwise check nothing and pass.

## Example
```console
$ responsibility check policies/county --policies ../province-rules   # ../province-rules missing
```

## Fix
Correct the path, or fix the file's permissions.
"""

from responsibility.core import codes

RULE = codes.E009
