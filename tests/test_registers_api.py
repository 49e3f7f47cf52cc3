"""One function checks a register for every face: the command line and a program get the same
counts, and bad files raise PolicyError before a rule runs (the docs' example raised a raw DuckDB
error on a register without the rule's columns)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import responsibility
from responsibility.cli.main import main
from responsibility.core.errors import PolicyError
from responsibility.registers import engines, report
from responsibility.registers.generate import Sizes, generate

PS = responsibility.load()


def test_the_library_and_the_command_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = engines.register_rules(PS, ["wuyi"])
    files = generate(PS, rules, tmp_path, Sizes(cases=300, households=50, seed=3, faults=0.2))
    result, _ = report.check_register(PS, rules, list(files.values()))
    main(["registers", "check", *map(str, files.values()), "--rules", "wuyi", "--format", "json"])
    printed = json.loads(capsys.readouterr().out)
    assert result.failed > 0
    assert json.dumps(printed, sort_keys=True) == json.dumps(
        json.loads(report.as_json(result, _words())), sort_keys=True
    )


def _words() -> report.Names:
    from responsibility.cli.commands._names import Words

    return Words(PS, "zh")


def test_a_register_without_the_rules_columns_raises_policy_error(tmp_path: Path) -> None:
    wuyi = engines.register_rules(PS, ["wuyi"])
    files = generate(PS, wuyi, tmp_path, Sizes(cases=20, households=5, seed=1, faults=0.0))
    shanxi = engines.register_rules(PS, ["shanxi"])
    with pytest.raises(PolicyError) as info:
        report.check_register(PS, shanxi, list(files.values()))
    assert info.value.diagnostics and {d.code for d in info.value.diagnostics} <= {"F006", "F007"}
