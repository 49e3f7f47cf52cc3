"""Validate policy files: YAML, schema, references and quotes. Exit 0 when valid, 1 with every
error listed as ``file:line:col: CODE message``, 2 on a usage error. Without PATH: the shipped
policies. With PATH: those files or directories, resolved against the shipped policies so that
a local rule's parents are found; the summary counts what the PATHs hold, then the whole set
loaded with them. A PATH folder that holds no policy file is an error (E009), never `ok`."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import POLICIES, include_shipped, write
from responsibility.core.wording import plural, printable
from responsibility.policy.loader import Counts, validate

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES,)
# Beyond this many PATHs (a shell glob) the summary counts them rather than naming each.
NAMED_PATHS = 3


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="policy files or directories")


def run(args: argparse.Namespace) -> int:
    # The policies `load_from` would load, validated one document at a time (no policy set is
    # kept: validate only reports, and a nationwide set's documents held at once were 17× the
    # memory of parsing its files).
    named = [*args.paths, *args.policies]
    shipped = include_shipped(args, named)
    n = validate(named, include_shipped=shipped)
    if not args.paths:
        write(f"ok: {counts(n.counts)}\n")
        return 0
    # What the user's PATHs hold (a county's one file: 1 regulation), and, when more was loaded
    # with them (the shipped policies, --policies), the whole set they were validated in.
    held = n.within(range(len(args.paths)))
    line = f"ok: {paths(args.paths)}: {counts(held)}"
    if held != n.counts:
        line += f" (in all with {loaded_with(shipped, bool(args.policies))}: {counts(n.counts)})"
    write(line + "\n")
    return 0


def counts(c: Counts) -> str:
    """1 regulation, 40 provisions, 163 duties, 12 actors."""
    return (
        f"{plural(c.regulations, 'regulation')}, {plural(c.provisions, 'provision')}, "
        f"{plural(c.duties, 'duty')}, {plural(c.actors, 'actor')}"
    )


def paths(given: list[str]) -> str:
    """The PATHs as given (printable), or their number when there are many."""
    if len(given) > NAMED_PATHS:
        return plural(len(given), "path")
    return ", ".join(printable(p) for p in given)


def loaded_with(shipped: bool, policies: bool) -> str:
    """What else was loaded with the PATHs."""
    if shipped and policies:
        return "the shipped policies and --policies"
    return "the shipped policies" if shipped else "--policies"
