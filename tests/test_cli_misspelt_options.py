"""A misspelt option is reported by the command it was given to, with that command's usage line,
the option named and the nearest one suggested (exit 2); no option is taken by a prefix."""

from __future__ import annotations

import argparse

import pytest

from responsibility.cli import main as cli
from responsibility.cli.parser import Parser


def _usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exc:
        cli.main(list(argv))
    assert exc.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


@pytest.mark.parametrize(
    ("argv", "usage", "message"),
    [
        (
            ("check", "--evidnce", "x"),
            "usage: responsibility check ",
            "responsibility check: error: unknown option --evidnce; did you mean --evidence?",
        ),
        (
            ("duties", "--regulaton", "central"),
            "usage: responsibility duties ",
            "responsibility duties: error: unknown option --regulaton; did you mean --regulation?",
        ),
        (
            ("validate", "--no-cach"),
            "usage: responsibility validate ",
            "responsibility validate: error: unknown option --no-cach; did you mean --no-cache?",
        ),
        (
            ("trace", "central/第十九条", "--langg=en"),
            "usage: responsibility trace ",
            "responsibility trace: error: unknown option --langg; did you mean --lang?",
        ),
        (
            ("registers", "check", "f.csv", "--rulez", "shanxi"),
            "usage: responsibility registers check ",
            "responsibility registers check: error: unknown option --rulez; did you mean --rules?",
        ),
    ],
)
def test_the_command_names_the_unknown_option_and_the_nearest(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], usage: str, message: str
) -> None:
    err = _usage_error(capsys, *argv)
    assert err.startswith(usage), err
    assert err.rstrip("\n").endswith(message)
    assert "the following arguments are required" not in err


def test_an_abbreviation_is_not_taken(capsys: pytest.CaptureFixture[str]) -> None:
    """`--no-cach` used to be read as `--no-cache`, and `--regul` as `--regulation`."""
    assert "unknown option --regul;" in _usage_error(capsys, "duties", "--regul", "central")
    for p in _all_parsers(cli.build_parser()):
        assert p.allow_abbrev is False and isinstance(p, Parser), p.prog


def _all_parsers(p: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    out = [p]
    for a in p._actions:
        if isinstance(a, argparse._SubParsersAction):
            for q in a.choices.values():
                out += _all_parsers(q)
    return out


def test_an_option_of_no_command_is_the_top_levels_to_report(capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error(capsys, "--evidnce", "check")
    assert err.startswith("usage: responsibility [-h]") and "unknown option --evidnce" in err


def test_values_and_the_end_of_options_are_not_options() -> None:
    p = Parser(prog="p")
    p.add_argument("--n", type=float)
    p.add_argument("-o")
    p.add_argument("rest", nargs="*")
    assert p.unknown_option(["--n", "-1.5", "-", "-ofile", "--n=2"]) is None
    assert p.unknown_option(["x", "--", "--anything"]) is None
    assert p.unknown_option(["x", "--m"]) == "--m"
