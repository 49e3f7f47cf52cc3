"""Validate policy files: YAML, schema, references and quotes. Exit 0 when valid, 1 with every
error listed as ``file:line:col: CODE message``, 2 on a usage error. Without PATH: the shipped
policies. With PATH: those files or directories, resolved against the shipped policies so that
a local rule's parents are found."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import POLICIES, include_shipped, write
from responsibility.core.wording import plural
from responsibility.policy.loader import validate

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES,)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="policy files or directories")


def run(args: argparse.Namespace) -> int:
    # The policies `load_from` would load, validated one document at a time (no policy set is
    # kept: validate only reports, and a nationwide set's documents held at once were 17× the
    # memory of parsing its files).
    named = [*args.paths, *args.policies]
    n = validate(named, include_shipped=include_shipped(args, named))
    write(
        f"ok: {plural(n.regulations, 'regulation')}, {plural(n.provisions, 'provision')}, "
        f"{plural(n.duties, 'duty')}, {plural(n.actors, 'actor')}\n"
    )
    return 0
