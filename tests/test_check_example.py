"""The example county repository: the checker reports exactly the gaps planted in it."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from responsibility.cli.main import main

EXAMPLE = ROOT / "examples" / "local-repo"
PLANTED = [
    (
        "evidence/evidence.csv",
        "V002",
        "shilixian/art_7/quarterly-report#progress-report/county.party-committee-and-government@example.city.shili/2018-Q4",
    ),
    ("policies/shilixian/shilixian.yaml", "C008", "shilixian"),
    ("policies/shilixian/shilixian.yaml", "C001", "central/art_19/project-pool"),
    ("policies/shilixian/shilixian.yaml", "C006", "central/art_14/implementation-plan#implementation-plan"),
    ("policies/shilixian/shilixian.yaml", "C004", "central/art_15/check-exit"),
    ("policies/shilixian/shilixian.yaml", "C004", "central/art_15/check-identification"),
    (
        "policies/shilixian/shilixian.yaml",
        "V001",
        "shilixian/art_7/quarterly-report#progress-report/county.party-committee-and-government@example.city.shili/2018-Q3",
    ),
    (
        "policies/shilixian/shilixian.yaml",
        "V001",
        "shilixian/art_8/township-letters#responsibility-letter/township.principal-leaders@example.city.shili.xixiang/2018",
    ),
]


def test_example_reports_exactly_its_planted_gaps(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    monkeypatch.chdir(EXAMPLE)  # picks up the example's responsibility.toml (grace-days = 15)
    code = main(["check", "policies", "--evidence", "evidence", "--period", "2018", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert [(f["file"], f["code"], f["target"]) for f in doc["findings"]] == PLANTED
    assert code == 1 and doc["evidence"]["counts"]["present"] == 3


def test_example_readme_lists_the_same_gaps() -> None:
    readme = (EXAMPLE / "README.md").read_text("utf-8")
    for _, code, _ in PLANTED:
        assert code in readme


def test_example_ci_and_precommit_run_the_checker() -> None:
    wf = yaml.safe_load((EXAMPLE / ".github" / "workflows" / "check.yml").read_text("utf-8"))
    runs = [s.get("run", "") for s in wf["jobs"]["check"]["steps"]]
    assert any(r.startswith("responsibility check policies --evidence evidence --period 2018") for r in runs)
    hooks = yaml.safe_load((EXAMPLE / ".pre-commit-config.yaml").read_text("utf-8"))
    assert hooks["repos"][0]["hooks"][0]["entry"] == "responsibility check policies"
    root_hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert root_hooks[0]["id"] == "responsibility-check" and root_hooks[0]["entry"] == "responsibility check"


def test_example_source_text_matches_its_encoding() -> None:
    import responsibility
    from responsibility.policy.fidelity import compare

    ps = responsibility.load([EXAMPLE / "policies"])
    source = (EXAMPLE / "policies" / "shilixian" / "source.txt").read_text("utf-8")
    assert compare(ps.regulation("shilixian"), source) is None
