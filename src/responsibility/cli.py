"""The `responsibility` command: a thin face over the library.

Each subcommand is a module in :mod:`responsibility.commands` defining ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int`` (the :class:`Command` protocol), listed in
``COMMANDS``: a type checker sees a misspelt ``run``, and a test asserts every module of the
package is listed. Exit codes: 0 success, 1 findings or invalid policies, 2 usage or tool
error. Policy problems are printed as ``file:line:col: CODE message``, never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Protocol

from . import __version__, cache
from .commands import (
    actors,
    artefacts,
    chain,
    check,
    compare,
    docs,
    duties,
    export,
    graph,
    init,
    owes,
    places,
    registers,
    responsibility_list,
    rule,
    schema,
    test,
    topics,
    trace,
    validate,
    who,
)
from .errors import LookupFailure, PolicyError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class Command(Protocol):
    """A subcommand module: its name and one-line help, its options, and what it does."""

    NAME: str
    HELP: str
    __doc__: str | None

    def add_arguments(self, p: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


COMMANDS: tuple[Command, ...] = (
    actors,
    artefacts,
    chain,
    check,
    compare,
    docs,
    duties,
    export,
    graph,
    init,
    owes,
    places,
    registers,
    responsibility_list,
    rule,
    schema,
    test,
    topics,
    trace,
    validate,
    who,
)


def command_modules() -> list[Command]:
    """The commands in name order (as ``--help`` lists them)."""
    return sorted(COMMANDS, key=lambda m: m.NAME)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="responsibility",
        description="Rules as code for the poverty alleviation responsibility system (脱贫攻坚责任制).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for mod in command_modules():
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.__doc__)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with cache.setting(not getattr(args, "no_cache", False)):  # --no-cache, where offered
            code: int = args._run(args)
    except PolicyError as exc:
        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        n = len(exc.diagnostics)
        print(f"{n} error{'s' if n != 1 else ''}", file=sys.stderr)
        return EXIT_FINDINGS
    except LookupFailure as exc:
        print(f"responsibility: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # pragma: no cover - `| head`; before OSError, of which it is one
        return EXIT_OK
    except (OSError, ValueError) as exc:
        print(f"responsibility: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
