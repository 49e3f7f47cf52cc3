"""Structural (E) findings are always reported and always fail, whatever the configuration says."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from check_helpers import PARENT, RULES_DIR, TODAY
from responsibility.checks import Category, rules_of
from responsibility.checks.config import Config, ConfigError, load_config
from responsibility.checks.runner import Options, run
from responsibility.cli.main import main

BROKEN = RULES_DIR / "E001" / "fail"  # a county rule that does not parse
STRUCTURAL = {r.code for r in rules_of(Category.structural)}


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main(["check", str(BROKEN), "--policies", str(PARENT), "--format", "json", *args])
    out, _ = capsys.readouterr()
    return code, json.loads(out)


@pytest.mark.parametrize(
    "args",
    [
        ["--select", "V"],
        ["--select", "R"],
        ["--select", "C001"],
        ["--ignore", "E"],
        ["--ignore", "E001,yaml-syntax"],
        ["--select", "W", "--fail-on", "error"],
        ["--fail-on", "info", "--ignore", "E"],
    ],
)
def test_a_file_that_does_not_parse_fails_whatever_is_selected(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, doc = cli(capsys, *args)
    assert code == 1
    findings = doc["findings"]
    assert isinstance(findings, list)
    assert [f["code"] for f in findings] == ["E001"]
    assert findings[0]["severity"] == "error"


def test_selection_still_filters_the_other_rules() -> None:
    cfg = Config(select=("C001",))
    codes = {r.code for r in cfg.selected()}
    assert codes == STRUCTURAL | {"C001"}


def test_structural_rules_keep_error_severity_even_when_set_in_python() -> None:
    from responsibility.core.errors import Severity

    cfg = Config(severity={"E001": Severity.info, "C001": Severity.info})
    by_code = {r.code: r for r in cfg.selected()}
    assert by_code["E001"].severity == Severity.error and by_code["C001"].severity == Severity.info


def test_regrading_a_structural_rule_in_the_config_is_a_usage_error(tmp_path: Path) -> None:
    cfg = tmp_path / "responsibility.toml"
    cfg.write_text('[severity]\nE001 = "info"\n')
    with pytest.raises(ConfigError, match=r"E011 E001 is structural and always an error \(at severity\.E001\)"):
        load_config(cfg)
    cfg.write_text('[severity]\nquote-not-in-text = "warning"\n')
    with pytest.raises(ConfigError, match="E022 is structural"):
        load_config(cfg)


def test_cli_reports_the_regrading_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "responsibility.toml"
    cfg.write_text('[severity]\nE001 = "info"\n')
    code = main(["check", str(BROKEN), "--policies", str(PARENT), "--config", str(cfg)])
    _, err = capsys.readouterr()
    assert code == 2 and str(cfg) in err and "E001" in err


def test_a_waiver_does_not_waive_a_structural_finding(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    dangling = RULES_DIR / "E021" / "fail"  # a finding with a target a waiver can name
    report0 = run(Options(paths=[dangling], policies=[PARENT], today=TODAY))
    [f] = report0.findings
    assert f.code == "E021" and f.target
    waivers.write_text(
        "kind: waivers\nwaivers:\n"
        f"- rule: {f.code}\n  target: '{f.target}'\n  reason: the parser is wrong about this file\n"
        "  approved_by: 示例县扶贫办\n  expires: 2030-01-01\n"
    )
    report = run(Options(paths=[dangling], policies=[PARENT], waivers=waivers, today=dt.date(2018, 6, 1)))
    # the finding stands, and the waiver that tried to waive it is itself reported
    assert sorted(x.code for x in report.findings) == ["E021", "W002"] and report.waived == []
    assert report.exit_code() == 1
