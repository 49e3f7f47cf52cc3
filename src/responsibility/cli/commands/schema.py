"""Print the JSON Schema of policy files (regulation or catalogue), or write both to a directory."""

from __future__ import annotations

import argparse
from pathlib import Path

from responsibility.cli.commands._common import write
from responsibility.core.safewrite import write_files_atomic
from responsibility.graph.export import dumps
from responsibility.policy.jsonschema import SCHEMAS, schema_for

PARENTS: tuple[argparse.ArgumentParser, ...] = ()


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kind", choices=sorted(SCHEMAS), default="regulation")
    p.add_argument("--write", metavar="DIR", help="write every schema into DIR")
    p.add_argument("--force", action="store_true", help="overwrite files that differ")


def run(args: argparse.Namespace) -> int:
    if args.write is None:
        write(dumps(schema_for(args.kind)))
        return 0
    # All or nothing: a refused (differing) file leaves every schema file as it was.
    directory = Path(args.write)
    files = {directory / f"{k}.schema.json": dumps(schema_for(k)).encode("utf-8") for k in sorted(SCHEMAS)}
    write_files_atomic(files, args.force)
    return 0
