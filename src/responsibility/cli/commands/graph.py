"""Export the responsibility graph for Gephi, Cytoscape or yEd: GraphML, or node-link JSON.
Nodes and edges carry a `type` attribute (see docs/graph.md). Output is deterministic. With -o,
the file is written atomically and an existing different file is kept unless --force."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from responsibility.cli.commands._common import POLICIES, formats, load_from, write
from responsibility.core.safewrite import write_text_atomic
from responsibility.graph.network import build, graphml, node_link_json

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES, formats("graphml", "json"))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists and differs")


def run(args: argparse.Namespace) -> int:
    g = build(load_from(args))
    text = graphml(g) if args.format == "graphml" else node_link_json(g)
    if args.output is None:
        write(text)
    else:
        write_text_atomic(Path(args.output), text, args.force)
        # said on stderr, as `docs build` says where the site went: stdout stays the data's
        print(
            f"graph written to {args.output} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)",
            file=sys.stderr,
        )
    return 0
