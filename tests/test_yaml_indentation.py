"""An indentation error in a policy YAML is reported on the line that is wrong, not the next one
(issue 16): a `key: value` indented less than its neighbours made PyYAML complain about the line
after it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from responsibility.core.errors import PolicyError
from responsibility.policy.yamlfile import load_text


def _error(text: str) -> tuple[int, int, str]:
    with pytest.raises(PolicyError) as err:
        load_text(text, "r.yaml")
    d = err.value.diagnostics[0]
    return d.line, d.col, d.format()


@given(
    indent=st.integers(min_value=2, max_value=8),
    short=st.integers(min_value=0, max_value=7),
    before=st.integers(min_value=1, max_value=4),
    after=st.integers(min_value=1, max_value=3),
)
def test_a_dedented_key_is_reported_on_its_own_line(indent: int, short: int, before: int, after: int) -> None:
    short = min(short, indent - 1)
    pad = " " * indent
    keys = [f"{pad}k{i}: value {i}" for i in range(before)]
    wrong = f"{' ' * short}modality: obligation"
    rest = [f"{pad}z{i}: [a, b]" for i in range(after)]
    text = "\n".join(["kind: regulation", "duty:", *keys, wrong, *rest]) + "\n"
    line, col, shown = _error(text)
    if short == 0:  # a top-level key: the mapping ends there, and the next line is the one wrong
        assert line in (3 + before, 4 + before)
        return
    # on the wrong line, whether PyYAML found it there (no enclosing mapping at that column) or one
    # line late (the line lines up with an enclosing mapping, which it then joins)
    assert (line, col) == (3 + before, short + 1), shown
    assert "E001" in shown


def test_the_wuyi_case() -> None:
    text = (
        "kind: regulation\n"
        "provisions:\n"
        "    - id: p\n"
        "      duties:\n"
        "      - id: a\n"
        "        object: {zh: 报账率达到100%, en: a reimbursement rate of 100%}\n"
        "      modality: recommendation\n"
        "        topics: [fund-supervision]\n"
    )
    line, col, shown = _error(text)
    assert (line, col) == (7, 7)  # PyYAML says line 8
    assert "indented less than the lines around it (column 7, they are at column 9)" in shown


@given(indent=st.integers(min_value=2, max_value=6), extra=st.integers(min_value=2, max_value=4))
def test_a_key_joining_the_enclosing_mapping_is_reported_on_its_own_line(indent: int, extra: int) -> None:
    outer, inner = " " * indent, " " * (indent + extra)
    text = (
        f"kind: regulation\nouter:\n{outer}nested:\n{inner}a: 1\n{inner}b: 2\n"
        f"{outer}c: 3\n{inner}d: [x]\n"
    )
    line, col, shown = _error(text)
    assert (line, col) == (6, indent + 1), shown
    assert f"indent it to column {indent + extra + 1}" in shown


def test_a_colon_inside_a_value_still_points_at_its_own_line_and_says_quote() -> None:
    text = "kind: regulation\nprovisions:\n  - id: a\n    text: 全文如下: 见附件\n    label: 第一条\n"
    line, _, shown = _error(text)
    assert line == 4 and "put the whole value in quotes" in shown


def test_an_over_indented_line_is_reported_where_it_is() -> None:
    text = "kind: regulation\nduty:\n  a: 1\n    b: 2\n  c: 3\n"
    line, _, shown = _error(text)
    assert line == 4 and "indented less" not in shown
