"""The files the example repository's README writes are ignored by git: its commands run in
examples/local-repo (tests/test_doc_examples.py), so what they write lands there, and trying them
must leave the checkout clean, as trying the main README does."""

from __future__ import annotations

import re

from conftest import ROOT

EXAMPLE = "examples/local-repo"
_WRITES = re.compile(r"(>|-o|-d)\s+(\S+)")


def written_by_example_readme() -> list[str]:
    """Each file or folder a command of the example's README writes, relative to the root."""
    out: list[str] = []
    for line in (ROOT / EXAMPLE / "README.md").read_text("utf-8").splitlines():
        for command in re.findall(r"(?:^\$ |`)(responsibility [^`#]*)", line):
            out += [f"{EXAMPLE}/{t.rstrip('/')}" for _, t in _WRITES.findall(command)]
    return out


def test_the_example_readme_writes_the_sarif_file_gitignore_names() -> None:
    assert written_by_example_readme() == [f"{EXAMPLE}/results.sarif"]


def test_every_file_the_example_readme_writes_is_in_gitignore_by_name() -> None:
    ignored = (ROOT / ".gitignore").read_text("utf-8").splitlines()
    for path in written_by_example_readme():
        assert f"/{path}" in ignored, path
