"""Every name the register engines take from the rest of the library, in one place.

The library is being reorganised into subpackages; repointing these imports is all a move needs.
"""

from __future__ import annotations

from .. import codes, load
from ..computable import COVERAGE, AnyRule, actor_matches, citation, evaluate, rule_citation
from ..errors import Finding, Location
from ..facts import from_data
from ..model import ActorKind, CoverageRule, ProcedureRule, Regulation, RuleSet, Step
from ..policyset import PolicySet
from ..semantics import role_of

__all__ = [
    "COVERAGE",
    "ActorKind",
    "AnyRule",
    "CoverageRule",
    "Finding",
    "Location",
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
    "role_of",
    "rule_citation",
]
