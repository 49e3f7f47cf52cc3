"""A policy file's unknown kind (`kind: regulashun`) is reported at the value, as other value
errors are, not at the key `kind` (it was `2:1`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from responsibility.core.errors import PolicyError
from responsibility.policy.loader import load


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("id: x\nkind: regulashun\n", (2, 7)),
        ("kind:   regulashun  # misspelt\nid: x\n", (1, 9)),
        ("{id: x, kind: regulashun}\n", (1, 15)),
        ("id: x\nkind:\n- regulation\n", (2, 1)),  # the value on the lines below: the key
    ],
)
def test_an_unknown_kind_is_at_its_value(tmp_path: Path, text: str, at: tuple[int, int]) -> None:
    f = tmp_path / "a.yaml"
    f.write_text(text, "utf-8")
    with pytest.raises(PolicyError) as err:
        load([f], include_shipped=False, use_cache=False)
    [d] = err.value.diagnostics
    assert (d.code, d.location.line, d.location.column) == ("E011", *at)
    if "regulashun" in text:
        assert d.message == "unknown kind 'regulashun'" and d.hint == "did you mean 'regulation'?"
