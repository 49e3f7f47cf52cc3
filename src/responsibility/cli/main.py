"""The `responsibility` command: a thin face over the library.

Each subcommand is a module in :mod:`responsibility.cli.commands` defining ``PARENTS`` (the
shared option groups of :mod:`~responsibility.cli.commands._common` it takes),
``add_arguments(parser)`` for its own options and ``run(args) -> int`` (the :class:`Command`
protocol). ``COMMANDS`` lists every command explicitly — its name, its one-line help and the
module that implements it — and a command's module is imported only when that command runs, so
`responsibility validate` does not pay for the site, the checker or the XLSX writer. A test
asserts every entry resolves to a module of that shape and every module of the package is listed.

Exit codes: 0 success, 1 findings or invalid policies, 2 usage or tool error. Policy problems are
printed as ``file:line:col: CODE message``, never as a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, cast

from responsibility import __version__
from responsibility.cli import results
from responsibility.cli.parser import Parser

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
PACKAGE = "responsibility.cli.commands"


class Command(Protocol):
    """A subcommand module: its shared option groups, its own options, and what it does."""

    PARENTS: tuple[argparse.ArgumentParser, ...]
    __doc__: str | None

    def add_arguments(self, p: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


@dataclass(frozen=True)
class Entry:
    """One command of the registry: what `--help` lists, and where its code is."""

    name: str
    help: str
    module: str  # a module of responsibility.cli.commands, imported when the command is chosen

    def load(self) -> Command:
        return cast(Command, importlib.import_module(f"{PACKAGE}.{self.module}"))


COMMANDS: tuple[Entry, ...] = (
    Entry("actors", "list bodies and roles with their ids (Chinese names first)", "actors"),
    Entry("artefacts", "list artefact kinds with their ids (Chinese names first)", "artefacts"),
    Entry("chain", "to whom a body answers, and who answers to it, per line of regulations", "chain"),
    Entry("check", "check implementing rules and evidence (CI)", "check"),
    Entry("compare", "compare two regulations topic by topic", "compare"),
    Entry("docs", "build or serve the browsable site", "docs"),
    Entry("duties", "list the duties of a regulation", "duties"),
    Entry("export", "export the policy set as JSON", "export"),
    Entry("graph", "export the responsibility graph (GraphML or node-link JSON)", "graph"),
    Entry(
        "init",
        "start a repository for your own implementing rule"
        " (a skeleton that validates; check lists what to encode)",
        "init",
    ),
    Entry("list", "write the responsibility list (责任清单) as CSV or XLSX", "responsibility_list"),
    Entry("owes", "what a body owes, grouped by topic", "owes"),
    Entry("places", "list places with their ids (Chinese names first)", "places"),
    Entry("registers", "check (or generate) registers of exits, pairings and village teams", "registers"),
    Entry("rule", "show the documentation of a check rule (responsibility rule C001)", "rule"),
    Entry("schema", "print the JSON Schema of policy files", "schema"),
    Entry("test", "run scenario tests of computable rules", "test"),
    Entry("topics", "list topics with their ids (Chinese names first)", "topics"),
    Entry(
        "trace", "how a duty (or each duty of a provision) is implemented in each local regulation", "trace"
    ),
    Entry("validate", "check that policy files are valid", "validate"),
    Entry("who", "who owns a duty or a provision's duties", "who"),
)  # fmt: skip


def command_modules() -> list[Entry]:
    """The commands in name order (as ``--help`` lists them)."""
    return sorted(COMMANDS, key=lambda e: e.name)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with `only`, the options of that one command alone are built (the
    others are listed by name and help, their modules not imported)."""
    parser = Parser(
        prog="responsibility",
        description="Rules as code for the poverty alleviation responsibility system (脱贫攻坚责任制).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for entry in command_modules():
        if only is not None and entry.name != only:
            sub.add_parser(entry.name, help=entry.help)
            continue
        mod = entry.load()
        # the shared option groups are Parsers too (commands/_common.py); a command declares them
        # as argparse's type, which is all argparse needs of a parent
        parents = cast(tuple[Parser, ...], mod.PARENTS)
        p = sub.add_parser(entry.name, help=entry.help, description=mod.__doc__, parents=parents)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def chosen(argv: Sequence[str]) -> str | None:
    """The command `argv` names: its first word that is not an option (the top level's options,
    --help and --version, take no value)."""
    names = {e.name for e in COMMANDS}
    word = next((a for a in argv if not a.startswith("-")), None)
    return word if word in names else None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    name = chosen(argv)
    # A repeated `validate` or `check` is answered from the result cache before anything heavy
    # is imported (cli/results.py: replayed only when nothing the stored run read has changed).
    if results.wanted(name, argv):
        try:
            k = results.key(argv)
        except OSError:  # no working directory to name: run without the cache
            return _main(argv, name)
        code = results.replay(k)
        return code if code is not None else results.record(k, lambda: _main(argv, name))
    return _main(argv, name)


def _main(argv: list[str], name: str | None) -> int:
    from responsibility.core.errors import LookupFailure, PolicyError
    from responsibility.core.wording import plural
    from responsibility.policy import cache

    # Importing the command's modules (pydantic building the policy models among them) makes tens
    # of thousands of objects and no garbage cycles; the collector, run every 700 allocations,
    # would rescan them all for nothing (about 5% of a cold `validate`). On again before the
    # command runs, as the loader does around a load.
    collecting = gc.isenabled()
    gc.disable()
    try:
        args = build_parser(only=name or "").parse_args(argv)
    finally:
        if collecting:
            gc.enable()
    try:
        with cache.setting(not getattr(args, "no_cache", False)):  # --no-cache, where offered
            code: int = args._run(args)
    except PolicyError as exc:
        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        n = len(exc.diagnostics)
        print(plural(n, "error"), file=sys.stderr)
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
