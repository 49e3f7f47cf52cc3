"""The site builds: the project's own mkdocs.yml with --strict, the plugin in a foreign site, and
`responsibility docs build` (target directory rules, atomic replacement, policy errors).

The project site and the foreign (fixture) site are built once per run by conftest.py and shared
with the browser tests; `docs build` runs in-process on the small fixture policy set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CATALOGUE, SITE_FIXTURES, BuiltSite
from responsibility.cli.commands.docs import MARKER
from responsibility.cli.main import main

FIXTURES = SITE_FIXTURES
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# The fixture regulations and the catalogue they name, without the shipped regulations: the
# directory rules do not depend on the policies, and the small set builds in a fraction of the time.
SMALL = ["--no-shipped", "--policies", str(CATALOGUE), "--policies", str(FIXTURES)]


def _mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MKDOCS, *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600)


def test_project_site_builds_strict_without_warnings(project_site: BuiltSite) -> None:
    out = project_site.path  # built by `mkdocs build --strict`, which must exit 0 (conftest.py)
    assert "WARNING" not in project_site.log, project_site.log
    # Generated policy pages, the guides and the reference pages are all there.
    for page in (
        "policies/index.html",
        "policies/regulations/central/index.html",
        "policies/actors/county.government/index.html",
        "policies/actors/county.government.xlsx",
        "policies/topics/index.html",
        "policies/duties/central/art_19/project-pool/index.html",
        "guide/writing-a-regulation/index.html",
        "reference/schema/index.html",
        "reference/api/index.html",
        "reference/cli/index.html",
        "rules/index.html",  # the rule catalogue, listed from docs/rules/*.md by the hook
        "graph/index.html",
    ):
        assert (out / page).is_file(), page
    actor = (out / "policies/actors/county.government/index.html").read_text("utf-8")
    assert 'href="../county.government.xlsx"' in actor
    schema = (out / "reference/schema/index.html").read_text("utf-8")
    assert "Exact substring of the provision" in schema  # a field description from the models
    api = (out / "reference/api/index.html").read_text("utf-8")
    assert "build_pages" in api and "literal" in api
    # The search index holds the Chinese text segmented by jieba (zero-width spaces between words).
    index = json.loads((out / "search/search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["zh", "en"]
    # The plugin teaches jieba the policy terms: 项目库 is one segment, not 项目 + 库.
    segments = {w for d in index["docs"] for w in d["text"].split("\u200b")}
    assert "项目库" in segments
    assert not any("项目\u200b库" in d["text"] for d in index["docs"])


def test_plugin_adds_pages_to_a_site_with_a_few_lines(fixture_site: BuiltSite) -> None:
    # conftest.write_fixture_config: a site's own mkdocs.yml plus the plugin, built with --strict.
    site = fixture_site.path
    page = (site / "rules/regulations/fixture-hostile/index.html").read_text("utf-8")
    # As character references in the HTML: the browser shows the characters, runs nothing.
    assert "&#60;script&#62;window&#46;&#95;&#95;xss &#61; 1&#60;&#47;script&#62;" in page
    assert "<script>window" not in page and "<img src=x" not in page
    # The plugin turned on the Mermaid fence the chain diagrams need.
    actor = (site / "rules/actors/county.leading-group-office/index.html").read_text("utf-8")
    assert '<pre class="mermaid"><code>%%{init' in actor and "graph BT" in actor


def test_plugin_reports_policy_errors_with_their_position(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.yaml").write_text("kind: regulation\nid: x\nlevl: county\n", "utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme: {name: material}\nplugins:\n  - responsibility:\n      policies: [bad]\n",
        "utf-8",
    )
    proc = _mkdocs("build", "-f", str(tmp_path / "mkdocs.yml"), cwd=tmp_path)
    assert proc.returncode != 0
    assert "bad/x.yaml:3:1: E010 unknown field 'levl'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_docs_build_writes_a_site_and_rebuilds_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["docs", "build", "-d", str(out), *SMALL]) == 0
    assert (out / MARKER).is_file()
    assert (out / "index.html").is_file()
    assert (out / "regulations/fixture-province/index.html").is_file()
    assert (out / "actors/county.government/index.html").is_file()
    (out / "stale.html").write_text("old", "utf-8")
    assert main(["docs", "build", "-d", str(out), "--site-name", "again", *SMALL]) == 0
    assert not (out / "stale.html").exists()  # replaced as a whole, not merged into
    # No temporary directories are left beside the target.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_docs_build_refuses_a_directory_it_did_not_create(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", "utf-8")
    assert main(["docs", "build", "-d", str(out)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert (out / "notes.txt").read_text("utf-8") == "keep me"
    assert main(["docs", "build", "-d", str(out), "--force", *SMALL]) == 0
    assert not (out / "notes.txt").exists()
    assert (out / MARKER).is_file()


def test_docs_build_reports_policy_errors_and_leaves_the_old_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["docs", "build", "-d", str(out), *SMALL]) == 0
    before = (out / "index.html").read_bytes()
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: regulation\nid: x\nlevl: county\n", "utf-8")
    assert main(["docs", "build", "-d", str(out), "--policies", str(bad)]) == 1
    assert "E010 unknown field 'levl'" in capsys.readouterr().err
    assert (out / "index.html").read_bytes() == before
