"""The files the README's commands write are ignored by git: trying the README leaves the
checkout clean (`git status` shows nothing new)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import ROOT

_WRITES = re.compile(r"(>|-o|-d)\s+(\S+)")


def written_by_readme() -> list[str]:
    """Each file or folder a README command writes (`> FILE`, `-o FILE`, `-d DIR/`), relative to
    the repository root: a console block after `<!-- cwd: DIR -->` runs in DIR."""
    out: list[str] = []
    cwd = ""
    for line in (ROOT / "README.md").read_text("utf-8").splitlines():
        marker = re.match(r"<!-- cwd: (\S+) -->", line)
        if marker:
            cwd = marker.group(1) + "/"
            continue
        if line.startswith("```") and line.strip() == "```":  # a block's end: back to the root
            cwd = ""
        for command in re.findall(r"(?:^\$ |`)(responsibility [^`#]*)", line):
            out += [cwd + t.rstrip("/") + ("/" if how == "-d" else "") for how, t in _WRITES.findall(command)]
    return out


def test_the_readme_writes_the_files_expected() -> None:
    assert written_by_readme() == [
        "policies.json",
        "regulation.schema.json",
        "responsibility.graphml",
        "责任清单.xlsx",
        "examples/local-repo/results.sarif",
        "site-out/",
    ]


def test_every_file_the_readme_writes_is_in_gitignore_by_name() -> None:
    ignored = (ROOT / ".gitignore").read_text("utf-8").splitlines()
    for path in written_by_readme():
        assert f"/{path}" in ignored, path


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout"
)
def test_git_ignores_them() -> None:
    paths = sorted(set(written_by_readme()))
    done = subprocess.run(
        ["git", "-c", "core.quotePath=false", "check-ignore", "--no-index", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert sorted(done.stdout.split()) == paths
