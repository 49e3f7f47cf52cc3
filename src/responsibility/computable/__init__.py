"""Layer 3: rules that can be evaluated on facts, and the scenario tests that pin them.

`engine` evaluates the rules of `*.rules.yaml` (`evaluate`), `facts` reads facts files and
`scenarios` runs the YAML tests policy authors write. `responsibility.computable.evaluate` is
the public entry point.
"""

from responsibility.computable.engine import (
    Outcome,
    RuleFinding,
    actor_matches,
    check_case,
    citation,
    evaluate,
    rule_citation,
    rule_ids,
)

__all__ = [
    "Outcome",
    "RuleFinding",
    "actor_matches",
    "check_case",
    "citation",
    "evaluate",
    "rule_citation",
    "rule_ids",
]
