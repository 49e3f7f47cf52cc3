"""Options and helpers shared by subcommands."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

from responsibility.cli.parser import group
from responsibility.core.errors import LookupFailure
from responsibility.policy import cache
from responsibility.policy.loader import load
from responsibility.policy.policyset import PolicySet

T = TypeVar("T")


def _group() -> argparse.ArgumentParser:
    return group()


NO_SHIPPED_HELP = (
    "leave out the policies shipped with the package: read only the PATHs and --policies named "
    "(a usage error when none is)"
)

# The option groups commands share, each defined once and handed to argparse as a parent parser
# (a command lists those it takes in its PARENTS): the same option reads and behaves the same in
# every command.

# What to load: the shipped policies, more of them, or only others; read afresh or from the cache.
POLICIES = _group()
POLICIES.add_argument(
    "--policies",
    action="append",
    default=[],
    metavar="DIR",
    help="a policy directory or file to add to the shipped policies (repeatable)",
)
POLICIES.add_argument("--no-shipped", action="store_true", help=NO_SHIPPED_HELP)
POLICIES.add_argument(
    "--no-cache",
    action="store_true",
    help=f"read every policy file afresh, not from the cache (also: {cache.ENV_OFF}=1)",
)

LANGUAGES = ("zh", "en")
# The language of headers, labels, names and summaries (policy/labels.py), Chinese first.
LANG = _group()
LANG.add_argument(
    "--lang",
    choices=LANGUAGES,
    default="zh",
    help="language of the headers, labels, names and summaries: zh (default) or en",
)

FORMAT_HELP = "output format (default: %(default)s)"
_FORMATS: dict[tuple[str, ...], argparse.ArgumentParser] = {}


def formats(*choices: str) -> argparse.ArgumentParser:
    """The one `--format` option with these choices, the first the default (one parser per set
    of choices, so commands with the same choices share it)."""
    if choices not in _FORMATS:
        p = _FORMATS[choices] = _group()
        p.add_argument("--format", choices=choices, default=choices[0], help=FORMAT_HELP)
    return _FORMATS[choices]


TABLE = formats("table", "json")
# The option groups every command that answers a question takes: the policies, table or JSON, the language.
QUESTION: tuple[argparse.ArgumentParser, ...] = (POLICIES, TABLE, LANG)


def install_extra(extra: str) -> str:
    """How to install an optional extra. The project is installed from a checkout (it is not on
    PyPI), so the checkout's form comes first; the package name serves an index that has it."""
    return (
        f"pip install '.[{extra}]' in the project's folder "
        f"(or 'responsibility[{extra}]' from a package index that has it)"
    )


def include_shipped(args: argparse.Namespace, *named: Sequence[str]) -> bool:
    """Whether to read the shipped policies: yes unless --no-shipped, which needs something else
    named (PATH arguments, --policies) to read instead (ValueError, exit 2, when nothing is)."""
    if not args.no_shipped:
        return True
    if not any(named):
        raise ValueError("--no-shipped: name a PATH or --policies to read instead of the shipped policies")
    return False


def load_from(args: argparse.Namespace, *paths: str) -> PolicySet:
    """The policies `args` name: the PATHs given (validate, export), then --policies, with the
    shipped ones unless --no-shipped."""
    named = [*paths, *args.policies]
    ps = load(named, include_shipped=include_shipped(args, named))
    # A command keeps the policy set to its end: the collector's later passes would scan its
    # hundreds of thousands of objects for nothing (0.3 s after a nationwide load). The CLI, not
    # the library, decides this: freezing is process-wide.
    gc.freeze()
    return ps


def write(text: str) -> None:
    sys.stdout.write(text)


def resolve(option: str, find: Callable[[PolicySet, str], T], ps: PolicySet, text: str) -> T:
    """`text` as typed for `option` (an id, 第九条, 武邑县人民政府) resolved by `find` (one of
    responsibility.policy.lookup's functions); an unknown or ambiguous name names the option (exit 2)."""
    try:
        return find(ps, text)
    except LookupFailure as exc:
        exc.option = exc.option or option
        raise


def resolve_optional(
    option: str, find: Callable[[PolicySet, str], T], ps: PolicySet, text: str | None
) -> T | None:
    """:func:`resolve` for an option that may be absent."""
    return None if text is None else resolve(option, find, ps, text)
