"""Every rule has a failing and a passing fixture; the catalogue and its docs stay consistent."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from check_helpers import BASE, FIXTURES, RULES_DIR, check, codes
from conftest import ROOT
from responsibility.checks import RULES, Category, rule
from responsibility.checks.docs import pages
from responsibility.cli.commands.rule import for_terminal
from responsibility.cli.main import main

FILE_RULES = sorted(p.name for p in RULES_DIR.iterdir() if p.name[0] in "CE")
# Cases that need bad bytes, a huge file, symlinks, an in-memory graph or facts are built by tests:
# E005-E009 below, G001-G004 in test_check_graph_rules.py, R001-R003 in test_check_computable.py.
# E013 (configuration not TOML) in test_config_toml_syntax.py; E030, F001-F005 (facts) and S001-S006
# (scenarios) are raised in test_computable.py, test_scenarios.py and test_findings.py; F006-F008
# (registers) in test_registers_cli.py, F009 in test_registers_input.py.
MADE_IN_TEST = {"E005", "E007", "E008", "E009", "G001", "G002", "G003", "G004", "R001", "R002", "R003"}
MADE_IN_TEST |= {"E013", "E030", *(f"F00{i}" for i in range(1, 10)), *(f"S00{i}" for i in range(1, 7))}


def test_every_rule_has_fixtures_or_a_made_case() -> None:
    have = {p.name for p in RULES_DIR.iterdir() if (p / "fail").is_dir() and (p / "pass").is_dir()}
    assert set(RULES) - have == MADE_IN_TEST


def test_base_fixture_is_clean() -> None:
    report = check(BASE)
    assert report.findings == [] and report.checked == ["fx-county"]


@pytest.mark.parametrize("code", FILE_RULES)
def test_rule_fails_on_its_failing_fixture(code: str) -> None:
    assert codes(check(RULES_DIR / code / "fail")) == [code]


@pytest.mark.parametrize("code", FILE_RULES)
def test_rule_passes_its_passing_fixture(code: str) -> None:
    assert code not in codes(check(RULES_DIR / code / "pass"))


def test_findings_carry_article_location_and_target() -> None:
    [f] = check(RULES_DIR / "C001" / "fail").findings
    assert (f.line, f.col, f.provision, f.target) == (7, 14, "第四条", "fx-province/art_4/sign-letter")
    assert f.file.endswith("rules/C001/fail/fx-county.yaml") and f.name == "missing-implementation"


def _copy_base(tmp_path: Path) -> Path:
    d = tmp_path / "county"
    d.mkdir()
    shutil.copy(BASE / "fx-county.yaml", d / "fx-county.yaml")
    return d


def test_e005_invalid_utf8(tmp_path: Path) -> None:
    d = _copy_base(tmp_path)
    (d / "fx-county.yaml").write_bytes(
        (d / "fx-county.yaml").read_bytes().replace("示例县".encode(), "示例县".encode("gbk"), 1)
    )
    assert codes(check(d)) == ["E005"]


def test_e007_file_too_large(tmp_path: Path) -> None:
    d = _copy_base(tmp_path)
    with (d / "fx-county.yaml").open("a") as fh:
        fh.write("# " + "x" * (4 * 1024 * 1024) + "\n")
    assert codes(check(d)) == ["E007"]


def test_e008_symlink_out_of_root_is_not_read(tmp_path: Path) -> None:
    d = _copy_base(tmp_path)
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("kind: regulation\nid: [not read\n")
    os.symlink(outside, d / "linked.yaml")
    assert codes(check(d)) == ["E008"]


def test_e009_unreadable_file(tmp_path: Path) -> None:
    d = _copy_base(tmp_path)
    os.symlink(d / "gone.yaml", d / "dangling.yaml")  # points inside the root at nothing
    assert codes(check(d)) == ["E009"]


def test_made_cases_pass_once_repaired(tmp_path: Path) -> None:
    assert check(_copy_base(tmp_path)).findings == []


def test_rule_lookup_by_code_name_and_nearest() -> None:
    assert rule("c001") is RULES["C001"] and rule("weaker-modality").code == "C004"
    from responsibility.core.errors import LookupFailure

    with pytest.raises(LookupFailure, match="did you mean"):
        rule("missing-implementations")


def test_codes_are_stable_and_categorised() -> None:
    prefix = {
        Category.structural: "EFS",
        Category.conformance: "C",
        Category.evidence: "V",
        Category.waiver: "W",
        Category.graph: "G",
        Category.computable: "R",
    }
    assert all(r.code[0] in prefix[r.category] for r in RULES.values())
    assert len({r.name for r in RULES.values()}) == len(RULES)
    # the loader's diagnostic codes each have a structural rule of the same code
    assert {c for c in RULES if c.startswith("E")} == {
        *(f"E00{i}" for i in range(1, 10)),
        "E010",
        "E011",
        "E012",
        "E013",  # the configuration is not TOML
        *(f"E02{i}" for i in range(9)),  # E025-E028: cycles
        "E030",  # a computable rule's expression does not parse
        "E040",  # a text differs from its source
        "E041",  # the source is missing
    }


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_docstring_documents_what_why_example_fix(code: str) -> None:
    doc = RULES[code].doc
    for heading in ("## What it checks", "## Why", "## Example", "## Fix"):
        assert heading in doc, f"{code} lacks {heading}"


def test_committed_rule_pages_equal_generated() -> None:
    docs = ROOT / "docs" / "rules"
    want = pages()
    have = {p.name: p.read_text("utf-8") for p in docs.glob("*.md")}
    assert sorted(have) == sorted(want), "run: responsibility rule --write docs/rules --force"
    for name, text in want.items():
        assert have[name] == text, (
            f"docs/rules/{name} is stale: run responsibility rule --write docs/rules --force"
        )


def test_rule_command_prints_the_docs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "C001"]) == 0
    out = capsys.readouterr().out
    # The page's text, rendered for a terminal (tests/test_readable_answers.py checks the form).
    assert out == for_terminal((ROOT / "docs" / "rules" / "C001.md").read_text("utf-8"))
    assert main(["rule", "nonsense-rule"]) == 2
    assert "unknown rule" in capsys.readouterr().err


def test_fixture_readme_lists_vendored_schema() -> None:
    assert "sarif-schema-2.1.0.json" in (FIXTURES / "README.md").read_text("utf-8")
