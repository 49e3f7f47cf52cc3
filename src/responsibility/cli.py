"""The `responsibility` command: a thin face over the library.

Each subcommand is a module in :mod:`responsibility.commands` defining ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; modules are discovered, so adding a command
never edits this file. Exit codes: 0 success, 1 findings or invalid policies, 2 usage or tool
error. Policy problems are printed as ``file:line:col: CODE message``, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from . import __version__, cache, commands
from .errors import LookupFailure, PolicyError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def command_modules() -> list[ModuleType]:
    mods = [
        importlib.import_module(f"{commands.__name__}.{m.name}")
        for m in pkgutil.iter_modules(commands.__path__)
        if not m.name.startswith("_")
    ]
    return sorted(mods, key=lambda m: str(m.NAME))


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
