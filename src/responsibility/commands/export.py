"""Export the whole policy set as JSON (the shape documented in the README)."""

from __future__ import annotations

import argparse

from ..export import dumps, export
from ..loader import load
from ._common import add_cache_option, write

NAME = "export"
HELP = "export the policy set as JSON"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="extra policy files or directories")
    p.add_argument("--format", choices=("json",), default="json")
    p.add_argument("--no-shipped", action="store_true")
    add_cache_option(p)


def run(args: argparse.Namespace) -> int:
    write(dumps(export(load(args.paths, include_shipped=not args.no_shipped))))
    return 0
