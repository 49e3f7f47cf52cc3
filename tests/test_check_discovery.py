"""Which files `check` reads: PATH defaults to `.`; in a folder only files that declare a policy
kind; `exclude` folders are not entered; `--verbose` lists what was passed over."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from check_helpers import BASE, PARENT
from conftest import ROOT
from responsibility.checks.config import ConfigError, load_config
from responsibility.cli.main import main

NOT_POLICIES = {
    "mkdocs.yml": "site_name: 示例县\nnav:\n- index.md\n",
    ".pre-commit-config.yaml": "repos:\n- repo: local\n  hooks: []\n",
    "deploy/app.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n",
    "policies/notes.yaml": "# a list of tasks, not a policy\ntodo: [encode 第五条]\n",
}


def _repo(tmp_path: Path, config: str = "") -> Path:
    """A county repository: its rule, the usual non-policy YAML beside it, and a configuration."""
    repo = tmp_path / "repo"
    (repo / "policies").mkdir(parents=True)
    shutil.copy(BASE / "fx-county.yaml", repo / "policies" / "fx-county.yaml")
    for name, text in NOT_POLICIES.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, "utf-8")
    (repo / "responsibility.toml").write_text(config, "utf-8")
    return repo


def _check(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cwd: Path, *args: str
) -> tuple[int, dict[str, object], str]:
    monkeypatch.chdir(cwd)
    code = main(["check", *args, "--policies", str(PARENT), "--format", "json"])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_no_path_checks_the_current_folder_and_only_its_policies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    code, doc, err = _check(capsys, monkeypatch, repo)
    assert (code, doc["checked"], doc["findings"], err) == (0, ["fx-county"], [], "")


def test_verbose_names_every_file_passed_over_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    (repo / "policies" / "fx.scenarios.yaml").write_text("kind: scenarios\nscenarios: []\n", "utf-8")
    code, doc, err = _check(capsys, monkeypatch, repo, "-v")
    assert code == 0 and doc["checked"] == ["fx-county"]
    lines = set(err.splitlines())
    assert "skipped mkdocs.yml: declares no kind" in lines
    assert "skipped .pre-commit-config.yaml: declares no kind" in lines
    assert "skipped policies/notes.yaml: declares no kind" in lines
    assert any(ln.startswith("skipped deploy/app.yaml: kind Deployment is not one of") for ln in lines)
    assert (
        "skipped policies/fx.scenarios.yaml: kind scenarios is read by its own command, not as a policy"
        in lines
    )
    assert len(lines) == 5


def test_a_misspelt_kind_and_an_empty_file_are_still_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    county = (repo / "policies" / "fx-county.yaml").read_text("utf-8")
    (repo / "policies" / "fx-county.yaml").write_text(county.replace("kind: regulation", "kind: regulaton"))
    (repo / "policies" / "blank.yaml").write_text("# to do\n", "utf-8")
    code, doc, _ = _check(capsys, monkeypatch, repo)
    findings = doc["findings"]
    assert isinstance(findings, list)
    assert code == 1 and sorted(f["code"] for f in findings) == ["E006", "E011"]
    assert any("unknown kind 'regulaton'" in f["message"] for f in findings)


def test_a_file_named_on_the_command_line_is_read_whatever_it_declares(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    code, doc, _ = _check(capsys, monkeypatch, repo, "policies/notes.yaml")
    findings = doc["findings"]
    assert isinstance(findings, list)
    assert code == 1 and findings and all(f["code"].startswith("E") for f in findings)


def test_exclude_prunes_folders_met_in_a_walk_but_not_folders_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path, 'exclude = ["fixtures", "policies/drafts/*.yaml"]\n')
    broken = repo / "fixtures" / "bad"
    broken.mkdir(parents=True)
    (broken / "bad.yaml").write_text("kind: regulation\nid: [broken\n", "utf-8")
    (repo / "policies" / "drafts").mkdir()
    (repo / "policies" / "drafts" / "draft.yaml").write_text("kind: regulation\nid: [x\n", "utf-8")
    code, doc, err = _check(capsys, monkeypatch, repo, "-v")
    assert code == 0 and doc["checked"] == ["fx-county"]
    assert "skipped fixtures: excluded by the configuration" in err
    assert "skipped policies/drafts/draft.yaml: excluded by the configuration" in err
    code, doc, _ = _check(capsys, monkeypatch, repo, "fixtures/bad")
    findings = doc["findings"]
    assert isinstance(findings, list)
    assert code == 1 and [f["code"] for f in findings] == ["E001"]


@pytest.mark.parametrize("value", ['"tests"', "[1]", '[""]', '["/"]'])
def test_exclude_must_be_a_list_of_paths(tmp_path: Path, value: str) -> None:
    cfg = tmp_path / "responsibility.toml"
    cfg.write_text(f"exclude = {value}\n", "utf-8")
    with pytest.raises(ConfigError, match=r"E011 .*\(at exclude(\[0\])?\)"):
        load_config(cfg)


def test_check_at_the_repository_root_reads_only_the_project_policies(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    main(["check", "--verbose", "--format", "json"])
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert doc["loaded"] is True
    assert doc["checked"] == ["central", "gansu", "majiang", "shanxi", "wuyi"]
    findings = doc["findings"]
    assert isinstance(findings, list)
    assert not [f for f in findings if not f["file"].startswith("policies/")]
    lines = set(err.splitlines())
    for name in ("mkdocs.yml", ".pre-commit-hooks.yaml"):
        assert f"skipped {name}: declares no kind" in lines
    for folder in ("tests/fixtures", "examples"):
        assert f"skipped {folder}: excluded by the configuration" in lines


def test_a_large_or_non_utf8_file_that_is_not_a_policy_is_passed_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    (repo / "data.yaml").write_text("rows:\n" + "- 1\n" * (1_200_000), "utf-8")  # over 4 MB
    (repo / "legacy.yaml").write_bytes("title: 示例县\n".encode("gbk"))
    code, doc, err = _check(capsys, monkeypatch, repo, "--verbose")
    assert code == 0 and doc["findings"] == []
    assert "skipped data.yaml: declares no kind" in err and "skipped legacy.yaml: declares no kind" in err
