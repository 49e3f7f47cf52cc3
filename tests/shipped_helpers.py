"""The shipped policies loaded once per test process, and commands that read only them answered
from that one set: loading is the slow part of a command, and what these tests compare is what
each command does with the set. Use in a module with

    pytestmark = pytest.mark.usefixtures("shipped_loaded_once")

(the fixture is in conftest.py) and call :func:`shipped_set` and :func:`cli`."""

from __future__ import annotations

from functools import cache

import pytest

import responsibility
from responsibility.cli.main import main
from responsibility.policy.policyset import PolicySet


@cache
def shipped_set() -> PolicySet:
    """The shipped policies, loaded once (tests only read it)."""
    return responsibility.load()


def share_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a command that reads the shipped policies alone use :func:`shipped_set`."""
    from responsibility.cli.commands import _common

    real = _common.load

    def load(paths: list[str], include_shipped: bool = True) -> PolicySet:
        return (
            shipped_set() if not paths and include_shipped else real(paths, include_shipped=include_shipped)
        )

    monkeypatch.setattr(_common, "load", load)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The standard output of a command that succeeds."""
    assert main(list(argv)) == 0
    return capsys.readouterr().out
