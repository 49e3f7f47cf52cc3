"""Every documented rule is raised by its own rule object (issue 12: no code without a raiser).

A rule raised below the checker is a constant in `core.codes`; its rule module imports that very
object as `RULE`, and some module outside the rules package raises it by name. A rule that maps
an evaluation's status (R0xx: a computable outcome; V00x: an evidence slot's status) is raised by
the runner through that status, which must be one the evaluation produces. A code that is
documented but never raised, or raised under a second object, is a docs page that lies.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from responsibility.checks import rules
from responsibility.checks.evidence import Status
from responsibility.computable.engine import Outcome
from responsibility.core import codes
from responsibility.core.errors import Rule

SRC = Path(__file__).resolve().parent.parent / "src" / "responsibility"
CONSTANTS = {name: v for name, v in vars(codes).items() if isinstance(v, Rule)}
RAISERS = "\n".join(
    p.read_text("utf-8")
    for p in SRC.rglob("*.py")
    if "rules" not in p.relative_to(SRC).parts and p.name != "codes.py"
)


STATUS_RULES = [m for m in rules.DOCUMENTED if m.RULE.status is not None]
RAISED_RULES = [m for m in rules.DOCUMENTED if m.RULE.status is None]


@pytest.mark.parametrize("mod", STATUS_RULES, ids=lambda m: m.RULE.code)
def test_a_status_rule_maps_a_status_its_evaluation_produces(mod: rules.RuleModule) -> None:
    produced = {s.value for s in Outcome} if mod.RULE.code.startswith("R") else {s.value for s in Status}
    assert mod.RULE.status in produced
    assert mod.RULE.code[0] in "RV"


def test_each_status_is_mapped_once() -> None:
    keys = [(m.RULE.code[0], m.RULE.status) for m in STATUS_RULES]
    assert len(keys) == len(set(keys)) and len(keys) == 8


@pytest.mark.parametrize("mod", RAISED_RULES, ids=lambda m: m.RULE.code)
def test_a_documented_rule_is_the_constant_its_raisers_use(mod: rules.RuleModule) -> None:
    named = [name for name, v in CONSTANTS.items() if v is mod.RULE]
    assert named, f"{mod.RULE.code}: its module's RULE is not a constant of core.codes"
    assert re.search(rf"\b{named[0]}\b", RAISERS), f"{mod.RULE.code} is documented but nothing raises it"


def test_no_code_is_written_as_a_string_outside_its_rule() -> None:
    """`Finding(code="E021", …)`-style literals would bypass the registry."""
    alternatives = "|".join(re.escape(v.code) for v in CONSTANTS.values())
    literal = re.compile(rf"""(["'])(?:{alternatives})\1""")
    hits = [m.group(0) for m in literal.finditer(RAISERS)]
    assert not hits, hits
