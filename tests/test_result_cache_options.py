"""The result cache knows the options after which a run is not kept by their whole names: the
parser takes no abbreviation (cli/parser.py), so a prefix is no longer the option."""

from __future__ import annotations

import pytest

from responsibility.cli import results


@pytest.mark.parametrize(
    ("argv", "kept"),
    [
        (["check", "x"], True),
        (["check", "x", "--no-cache"], False),
        (["check", "x", "--evidence", "ev"], False),
        (["check", "x", "--evidence=ev"], False),
        (["check", "x", "--fail-on", "error"], True),
        (["check", "x", "--no-c"], True),  # not --no-cache: the parser refuses it as unknown
        (["validate", "x", "--no-shipped"], True),
    ],
)
def test_the_result_cache_matches_whole_option_names(
    argv: list[str], kept: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(results.ENV_OFF, raising=False)
    assert results.wanted(argv[0], argv) is kept
