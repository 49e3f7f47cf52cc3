"""Every `$ COMMAND` of a console block in README.md and docs/ is valid POSIX shell as printed.

The docs tests run the commands in-process through shlex, which takes `一(一)3` unquoted; a
reader pasting it into bash gets `syntax error near unexpected token '('` (a newcomer did).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from doc_examples import FENCE, commands

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
LINES = [
    (page.relative_to(ROOT).as_posix(), cmd.line)
    for page in PAGES
    for m in FENCE.finditer(page.read_text("utf-8"))
    if m.group("lang") == "console"
    for cmd in commands(m.group("body"))
]


def test_the_pages_have_console_examples() -> None:
    assert len(LINES) > 50


@pytest.mark.skipif(shutil.which("sh") is None, reason="no POSIX shell on this machine")
@pytest.mark.parametrize(("page", "line"), LINES)
def test_a_console_line_parses_as_shell(page: str, line: str) -> None:
    done = subprocess.run(["sh", "-n", "-c", line], capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{page}: {line}\n{done.stderr}"
