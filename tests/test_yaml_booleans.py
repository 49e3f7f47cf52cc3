"""Only `true` and `false` are booleans (YAML 1.2), whatever the case: YAML 1.1's yes/no/on/off
stay text, so `poor: yes` is an error that names the field, as docs/computable.md says, rather
than silently true (a newcomer found it read as true and the check passing)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from responsibility.computable.facts import parse_yaml
from responsibility.core.errors import PolicyError
from responsibility.policy.yamlfile import load_text

YAML11_ONLY = ["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "n"]
BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@given(word=st.sampled_from(YAML11_ONLY))
def test_yaml_1_1_words_stay_text(word: str) -> None:
    data, _ = load_text(f"a: {word}\nb: [{word}]\n", "t.yaml")
    assert data == {"a": word, "b": [word]}


@pytest.mark.parametrize(("word", "value"), BOOLEANS.items())
def test_true_and_false_are_booleans(word: str, value: bool) -> None:
    data, _ = load_text(f"a: {word}\n", "t.yaml")
    assert data["a"] is value


FACTS = """kind: facts
counties:
- place: cn.hebei.hengshui.wuyi
  poor: {word}
"""


@given(word=st.sampled_from(YAML11_ONLY))
def test_poor_yes_is_an_error_naming_the_field(word: str) -> None:
    with pytest.raises(PolicyError) as info:
        parse_yaml(FACTS.format(word=word), "facts.yaml")
    (finding,) = info.value.diagnostics
    assert finding.code == "F003" and "poor" in finding.message
    assert finding.location.line == 4


def test_poor_true_reads_as_true() -> None:
    facts = parse_yaml(FACTS.format(word="false"), "facts.yaml")
    (row,) = facts.rows(next(iter(t for t in facts.tables if t.value == "counties")))
    assert row.data["poor"] is False
