"""A place's short name drops 省/市/县 only when something is left to name it: 武邑县 → 武邑, but
青县 stays 青县 (a newcomer's tutorial county was named 青 everywhere)."""

from __future__ import annotations

import pytest

from responsibility.policy.lookup import _short


@pytest.mark.parametrize(
    ("name", "short"),
    [("武邑县", ("武邑",)), ("甘肃省", ("甘肃",)), ("衡水市", ("衡水",)), ("青县", ()), ("献县", ()), ("易县", ())],
)
def test_short_names(name: str, short: tuple[str, ...]) -> None:
    assert _short(name) == short
