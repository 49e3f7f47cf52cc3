"""Options and helpers shared by subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

from responsibility.core.errors import LookupFailure
from responsibility.policy import cache
from responsibility.policy.loader import load
from responsibility.policy.policyset import PolicySet

T = TypeVar("T")


def add_policy_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--policies",
        action="append",
        default=[],
        metavar="DIR",
        help="a policy directory or file to add to the shipped policies (repeatable)",
    )
    add_no_shipped(p)
    add_cache_option(p)


NO_SHIPPED_HELP = (
    "leave out the policies shipped with the package: read only the PATHs and --policies named "
    "(a usage error when none is)"
)


def add_no_shipped(p: argparse.ArgumentParser) -> None:
    """The one `--no-shipped` of every command; :func:`include_shipped` reads it."""
    p.add_argument("--no-shipped", action="store_true", help=NO_SHIPPED_HELP)


def include_shipped(args: argparse.Namespace, *named: Sequence[str]) -> bool:
    """Whether to read the shipped policies: yes unless --no-shipped, which needs something else
    named (PATH arguments, --policies) to read instead (ValueError, exit 2, when nothing is)."""
    if not args.no_shipped:
        return True
    if not any(named):
        raise ValueError("--no-shipped: name a PATH or --policies to read instead of the shipped policies")
    return False


def add_cache_option(p: argparse.ArgumentParser) -> None:
    """`--no-cache`, on every command that loads policies (the CLI applies it around the command)."""
    p.add_argument(
        "--no-cache",
        action="store_true",
        help=f"read every policy file afresh, not from the cache (also: {cache.ENV_OFF}=1)",
    )


def add_format(p: argparse.ArgumentParser, choices: tuple[str, ...] = ("table", "json")) -> None:
    p.add_argument("--format", choices=choices, default=choices[0], help="output format")


def load_from(args: argparse.Namespace) -> PolicySet:
    return load(args.policies, include_shipped=include_shipped(args, args.policies))


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
