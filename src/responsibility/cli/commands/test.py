"""Run scenario tests: facts in, expected findings out. Without PATH: the scenarios shipped with
the policies. PATH may be scenario files or directories; a directory's policy files (regulations,
rules) are loaded too, so a county can test its own rules. Ends with `N passed, M failed`; exit 0
when all pass, 1 when any fails or a scenario file is invalid, 2 on a usage error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from responsibility.cli.commands._common import POLICIES, include_shipped, write
from responsibility.computable import scenarios
from responsibility.core.wording import plural
from responsibility.policy.loader import load, shipped_root

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES,)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="scenario files or directories")
    p.add_argument(
        "-k", dest="keyword", metavar="NAME", help="only scenarios whose name or file contains NAME"
    )
    p.add_argument("-v", "--verbose", action="store_true", help="list every scenario, passed or not")


def run(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [shipped_root()]
    for p in paths:
        if not p.exists():
            raise ValueError(f"no such file or directory: {p}")
    roots = [
        *args.policies,
        *(str(p) for p in paths if p.is_dir() and p.resolve() != shipped_root().resolve()),
    ]
    # a scenario folder need not hold policies: its own are loaded when it has some
    ps = load(roots, include_shipped=include_shipped(args, args.paths, args.policies), empty_is_error=False)
    found, problems = scenarios.load(paths, ps)
    for d in problems:
        print(d.format(), file=sys.stderr)
    chosen = scenarios.select(found, args.keyword)
    passed = failed = 0
    for sc in chosen:
        result = scenarios.run(ps, sc)
        if result.passed:
            passed += 1
            if args.verbose:
                write(f"PASS {sc.where}: {sc.name}\n")
        else:
            failed += 1
            write(f"FAIL {result.report()}\n")
    files_bad = len({d.file for d in problems})
    errors = f", {plural(files_bad, 'file')} with errors" if files_bad else ""
    write(f"{passed} passed, {failed} failed{errors}\n")
    if not chosen and not problems:
        print(
            "responsibility: no scenarios found" + (f" matching '{args.keyword}'" if args.keyword else ""),
            file=sys.stderr,
        )
        return 2 if args.keyword else 0
    return 1 if failed or problems else 0
