"""Validate policy files: YAML, schema, references and quotes. Exit 0 when valid, 1 with every
error listed as ``file:line:col: CODE message``, 2 on a usage error. Without PATH: the shipped
policies. With PATH: those files or directories, resolved against the shipped policies so that
a local rule's parents are found."""

from __future__ import annotations

import argparse

from ..loader import load
from ._common import add_cache_option, write

NAME = "validate"
HELP = "check that policy files are valid"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="policy files or directories")
    p.add_argument(
        "--no-shipped", action="store_true", help="validate PATH alone, without the shipped policies"
    )
    add_cache_option(p)


def run(args: argparse.Namespace) -> int:
    ps = load(args.paths, include_shipped=not args.no_shipped or not args.paths)
    n_duties = len(ps.all_duties())
    write(
        f"ok: {len(ps.regulations)} regulations, {len(ps.provisions())} provisions, "
        f"{n_duties} duties, {len(ps.actors)} actors\n"
    )
    return 0
