"""List the actors — role types (县级政府), concrete bodies (武邑县人民政府) and joint owners
(县级党委和政府) — with the ids and names every other command takes. `--regulation` keeps the
bodies that own duties in it (named owners and the members of a joint owner); `--place` the
concrete bodies sitting in a place or within it."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._catalogue import ACTORS, add_listing_arguments, run_listing
from responsibility.cli.commands._common import QUESTION

PARENTS = QUESTION


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_listing_arguments(p, levels=True, place=True)


def run(args: argparse.Namespace) -> int:
    return run_listing(args, ACTORS)
