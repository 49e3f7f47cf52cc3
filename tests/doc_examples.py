"""Running the examples of a Markdown page exactly as written (shared by the docs tests).

A page's steps, in order:

* a ```console block: each ``$ COMMAND`` line with the output shown under it. ``responsibility
  …`` runs in-process (``responsibility.cli.main``), ``cd DIR`` changes folder, ``> FILE`` writes
  standard output to FILE. A comment ``# exit N`` on the line gives the exit status expected (else
  0). Shown output must match the output (standard output, with standard error after it when the
  status is not 0) line by line; ``…`` stands for any text within a line, and a line that is only
  ``…`` for any number of lines. A command with no output shown may print anything.
* ``<!-- write: PATH -->`` just before a fenced block: the block is written to PATH.
* ``<!-- insert: PATH after: TEXT -->`` just before a fenced block: the block is inserted into
  PATH after the first line that starts with TEXT.
* ``<!-- cwd: DIR -->`` just before a console block: its commands run in DIR (relative to the
  folder the page's commands start in).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from responsibility.cli.main import main

FENCE = re.compile(r"^(?:<!-- (?P<marker>[^>]*?) -->\n)?```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$", re.M | re.S)


@dataclass
class Command:
    line: str  # as written, without the prompt and the comment
    shown: list[str] = field(default_factory=list)
    code: int = 0
    cwd: str | None = None  # the block's <!-- cwd: DIR -->


@dataclass
class FileEdit:
    path: str
    text: str
    after: str | None = None  # insert after the line starting with this; None: write the file


Step = Command | FileEdit


def _split_comment(line: str) -> tuple[str, str]:
    """`cmd  # comment` → (cmd, comment); a # inside a word (C#) is not a comment."""
    m = re.search(r"\s+#\s*(.*)$", line)
    return (line[: m.start()].strip(), m.group(1)) if m else (line.strip(), "")


def steps(markdown: str) -> list[Step]:
    out: list[Step] = []
    for m in FENCE.finditer(markdown):
        marker, lang, body = m.group("marker") or "", m.group("lang"), m.group("body")
        if marker.startswith("write: "):
            out.append(FileEdit(marker.removeprefix("write: ").strip(), body))
        elif marker.startswith("insert: "):
            path, after = marker.removeprefix("insert: ").split(" after: ", 1)
            out.append(FileEdit(path.strip(), body, after))
        elif lang == "console":
            cwd = marker.removeprefix("cwd: ").strip() if marker.startswith("cwd: ") else None
            out += commands(body, cwd)
    return out


def commands(block: str, cwd: str | None = None) -> list[Command]:
    out: list[Command] = []
    for ln in block.splitlines():
        if ln.startswith("$ "):
            line, comment = _split_comment(ln[2:])
            exit_code = re.search(r"\bexits? (\d)", comment)
            out.append(Command(line, [], int(exit_code.group(1)) if exit_code else 0, cwd))
        elif out:
            out[-1].shown.append(ln)
    return out


def matches(shown: list[str], actual: list[str]) -> bool:
    """Whether `actual` lines fit the `shown` pattern (… within a line: any text; a line `…`: any lines)."""
    if not shown:
        return not actual
    head, rest = shown[0], shown[1:]
    if head == "…":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    if not actual:
        return False
    pattern = ".*".join(re.escape(part) for part in head.split("…"))
    return re.fullmatch(pattern, actual[0]) is not None and matches(rest, actual[1:])


@contextlib.contextmanager
def _chdir(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_command(cmd: Command, cwd: Path) -> tuple[Path, Result | None]:
    """Run one command in `cwd`; returns the folder after it and its result (None for `cd`)."""
    argv = shlex.split(cmd.line)
    where = cwd / cmd.cwd if cmd.cwd else cwd
    if argv[0] == "cd":
        return (where / argv[1]).resolve(), None
    assert argv[0] == "responsibility", f"not a command the docs test can run: {cmd.line}"
    target = None
    if ">" in argv:
        target, argv = argv[argv.index(">") + 1], argv[: argv.index(">")]
    out, err = io.StringIO(), io.StringIO()
    with _chdir(where), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv[1:])
        except SystemExit as exc:  # argparse: usage errors and --help
            code = int(exc.code or 0)
    if target is not None:
        (where / target).write_text(out.getvalue(), "utf-8")
    return cwd, Result(code, out.getvalue(), err.getvalue())


def apply_edit(edit: FileEdit, cwd: Path) -> None:
    path = cwd / edit.path
    if edit.after is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(edit.text, "utf-8")
        return
    lines = path.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, ln in enumerate(lines) if ln.startswith(edit.after)) + 1
    path.write_text("".join(lines[:at]) + edit.text + "".join(lines[at:]), "utf-8")


def check_result(cmd: Command, result: Result) -> None:
    """Assert the command exited as the page says and printed what it shows."""
    assert result.code == cmd.code, f"{cmd.line}: exit {result.code}, not {cmd.code}\n{result.err}"
    if cmd.shown:
        text = result.out + (result.err if result.code else "")
        actual = text.splitlines()
        assert matches(cmd.shown, actual), (
            f"{cmd.line} printed:\n{text}\nnot what the page shows:\n" + "\n".join(cmd.shown)
        )
