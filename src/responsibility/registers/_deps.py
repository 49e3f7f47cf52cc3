"""Every name the register engines take from the rest of the library, in one place.

The engines are a second implementation of the computable rules (the Python evaluator stays the
reference), so what they share with it is named here once.
"""

from __future__ import annotations

from responsibility.computable.engine import (
    COVERAGE,
    AnyRule,
    actor_matches,
    citation,
    evaluate,
    rule_citation,
)
from responsibility.computable.facts import from_data
from responsibility.core import codes
from responsibility.core.errors import Finding, Location, LookupFailure, PolicyError
from responsibility.policy import lookup
from responsibility.policy.loader import load
from responsibility.policy.model import ActorKind, CoverageRule, ProcedureRule, Regulation, RuleSet, Step
from responsibility.policy.policyset import PolicySet
from responsibility.semantics import role_of

__all__ = [
    "COVERAGE",
    "ActorKind",
    "AnyRule",
    "CoverageRule",
    "Finding",
    "Location",
    "LookupFailure",
    "PolicyError",
    "PolicySet",
    "ProcedureRule",
    "Regulation",
    "RuleSet",
    "Step",
    "actor_matches",
    "citation",
    "codes",
    "evaluate",
    "from_data",
    "load",
    "lookup",
    "role_of",
    "rule_citation",
]
