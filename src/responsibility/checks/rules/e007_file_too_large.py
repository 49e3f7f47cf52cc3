"""The file is larger than the 4 MB limit for one policy file.

## What it checks
The size of each policy file, before anything is parsed.

## Why
Regulations are tens of kilobytes. A huge file is generated content or an attack on the parser,
and reading it would slow every run.

## Example
A 30 MB `annex.yaml` holding a data dump beside the policies.

## Fix
Keep data (registers, statistics, evidence inventories) out of the policy directories; split a
genuinely long regulation into its own file per document.
"""

from responsibility.core import codes

RULE = codes.E007
