"""Export the whole policy set as JSON (the shape documented in the README)."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import POLICIES, formats, load_from, write
from responsibility.graph.export import dumps, export

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES, formats("json"))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="extra policy files or directories")


def run(args: argparse.Namespace) -> int:
    write(dumps(export(load_from(args, *args.paths))))
    return 0
