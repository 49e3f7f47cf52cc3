"""`init --ci`: the CI file for GitHub Actions (default), GitLab CI or none; each workflow parses
as YAML and runs the same commands."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from responsibility.cli.commands.init import CI_FILES, skeleton
from responsibility.cli.main import main

COMMANDS = ("responsibility validate policies", "responsibility check policies")


def _run_lines(doc: object) -> list[str]:
    """Every shell line of a workflow (GitHub `run:`, GitLab `script:`)."""
    out: list[str] = []
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key == "run" and isinstance(value, str):
                out += value.splitlines()
            elif key == "script" and isinstance(value, list):
                out += [ln for item in value for ln in str(item).splitlines()]
            else:
                out += _run_lines(value)
    elif isinstance(doc, list):
        for item in doc:
            out += _run_lines(item)
    return [ln.strip() for ln in out]


@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_each_workflow_parses_and_runs_the_same_commands(ci: str) -> None:
    files = skeleton("mouxian", "某某县", "cn.hebei", "https://example.org/responsibility.git", ci)
    path = CI_FILES[ci][0]
    assert path is not None and path in files
    others = {p for p, _ in CI_FILES.values() if p is not None and p != path}
    assert not others & set(files)  # one CI file only
    doc = yaml.safe_load(files[path])
    lines = _run_lines(doc)
    for command in COMMANDS:
        assert any(ln.startswith(command) for ln in lines), (ci, lines)
    assert any("https://example.org/responsibility.git" in str(v) for v in _values(doc))
    assert any("vendor/responsibility-*.whl" in ln for ln in lines)


def _values(doc: object) -> list[object]:
    if isinstance(doc, dict):
        return [x for v in doc.values() for x in [v, *_values(v)]]
    if isinstance(doc, list):
        return [x for v in doc for x in [v, *_values(v)]]
    return []


def test_gitlab_keeps_the_junit_report_even_when_the_check_fails() -> None:
    doc = yaml.safe_load(skeleton("mouxian", "某某县", "cn", "https://x/r.git", "gitlab")[".gitlab-ci.yml"])
    job = doc["responsibility"]
    assert job["artifacts"]["when"] == "always"
    report = job["artifacts"]["reports"]["junit"]
    assert any(ln.endswith(f"--format junit > {report}") for ln in _run_lines(doc))


def test_init_ci_option_writes_the_chosen_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for ci in ("gitlab", "none", "github"):
        target = tmp_path / ci
        assert main(["init", str(target), "--id", "mouxian", "--ci", ci]) == 0
        assert (target / ".gitlab-ci.yml").exists() == (ci == "gitlab")
        assert (target / ".github" / "workflows" / "responsibility.yml").exists() == (ci == "github")
        assert (target / "policies" / "mouxian" / "mouxian.yaml").is_file()
    capsys.readouterr()
    assert main(["validate", str(tmp_path / "gitlab" / "policies")]) == 0
    with pytest.raises(SystemExit) as ex:
        main(["init", str(tmp_path / "x"), "--ci", "jenkins"])
    assert ex.value.code == 2
