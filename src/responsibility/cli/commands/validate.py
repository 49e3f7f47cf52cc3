"""Validate policy files: YAML, schema, references and quotes. Exit 0 when valid, 1 with every
error listed as ``file:line:col: CODE message``, 2 on a usage error. Without PATH: the shipped
policies. With PATH: those files or directories, resolved against the shipped policies so that
a local rule's parents are found."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import POLICIES, load_from, write
from responsibility.core.wording import plural

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES,)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="policy files or directories")


def run(args: argparse.Namespace) -> int:
    ps = load_from(args, *args.paths)
    n_duties = len(ps.all_duties())
    write(
        f"ok: {plural(len(ps.regulations), 'regulation')}, {plural(len(ps.provisions()), 'provision')}, "
        f"{plural(n_duties, 'duty')}, {plural(len(ps.actors), 'actor')}\n"
    )
    return 0
