"""List the places of the hierarchy (中国 › 河北省 › 衡水市 › 武邑县) with their ids;
`--regulation` keeps the places within the area it governs."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._catalogue import PLACES, add_listing_arguments, run_listing
from responsibility.cli.commands._common import QUESTION

PARENTS = QUESTION


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_listing_arguments(p, levels=True)


def run(args: argparse.Namespace) -> int:
    return run_listing(args, PLACES)
