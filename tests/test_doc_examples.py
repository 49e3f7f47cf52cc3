"""Every ```console example of README.md, docs/ and the example repository runs exactly as
written, with the exit status its comment gives (0 when none) and the output it shows.

Each page runs in a fresh copy of the repository's policies, fixtures, examples and
configuration, so commands that write files (`> results.sarif`, `-o`, `-d site-out`) write there.
See tests/doc_examples.py for how a page's examples are read.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from doc_examples import Command, FileEdit, apply_edit, check_result, commands, run_command, steps

# Pages whose commands run from a folder other than the repository root.
START = {"examples/local-repo/README.md": "examples/local-repo"}
# Pages run by a test of their own.
RUN_ELSEWHERE = {"docs/guide/tutorial.md": "tests/test_init_tutorial.py"}
# Commands that cannot run in a test, and why.
EXCEPTIONS = {
    "responsibility docs serve": "serves the site until stopped: a server for a browser",
    "responsibility check policies/county --policies ../province-rules": (
        "docs/rules/E009.md shows the error E009 reports; its folders are hypothetical"
    ),
}
COPIED = ("policies", "tests/fixtures", "examples", "pyproject.toml")


def _pages() -> list[str]:
    found = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")), ROOT / "examples/local-repo/README.md"]
    return [p.relative_to(ROOT).as_posix() for p in found if "```console" in p.read_text("utf-8")]


def _copy(tmp: Path) -> Path:
    for rel in COPIED:
        src, dst = ROOT / rel, tmp / rel
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    return tmp


def test_the_pages_with_examples_are_found() -> None:
    pages = _pages()
    for wanted in ("README.md", "docs/guide/getting-started.md", "docs/guide/cli.md", "docs/guide/tutorial.md"):
        assert wanted in pages
    for page, test in RUN_ELSEWHERE.items():
        assert page in pages and (ROOT / test).is_file()


def test_every_console_line_is_a_command_or_its_output() -> None:
    """A console block holds `$ ` commands with their output: no text before the first command."""
    for page in _pages():
        for block in re.findall(r"```console\n(.*?)```", (ROOT / page).read_text("utf-8"), re.S):
            assert block.startswith("$ "), f"{page}: a console block starts with a command"
            assert commands(block)


def test_the_exceptions_are_still_in_the_pages() -> None:
    lines = {
        s.line
        for page in _pages()
        for s in steps((ROOT / page).read_text("utf-8"))
        if isinstance(s, Command)
    }
    assert set(EXCEPTIONS) <= lines


@pytest.mark.parametrize("page", [p for p in _pages() if p not in RUN_ELSEWHERE])
def test_page_examples_run_as_written(page: str, tmp_path: Path) -> None:
    cwd = _copy(tmp_path) / START.get(page, "")
    ran, skipped = 0, 0
    for step in steps((ROOT / page).read_text("utf-8")):
        if isinstance(step, FileEdit):
            apply_edit(step, cwd)
            continue
        if step.line in EXCEPTIONS:
            skipped += 1
            continue
        cwd, result = run_command(step, cwd)
        if result is not None:
            check_result(step, result)
            ran += 1
    assert ran or skipped
