"""`responsibility check` from the command line: exit codes, options, configuration files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from check_helpers import BASE, FIXTURES, PARENT, RULES_DIR
from responsibility.checks.config import ConfigError, find_config, load_config
from responsibility.cli.main import main


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_0_when_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, str(BASE), "--policies", str(PARENT))
    assert code == 0 and "0 findings" in out


def test_exit_1_on_errors_and_fail_on(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, str(RULES_DIR / "C001" / "fail"), "--policies", str(PARENT))[0] == 1
    warn = str(RULES_DIR / "C009" / "fail")
    assert cli(capsys, warn, "--policies", str(PARENT))[0] == 0  # a warning does not fail by default
    assert cli(capsys, warn, "--policies", str(PARENT), "--fail-on", "warning")[0] == 1


def test_structural_problems_are_findings_not_crashes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(
        capsys, str(RULES_DIR / "E001" / "fail"), "--policies", str(PARENT), "--format", "json"
    )
    assert code == 1 and err == ""
    doc = json.loads(out)
    assert doc["loaded"] is False and [f["code"] for f in doc["findings"]] == ["E001"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere"], "no such file"),
        (["{BASE}", "--against", "centrall"], "did you mean"),
        (["{BASE}", "--select", "X9"], "no rule matches"),
        (["{BASE}", "--evidence", "{FX}/evidence/complete"], "needs --period"),
        (["{BASE}", "--evidence", "{FX}/evidence/complete", "--period", "2018-Q5"], "not a period"),
        (["{BASE}", "--evidence", "{FX}/nowhere", "--period", "2018"], "does not exist"),
        (["{BASE}", "--waivers", "{FX}/none.yaml"], "does not exist"),
        (["{FX}/parent", "--today", "tomorrow"], "error"),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    argv = [a.replace("{BASE}", str(BASE)).replace("{FX}", str(FIXTURES)) for a in args]
    code, _, err = cli(capsys, *argv, "--policies", str(PARENT))
    assert code == 2 and message in err and "Traceback" not in err


def test_against_names_one_parent(capsys: pytest.CaptureFixture[str]) -> None:
    # checked against the central measure instead of fx-province: county duties of central are missing
    code, out, _ = cli(
        capsys, str(BASE), "--policies", str(PARENT), "--against", "central", "--format", "json"
    )
    found = json.loads(out)["findings"]
    assert (
        code == 1 and found and all(f["target"].startswith("central/") for f in found if f["code"] == "C001")
    )


def test_select_and_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    fail = str(RULES_DIR / "C001" / "fail")
    assert cli(capsys, fail, "--policies", str(PARENT), "--ignore", "C")[0] == 0
    assert cli(capsys, fail, "--policies", str(PARENT), "--select", "missing-implementation")[0] == 1
    assert cli(capsys, fail, "--policies", str(PARENT), "--select", "E,V")[0] == 0


def test_config_from_pyproject_and_responsibility_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    proj = tmp_path / "proj"
    shutil.copytree(RULES_DIR / "C009" / "fail", proj / "policies")
    (proj / "pyproject.toml").write_text(
        '[tool.responsibility]\nfail-on = "warning"\n[tool.responsibility.severity]\nC009 = "info"\n'
    )
    monkeypatch.chdir(proj / "policies")
    assert find_config(Path.cwd()) == proj / "pyproject.toml"
    code, out, _ = cli(capsys, ".", "--policies", str(PARENT))
    assert code == 0 and "info    C009" in out  # downgraded below the warning threshold
    (proj / "responsibility.toml").write_text('fail-on = "info"\n')
    assert find_config(Path.cwd()) == proj / "responsibility.toml"  # wins over pyproject in the same dir
    assert cli(capsys, ".", "--policies", str(PARENT))[0] == 1


def test_config_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "responsibility.toml"
    bad.write_text('fail_on = "warning"\n')
    with pytest.raises(ConfigError, match=r"1:1: E010 unknown field 'fail_on' \(at fail_on\); did you mean 'fail-on'"):
        load_config(bad)
    bad.write_text('[severity]\nC999 = "error"\n')
    with pytest.raises(ConfigError, match="unknown rule 'C999'"):
        load_config(bad)
    bad.write_text('fail-on = "fatal"\n')
    with pytest.raises(ConfigError, match="E011 invalid value 'fatal': Input should be 'error', 'warning' or 'info'"):
        load_config(bad)


def test_rule_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule"]) == 0
    out = capsys.readouterr().out
    assert "C001" in out and "missing-implementation" in out and "W002" in out
