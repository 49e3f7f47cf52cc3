"""List the kinds of artefact duties produce (责任书, 年度报告, 项目库 …) with their ids, how many
duties name each and which wider kinds each satisfies; `--regulation` keeps the kinds its duties
name."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._catalogue import ARTEFACTS, add_listing_arguments, run_listing
from responsibility.cli.commands._common import QUESTION

PARENTS = QUESTION


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_listing_arguments(p, levels=False)


def run(args: argparse.Namespace) -> int:
    return run_listing(args, ARTEFACTS)
