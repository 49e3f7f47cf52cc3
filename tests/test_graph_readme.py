"""The README's responsibility-graph examples run as written, from the repository root."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest

from conftest import ROOT
from responsibility.cli.main import main


def _examples() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## The responsibility graph", 1)[1].split("\n## ", 1)[0]
    lines = [ln for block in section.split("```console")[1:] for ln in block.split("```")[0].splitlines()]
    return [ln[2:].split("  #")[0].strip() for ln in lines if ln.startswith("$ responsibility ")]


def test_the_section_has_an_example_of_every_graph_command() -> None:
    used = {shlex.split(cmd)[1] for cmd in _examples()}
    assert {"who", "owes", "chain", "trace", "compare", "graph", "list"} <= used


@pytest.mark.parametrize("cmd", _examples())
def test_readme_example_runs(
    cmd: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = shlex.split(cmd)[1:]
    # Paths in the examples are relative to the repository root; files they write go to a temp dir.
    argv = [str(ROOT / a) if a.startswith(("tests/", "policies/")) else a for a in argv]
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    if "-o" in argv:
        assert (tmp_path / argv[argv.index("-o") + 1]).stat().st_size > 0
    else:
        assert out.strip()
    assert os.listdir(tmp_path) == ([argv[argv.index("-o") + 1]] if "-o" in argv else [])
