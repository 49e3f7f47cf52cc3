"""Write the 责任清单 (responsibility list): one row per duty with 序号, 责任主体, 责任类型,
任务内容, 频次, 报送/签署对象, 需形成材料, 依据 — headers, sheet names (中央, 武邑) and words in
the language of --lang. CSV has every regulation in turn; XLSX one sheet per regulation with a
frozen header row (needs the `xlsx` extra). The file
is written atomically; an existing different file is kept unless --force."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from responsibility.cli.commands._common import LANG, POLICIES, formats, load_from, resolve
from responsibility.core.safewrite import write_bytes_atomic
from responsibility.graph.responsibility_list import to_csv, to_xlsx
from responsibility.policy import lookup

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES, formats("csv", "xlsx"), LANG)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--regulation", action="append", metavar="ID", help="only this regulation (repeatable; default all)"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (required for xlsx)")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists and differs")


def run(args: argparse.Namespace) -> int:
    if args.format == "xlsx" and args.output is None:
        raise ValueError("XLSX is binary: give an output file with -o FILE")
    ps = load_from(args)
    regs = [resolve("--regulation", lookup.regulation_id, ps, r) for r in args.regulation or ()] or None
    data = to_csv(ps, regs, args.lang) if args.format == "csv" else to_xlsx(ps, regs, args.lang)
    if args.output is None:
        sys.stdout.buffer.write(data)
    else:
        write_bytes_atomic(Path(args.output), data, args.force)
        size = f"{args.format.upper()}, {len(data):,} bytes"
        print(f"责任清单 written to {args.output} ({size})", file=sys.stderr)
    return 0
