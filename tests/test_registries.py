"""The explicit registries: every rule module and every command module is listed, and each
listed one has the shape its protocol promises (a misspelt `check` or `run` cannot hide)."""

from __future__ import annotations

import argparse
import inspect
import json
import pkgutil
import re
from pathlib import Path

import pytest

from responsibility.checks import RULES, rules
from responsibility.cli import commands
from responsibility.cli import main as cli
from responsibility.core import codes
from responsibility.core.errors import Finding, Location, Rule


def _modules(pkg: object) -> set[str]:
    return {m.name for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_")}  # type: ignore[attr-defined]


def test_every_rule_module_is_registered() -> None:
    listed = {m.__name__.rsplit(".", 1)[1] for m in rules.REGISTRY}
    assert listed == _modules(rules)
    assert len(rules.REGISTRY) == len(RULES)


@pytest.mark.parametrize("mod", rules.CHECKED, ids=lambda m: m.RULE.code)
def test_every_checked_rule_has_a_check_of_one_context(mod: rules.CheckedRule) -> None:
    params = list(inspect.signature(mod.check).parameters)
    assert params == ["ctx"] and RULES[mod.RULE.code].check is mod.check


def test_documented_rules_have_no_check() -> None:
    assert not any(hasattr(m, "check") for m in rules.DOCUMENTED)


def test_every_rule_constant_raised_below_the_checker_is_registered() -> None:
    constants = {v.code: v for v in vars(codes).values() if isinstance(v, Rule)}
    assert constants and set(constants) <= set(RULES)
    for code, rule in constants.items():
        assert (RULES[code].name, RULES[code].category) == (rule.name, rule.category)


def _parser(entry: cli.Entry) -> argparse.ArgumentParser:
    mod = entry.load()
    p = argparse.ArgumentParser(parents=mod.PARENTS)
    mod.add_arguments(p)  # must not raise (no option defined twice)
    return p


def test_every_command_module_is_registered() -> None:
    listed = {e.module for e in cli.COMMANDS}
    assert listed == _modules(commands)
    names = [e.name for e in cli.COMMANDS]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("entry", cli.COMMANDS, ids=lambda e: e.name)
def test_every_command_has_arguments_and_run(entry: cli.Entry) -> None:
    mod = entry.load()
    assert mod.__name__ == f"{cli.PACKAGE}.{entry.module}"
    assert list(inspect.signature(mod.run).parameters) == ["args"]
    assert all(isinstance(parent, argparse.ArgumentParser) for parent in mod.PARENTS)
    _parser(entry)
    assert entry.help and mod.__doc__


def test_no_shipped_is_one_option_with_one_behaviour(capsys: pytest.CaptureFixture[str]) -> None:
    helps = set()
    for entry in cli.COMMANDS:
        helps |= {a.help for a in _parser(entry)._actions if "--no-shipped" in a.option_strings}
    assert len(helps) == 1
    # with nothing else named, --no-shipped is a usage error, the same in every command
    for argv in (["validate", "--no-shipped"], ["export", "--no-shipped"], ["actors", "--no-shipped"]):
        assert cli.main(argv) == 2
        assert "--no-shipped: name a PATH or --policies" in capsys.readouterr().err


def test_finding_location_and_format() -> None:
    f = codes.E021.finding(
        Location("a.yaml", 3, 5, "actors[0].id", "第九条"), "unknown actor 'x'", hint="fix"
    )
    assert f.format() == "a.yaml:3:5: E021 unknown actor 'x' (at actors[0].id); fix"
    assert (f.file, f.line, f.col, f.column, f.path, f.provision) == (
        "a.yaml",
        3,
        5,
        5,
        "actors[0].id",
        "第九条",
    )
    assert f.name == "dangling-reference" and isinstance(f, Finding)


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github"])
def test_a_bad_facts_file_prints_a_document_in_machine_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    root = Path(__file__).resolve().parent / "fixtures" / "check"
    bad = tmp_path / "facts.yaml"
    bad.write_text("kind: facts\nbudget: []\n", "utf-8")
    argv = ["check", str(root / "golden" / "county"), "--policies", str(root / "parent")]
    code = cli.main([*argv, "--facts", str(bad), "--format", fmt])
    out, err = capsys.readouterr()
    assert (
        code == 1 and "facts.yaml:2:1: F004 unknown field 'budget' (at budget)" in err
    )  # positioned, on stderr
    assert "F004" in out
    if fmt == "json":
        doc = json.loads(out)
        assert [f["code"] for f in doc["findings"]] == ["F004"]


def test_format_is_one_option_defined_once() -> None:
    """Every --format says the same thing and defaults to its first choice."""
    for entry in cli.COMMANDS:
        for a in _parser(entry)._actions:
            if "--format" in a.option_strings:
                assert a.help == "output format (default: %(default)s)" and a.choices is not None
                assert a.default == next(iter(a.choices)), entry.name


@pytest.mark.parametrize("code", ["F001", "F002", "F003", "F004", "F005"])
def test_each_facts_rule_example_raises_its_code(code: str) -> None:
    """The Example of each facts rule's page, read as a facts file, is a finding of that rule."""
    from responsibility.computable import facts
    from responsibility.core.errors import PolicyError

    m = re.search(r"## Example\n```(\w+)\n(.*?)```", RULES[code].doc, re.S)
    assert m is not None
    lang, text = m.groups()
    if lang == "yaml" and not text.startswith("kind:"):
        text = "kind: facts\n" + text
    with pytest.raises(PolicyError) as err:
        facts.parse_csv(text, "fiscal.csv") if lang == "csv" else facts.parse_yaml(text, "f.yaml")
    assert code in {d.code for d in err.value.diagnostics}
