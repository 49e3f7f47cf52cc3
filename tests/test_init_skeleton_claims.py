"""What README, the command's help and its docstring say of `init`'s skeleton is what it does: it
validates at once, and `check` on it exits 1 with a C001 for each central duty of a county (the
tutorial's to-do list, green only once the rule is declared an excerpt in its step 5). README
once said it "checks at once" and the help "a skeleton that checks green"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from responsibility.cli.commands import init
from responsibility.cli.main import COMMANDS, main


@pytest.fixture(scope="module")
def skeleton_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "mouxian"
    assert main(["init", str(root), "--id", "mouxian", "--name", "某某县", "--parent", "河北省"]) == 0
    return root


def _init_paragraph() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    m = re.search(r"To start a repository for your own rule, .*?(?:\n\n|\Z)", text, re.S)
    assert m
    return " ".join(m.group(0).split())


def test_the_skeleton_validates_and_its_check_lists_the_county_duties(
    skeleton_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(skeleton_dir)
    assert main(["validate", "policies"]) == 0
    capsys.readouterr()
    assert main(["check", "policies", "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert out.count('"code": "C001"') > 1  # one per central duty of a county


def test_readme_says_what_init_and_check_do() -> None:
    said = _init_paragraph()
    assert "writes a skeleton that validates at once" in said
    assert "`check` on the skeleton exits 1" in said and "C001" in said
    assert "checks at once" not in said


def test_the_help_and_the_docstring_make_no_claim_of_a_green_check() -> None:
    [entry] = [c for c in COMMANDS if c.name == "init"]
    for words in (entry.help, init.__doc__ or ""):
        assert "checks green" not in words and "checks at once" not in words
        assert "validates" in words
