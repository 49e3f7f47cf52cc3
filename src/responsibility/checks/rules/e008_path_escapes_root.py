"""A policy file resolves outside the directory being read (a symlink pointing out).

## What it checks
That every file found under a policy directory really lives there. Such a file is never read.

## Why
A symlink to `/etc` or to another project's files would make the checker read, and report,
content the repository does not contain.

## Example
```text
policies/county/county.yaml -> ../../../other-project/county.yaml
```

## Fix
Replace the symlink with the file itself, or pass the other directory with `--policies DIR`.
"""

from responsibility.core import codes

RULE = codes.E008
