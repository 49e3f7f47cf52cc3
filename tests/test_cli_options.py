"""The options commands share are one definition (argparse parent parsers in
cli/commands/_common.py), and a command imports only what it uses."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from responsibility.cli import main as cli
from responsibility.cli.commands import _common

SHARED = ("--policies", "--no-shipped", "--no-cache", "--format", "--lang")


def _options(entry: cli.Entry) -> dict[str, argparse.Action]:
    parser = cli.build_parser(only=entry.name)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    p = sub.choices[entry.name]
    nested = next((a for a in p._actions if isinstance(a, argparse._SubParsersAction)), None)
    parsers = list(nested.choices.values()) if nested else [p]  # docs build / docs serve
    found: dict[str, argparse.Action] = {}
    for q in parsers:
        for a in q._actions:
            for opt in a.option_strings:
                found.setdefault(opt, a)
    return found


def _described(a: argparse.Action) -> tuple[object, ...]:
    return (a.help, a.default, a.metavar, a.nargs, type(a).__name__, a.dest)


def test_every_command_that_takes_policies_takes_the_same_policy_options() -> None:
    taking = {e.name: _options(e) for e in cli.COMMANDS if "--policies" in _options(e)}
    # every command that reads policies, listed so that one dropping them fails here
    assert set(taking) == {
        "actors", "artefacts", "chain", "check", "compare", "docs", "duties", "export", "graph",
        "list", "owes", "places", "registers", "test", "topics", "trace", "validate", "who",
    }  # fmt: skip
    reference = {opt: _described(a) for opt, a in _options(cli.COMMANDS[0]).items() if opt in SHARED}
    for name, opts in taking.items():
        for opt in ("--policies", "--no-shipped", "--no-cache"):
            assert opt in opts, (name, opt)
            assert _described(opts[opt]) == reference[opt], (name, opt)


def test_format_and_lang_read_the_same_wherever_offered() -> None:
    helps: dict[str, set[object]] = {"--format": set(), "--lang": set()}
    lang_commands = set()
    for e in cli.COMMANDS:
        opts = _options(e)
        for opt in helps:
            if opt in opts:
                helps[opt].add(opts[opt].help)
        if "--lang" in opts:
            lang_commands.add(e.name)
            assert opts["--lang"].choices == _common.LANGUAGES and opts["--lang"].default == "zh"
        if "--format" in opts:
            assert opts["--format"].default == next(iter(opts["--format"].choices or []))
    assert helps["--format"] == {_common.FORMAT_HELP} and len(helps["--lang"]) == 1
    # every command that prints labelled tables (or the 责任清单) takes --lang
    assert {"duties", "who", "owes", "chain", "trace", "compare", "list"} <= lang_commands
    assert {"actors", "places", "topics", "artefacts"} <= lang_commands


def test_the_shared_groups_are_the_parents_of_the_commands() -> None:
    """One definition: the Action objects are those of the parent parser, not copies."""
    policies = set(_common.POLICIES._actions)
    for e in cli.COMMANDS:
        opts = _options(e)
        if "--policies" in opts:
            assert opts["--policies"] in policies and opts["--no-cache"] in policies


@pytest.mark.parametrize("argv", [["validate"], ["validate", "--no-shipped"]])
def test_validate_imports_no_site_checker_graph_or_writer(argv: list[str]) -> None:
    code = (
        "import sys, json\n"
        "from responsibility.cli.main import main\n"
        f"rc = main({argv!r})\n"
        "print(json.dumps([rc, sorted(sys.modules)]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    rc, modules = json.loads(done.stdout.splitlines()[-1])
    assert rc == (0 if argv == ["validate"] else 2)
    loaded = {m for m in modules if m.startswith("responsibility.")}
    commands = {m for m in loaded if m.startswith("responsibility.cli.commands.") and "._" not in m}
    assert commands == {"responsibility.cli.commands.validate"}
    for heavy in ("responsibility.site", "responsibility.checks", "responsibility.graph",
                  "responsibility.computable", "openpyxl", "mkdocs"):  # fmt: skip
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy


def test_only_the_chosen_command_is_imported() -> None:
    assert cli.chosen(["--version"]) is None
    assert cli.chosen(["owes", "县级政府", "--lang", "en"]) == "owes"
    assert cli.chosen(["nonsense"]) is None
    p = cli.build_parser(only="validate")
    sub = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == {e.name for e in cli.COMMANDS}  # --help still lists them all
    assert "--policies" in sub.choices["validate"].format_help()
    assert "--policies" not in sub.choices["who"].format_help()  # listed only, not built


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ex:
        cli.main(["nonsense"])
    assert ex.value.code == 2 and "invalid choice: 'nonsense'" in capsys.readouterr().err
