"""The README's promise: its two set-up commands are the ones CI runs."""

from __future__ import annotations

import re

from conftest import ROOT


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_exactly_two_setup_commands() -> None:
    cmds = _setup_commands()
    assert len(cmds) == 2
    assert "pytest" in cmds[1] and "[test]" in cmds[1]


def test_ci_runs_the_readme_commands_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    for cmd in _setup_commands():
        assert cmd in ci.splitlines()
