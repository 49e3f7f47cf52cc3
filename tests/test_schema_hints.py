"""Errors that teach the schema: a controlled-vocabulary field written in Chinese (modality: 应当)
is named with the value it means; an unknown word lists the values with their Chinese."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import responsibility
from conftest import ROOT
from responsibility.core.errors import PolicyError
from responsibility.policy.labels import FIELD_VOCABULARY

MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text("utf-8")
# one duty field of the minimal fixture each, as written there
AT = {"action": "action: report", "frequency": "frequency: annual"}
IN_DUTY = ("action", "modality", "frequency")


def _errors(text: str) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yaml"
        path.write_text(text, "utf-8")
        try:
            responsibility.load([str(path)])
        except PolicyError as exc:
            return [d.format() for d in exc.diagnostics]
    return []


def _with(field: str, written: str) -> str:
    if field == "modality":  # the fixture leaves modality to its default: add it
        return MINIMAL.replace(
            "            frequency: annual", f"            frequency: annual\n            modality: {written}"
        )
    return MINIMAL.replace(AT[field], f"{field}: {written}", 1)


@given(st.sampled_from([(f, v, zh) for f in IN_DUTY for v, (zh, _) in FIELD_VOCABULARY[f].items()]))
def test_a_value_written_in_chinese_is_named_with_its_value(case: tuple[str, object, str]) -> None:
    field, value, zh = case
    written = zh.split("/")[0]
    errors = _errors(_with(field, written))
    assert len(errors) == 1, errors
    assert (
        "E011" in errors[0] and f"reads as `{value}`" in errors[0] and f"write {field}: {value}" in errors[0]
    )


@pytest.mark.parametrize("field", IN_DUTY)
def test_an_unknown_word_lists_the_values_with_their_chinese(field: str) -> None:
    (error,) = _errors(_with(field, "随便"))
    assert f"'随便' is not one of the values of {field}" in error
    for value, (zh, _) in FIELD_VOCABULARY[field].items():
        assert f"{value} ({zh})" in error


def test_the_english_value_still_loads() -> None:
    assert _errors(_with("modality", "obligation")) == []


GUIDE = (ROOT / "docs" / "guide" / "writing-a-regulation.md").read_text("utf-8")


@pytest.mark.parametrize("field", ["modality", "frequency"])
def test_every_word_the_writing_guide_maps_is_understood(field: str) -> None:
    """The guide's `Modality:` and `Frequency` lines and the hints give the same readings."""
    from responsibility.policy.labels import value_for

    line = next(p for p in GUIDE.split("\n* ") if p.lower().startswith(field))
    pairs = re.findall(r"((?:[\u4e00-\u9fff]+/)*[\u4e00-\u9fff]+)\s*(?:→\s*)?`([a-z-]+)`", line)
    assert len(pairs) >= 4, line
    for words, value in pairs:
        for word in words.split("/"):
            if value == "continuous":  # 负总责, 保持稳定: readings of a duty, not frequency words
                continue
            meant = value_for(field, word)
            assert meant is not None and meant[0] == value, (field, word, value, meant)


def test_a_quote_with_a_full_width_comma_names_both_code_points() -> None:
    from responsibility.policy.fidelity import quote_mismatch

    text = "县级政府应当建立扶贫项目库,每年向市级政府报告扶贫脱贫进展情况。"
    msg = quote_mismatch("扶贫项目库，每年", text)
    assert "'，' (U+FF0C FULLWIDTH COMMA)" in msg and "',' (U+002C COMMA)" in msg
    assert msg.startswith("after …扶贫项目库 ")
    assert "ends after" in quote_mismatch("进展情况。此外", text)
    assert "first character 'X'" in quote_mismatch("X", text)


@given(st.text(alphabet="扶贫项目库,，。 ab", min_size=1, max_size=30), st.data())
def test_a_quote_mismatch_is_empty_exactly_when_the_quote_is_in_the_text(
    text: str, data: st.DataObject
) -> None:
    from responsibility.policy.fidelity import quote_mismatch

    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    if data.draw(st.booleans()):  # change one character of the quote
        k = data.draw(st.integers(0, len(quote) - 1))
        quote = quote[:k] + data.draw(st.sampled_from("，,X")) + quote[k + 1 :]
    msg = quote_mismatch(quote, text)
    assert (msg == "") == (quote in text)


def test_e022_on_a_policy_names_the_characters() -> None:
    text = MINIMAL.replace("quote: 县级政府应当建立扶贫项目库", "quote: 县级政府应当建立扶贫项目库，每年")
    (error,) = _errors(text)
    assert "E022" in error and "U+FF0C FULLWIDTH COMMA" in error and "U+002C COMMA" in error


def test_a_heading_ending_in_a_colon_is_explained() -> None:
    text = MINIMAL.replace("status: draft\n", "status: draft\nheading:\n  - 全文如下:\n", 1)
    (error,) = _errors(text)
    assert "E011" in error and "read by YAML as a key" in error and "'全文如下:'" in error
    quoted = MINIMAL.replace("status: draft\n", "status: draft\nheading:\n  - '全文如下:'\n", 1)
    assert _errors(quoted) == []  # quoted, the same line is the text


def test_a_colon_inside_a_value_says_to_quote_it() -> None:
    text = MINIMAL.replace("text: 本意见自印发之日起施行。", "text: 本意见自印发之日起施行: 见附件", 1)
    (error,) = _errors(text)
    assert "E001" in error and "inside a value starts a mapping" in error and "in quotes" in error
