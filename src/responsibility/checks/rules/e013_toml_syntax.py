"""The configuration file (responsibility.toml, or pyproject.toml's [tool.responsibility]) is
not well-formed TOML.

## What it checks
That the configuration parses as TOML, with arrays and inline tables nested at most 32 levels.
The finding points at the line and column where the parser stopped. Like every configuration
problem it is a usage error: the run stops with exit 2 before anything is checked.

## Why
A configuration that does not parse would otherwise leave the checker to guess which rules to
run and which findings fail the build; a CI run must not pass on a configuration nobody wrote.

## Example
```toml
select = ["E", "C"
fail-on = "warning"
```

## Fix
```toml
select = ["E", "C"]
fail-on = "warning"
```
"""

from responsibility.core import codes

RULE = codes.E013
