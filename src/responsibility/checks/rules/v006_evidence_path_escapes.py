"""An artefact's path leaves the inventory root: absolute, with `..`, or through a symlink.

## What it checks
Each manifest `path`: it must be relative, contain no `..`, and resolve inside the inventory
root. Such an entry is reported and the file is never opened or hashed.

## Why
An inventory is often assembled from submissions; a path such as `../../etc/passwd` or a symlink
to a network share must not make the checker read files outside the evidence it was given.

## Example
```csv
kind,producer,place,counterparty,period,date,path
annual-plan,county.government,example.city.shili,,2018,2018-01-20,../other-county/plan.pdf
```

## Fix
Copy the file into the inventory and give its path relative to the root.
"""

from responsibility.core import codes

RULE = codes.V006
