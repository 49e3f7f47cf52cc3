"""Options and helpers shared by subcommands."""

from __future__ import annotations

import argparse
import sys

from ..loader import load
from ..policyset import PolicySet


def add_policy_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--policies",
        action="append",
        default=[],
        metavar="DIR",
        help="a policy directory or file to add to the shipped policies (repeatable)",
    )
    p.add_argument(
        "--no-shipped", action="store_true", help="do not include the policies shipped with the package"
    )


def add_format(p: argparse.ArgumentParser, choices: tuple[str, ...] = ("table", "json")) -> None:
    p.add_argument("--format", choices=choices, default=choices[0], help="output format")


def load_from(args: argparse.Namespace) -> PolicySet:
    return load(args.policies, include_shipped=not args.no_shipped)


def write(text: str) -> None:
    sys.stdout.write(text)
