"""Export the whole policy set as JSON (the shape documented in the README)."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import (
    add_cache_option,
    add_format,
    add_no_shipped,
    include_shipped,
    write,
)
from responsibility.graph.export import dumps, export
from responsibility.policy.loader import load

NAME = "export"
HELP = "export the policy set as JSON"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="extra policy files or directories")
    add_format(p, ("json",))
    add_no_shipped(p)
    add_cache_option(p)


def run(args: argparse.Namespace) -> int:
    write(dumps(export(load(args.paths, include_shipped=include_shipped(args, args.paths)))))
    return 0
