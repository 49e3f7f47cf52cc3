"""Scenario files and `responsibility test`: facts in, expected findings out."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

import responsibility
from conftest import ROOT
from responsibility.cli.main import main
from responsibility.computable import scenarios
from responsibility.computable.engine import rule_ids

SHIPPED_POLICIES = ROOT / "policies"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["test", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def summary(out: str) -> tuple[int, int]:
    m = re.search(r"^(\d+) passed, (\d+) failed", out.splitlines()[-1])
    assert m, out
    return int(m.group(1)), int(m.group(2))


def test_every_fixture_and_shipped_scenario_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, str(SHIPPED_POLICIES))
    passed, failed = summary(out)
    assert (code, failed) == (0, 0), out
    assert passed >= 60


def test_shipped_scenarios_run_without_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys)
    assert code == 0
    assert summary(out)[1] == 0 and summary(out)[0] >= 10


def test_every_rule_has_at_least_three_scenarios() -> None:
    ps = responsibility.load()
    found, problems = scenarios.load([SHIPPED_POLICIES], ps)
    assert not problems
    per_rule = Counter(r for s in found for r in s.checked)
    thin = {r: per_rule[r] for r in rule_ids(ps) if per_rule[r] < 3}
    assert not thin, f"rules with fewer than three scenarios: {thin}"


FAILING = """kind: scenarios
id: broken
scenarios:
- name: wrong expectation
  facts:
    fiscal:
    - {place: cn.hebei.hengshui.wuyi, year: 2017, general_budget_revenue: 100, special_poverty_funds: 1}
  expect:
  - {rule: wuyi/special-funds-share, outcome: fail, says: '0.50%'}
- name: right expectation
  facts:
    fiscal:
    - {place: cn.hebei.hengshui.wuyi, year: 2017, general_budget_revenue: 100, special_poverty_funds: 1}
  expect:
  - {rule: wuyi/special-funds-share, outcome: pass}
"""


def test_a_failing_scenario_is_reported_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "broken.yaml"
    f.write_text(FAILING, "utf-8")
    code, out, _ = run_cli(capsys, str(f))
    assert code == 1
    assert out.splitlines()[-1] == "1 passed, 1 failed"
    assert "FAIL" in out and "wrong expectation" in out
    assert "expected, not found: wuyi/special-funds-share fail says='0.50%'" in out
    # the finding it did produce is shown, so the author sees the computation
    assert "1.00% ≥ 1%" in out


def test_unexpected_findings_fail_a_scenario(tmp_path: Path) -> None:
    ps = responsibility.load()
    text = FAILING.replace("says: '0.50%'", "year: 2017")
    f = tmp_path / "s.yaml"
    f.write_text(
        text.replace("outcome: pass}", "outcome: pass}\n  - {rule: wuyi/special-funds-share, outcome: fail}")
    )
    (first, second) = scenarios.parse(f.read_text("utf-8"), "s.yaml", tmp_path, rule_ids(ps))
    r1, r2 = scenarios.run(ps, first), scenarios.run(ps, second)
    assert not r1.passed and r1.unexpected and r1.missing  # a pass where a fail was expected
    assert not r2.passed and r2.missing and not r2.unexpected


def test_keyword_selects_scenarios(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "broken.yaml"
    f.write_text(FAILING, "utf-8")
    code, out, _ = run_cli(capsys, str(f), "-k", "RIGHT")
    assert (code, out.splitlines()[-1]) == (0, "1 passed, 0 failed")
    code, _, err = run_cli(capsys, str(f), "-k", "nothing-like-this")
    assert code == 2 and "no scenarios found matching 'nothing-like-this'" in err


def test_bad_scenario_files_give_positions_and_suggestions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(
        "kind: scenarios\nscenarios:\n- name: x\n  fact: {}\n  expect:\n"
        "  - {rule: wuyi/special-fund-share, outcome: fail}\n  - {rule: wuyi/special-funds-share, outcome: maybe}\n",
        "utf-8",
    )
    code, out, err = run_cli(capsys, str(f))
    assert code == 1
    lines = err.splitlines()
    assert any(
        re.match(r".*bad\.yaml:4:3: S002 unknown field 'fact'.*did you mean 'facts'\?", ln) for ln in lines
    ), err
    assert any("bad.yaml:6:" in ln and "S006 unknown rule 'wuyi/special-fund-share'" in ln for ln in lines)
    assert any("did you mean wuyi/special-funds-share" in ln for ln in lines)
    assert any("bad.yaml:7:38: S003 invalid value 'maybe': Input should be 'pass'," in ln for ln in lines)
    assert out.splitlines()[-1] == "0 passed, 0 failed, 1 file with errors"


def test_facts_errors_inside_a_scenario_point_into_the_scenario_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(
        "kind: scenarios\nscenarios:\n- name: x\n  rules: [wuyi/special-funds-share]\n  facts:\n"
        "    fiscal:\n    - {year: 2017}\n",
        "utf-8",
    )
    code, _, err = run_cli(capsys, str(f))
    assert code == 1
    assert re.search(
        r"bad\.yaml:7:7: F002 missing required field 'place' \(at scenarios\[0\]\.facts\.fiscal\[0\]\.place\)",
        err,
    ), err


def test_facts_files_are_read_relative_to_the_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "fiscal.csv").write_text(
        "place,year,general_budget_revenue,special_poverty_funds\ncn.hebei.hengshui.wuyi,2017,100,2\n",
        "utf-8",
    )
    (tmp_path / "s.yaml").write_text(
        "kind: scenarios\nscenarios:\n- name: from csv\n  facts_files: [data/fiscal.csv]\n  expect:\n"
        "  - {rule: wuyi/special-funds-share, outcome: pass, says: '2.00% ≥ 1%'}\n",
        "utf-8",
    )
    code, out, _ = run_cli(capsys, str(tmp_path / "s.yaml"))
    assert (code, out.splitlines()[-1]) == (0, "1 passed, 0 failed"), out


def test_a_directory_of_policies_and_scenarios_is_tested_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a county's own folder: its regulation, rules and scenarios, found by the one PATH. Its rules
    # replace the shipped ones of the same regulation: here a 40% weight instead of 30%.
    mine = tmp_path / "majiang"
    shutil.copytree(SHIPPED_POLICIES / "guizhou" / "majiang", mine)
    rules = mine / "majiang.rules.yaml"
    rules.write_text(
        rules.read_text("utf-8").replace("poverty_weight == 30%", "poverty_weight == 40%"), "utf-8"
    )
    code, out, _ = run_cli(capsys, str(mine), "-k", "county department weighted at 30% passes")
    assert code == 1 and "40%" in out and summary(out) == (0, 1)
