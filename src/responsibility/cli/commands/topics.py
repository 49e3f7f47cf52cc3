"""List the topics duties are grouped by, with their ids and how many duties name each;
`--regulation` keeps the topics its duties name."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._catalogue import TOPICS, add_listing_arguments, run_listing
from responsibility.cli.commands._common import QUESTION

PARENTS = QUESTION


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_listing_arguments(p, levels=False)


def run(args: argparse.Namespace) -> int:
    return run_listing(args, TOPICS)
