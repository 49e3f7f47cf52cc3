"""`registers --rules` takes what a person types, as every other option does: a regulation's
name (武邑, 武邑县), and an unknown name gets the nearest ones (a newcomer's `--rules 武邑` was
refused with no suggestion)."""

from __future__ import annotations

import pytest

import responsibility
from responsibility.core.errors import LookupFailure
from responsibility.policy.policyset import PolicySet
from responsibility.registers.engines import register_rules


@pytest.fixture(scope="module")
def ps() -> PolicySet:
    return responsibility.load()


@pytest.mark.parametrize("name", ["wuyi", "武邑", "武邑县"])
def test_a_regulation_by_any_name_gives_its_register_rules(ps: PolicySet, name: str) -> None:
    assert [(rs.regulation, r.id) for rs, r in register_rules(ps, [name])] == [
        (rs.regulation, r.id) for rs, r in register_rules(ps, ["wuyi"])
    ]
    assert register_rules(ps, [name])


def test_a_rule_under_a_chinese_regulation_name(ps: PolicySet) -> None:
    (pair,) = register_rules(ps, ["甘肃/household-helpers"])
    assert pair[1].id == "household-helpers"


def test_a_misspelt_rule_suggests_the_near_one(ps: PolicySet) -> None:
    with pytest.raises(LookupFailure) as info:
        register_rules(ps, ["wuyi/household-exi"])
    assert info.value.suggestions[0] == "wuyi/household-exit"


def test_a_regulation_without_register_rules_names_those_with_them(ps: PolicySet) -> None:
    with pytest.raises(LookupFailure) as info:
        register_rules(ps, ["麻江"])
    assert set(info.value.suggestions) == {"gansu", "shanxi", "wuyi"}
