"""The CI files `init` writes, and the example repository's, keep the tool's cache between runs:
the folder the cache is told to use (RESPONSIBILITY_CACHE_DIR) is the folder the CI system
saves and restores, and the project's .gitignore leaves it out of commits."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from responsibility.cli.commands.init import CI_FILES, skeleton

EXAMPLE = ROOT / "examples" / "local-repo" / ".github" / "workflows" / "check.yml"


def _github_cached_paths(doc: dict[str, object]) -> list[str]:
    jobs = doc["jobs"]
    assert isinstance(jobs, dict)
    return [
        step["with"]["path"]
        for job in jobs.values()
        for step in job["steps"]
        if str(step.get("uses", "")).startswith("actions/cache@")
    ]


def _workflows() -> list[tuple[str, str]]:
    files = skeleton("mouxian", "某某县", "cn.hebei", "https://example.org/responsibility.git", "github")
    gitlab = skeleton("mouxian", "某某县", "cn.hebei", "https://example.org/responsibility.git", "gitlab")
    return [
        ("github", files[CI_FILES["github"][0] or ""]),
        ("gitlab", gitlab[CI_FILES["gitlab"][0] or ""]),
        ("example", EXAMPLE.read_text("utf-8")),
    ]


@pytest.mark.parametrize(("kind", "text"), _workflows(), ids=lambda v: v if len(v) < 10 else "")
def test_the_cache_folder_is_the_folder_kept(kind: str, text: str) -> None:
    doc = yaml.safe_load(text)
    if kind == "gitlab":
        folder = doc["variables"]["RESPONSIBILITY_CACHE_DIR"]
        kept = doc["responsibility"]["cache"]["paths"]
        assert [p.rstrip("/") for p in kept] == [folder]
    else:
        folder = doc["env"]["RESPONSIBILITY_CACHE_DIR"]
        assert _github_cached_paths(doc) == [folder]
    assert folder == ".responsibility_cache"


def test_the_skeleton_does_not_commit_the_cache() -> None:
    files = skeleton("mouxian", "某某县", "cn.hebei", "https://example.org/responsibility.git", "github")
    assert ".responsibility_cache/" in files[".gitignore"].splitlines()


def test_the_example_repository_does_not_commit_the_cache() -> None:
    ignore = (ROOT / "examples" / "local-repo" / ".gitignore").read_text("utf-8")
    assert ".responsibility_cache/" in ignore.splitlines()
