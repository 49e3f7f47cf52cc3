"""Check registers of exit cases, pairings (帮扶责任人) and village teams (驻村工作队) against the
procedure and coverage rules, on DuckDB (embedded, the default) or Spark; or generate a synthetic
register. `responsibility registers check exits.parquet --rules shanxi` reports per county and
finding kind the counts and first examples, each citing the article that requires it."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import LANG, POLICIES, formats, install_extra, load_from, write
from responsibility.cli.commands._names import words
from responsibility.core.errors import LookupFailure

NAME = "registers"
HELP = "check (or generate) registers of exits, pairings and village teams"
# The shared policy options belong to each action (registers check … --policies DIR).
PARENTS: tuple[argparse.ArgumentParser, ...] = ()


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = sub.add_parser(
        "check",
        help="check register files against rules",
        description=__doc__,
        parents=[POLICIES, LANG, formats("text", "json", "sarif", "csv")],
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="register files named after their table")
    check.add_argument(
        "--rules",
        action="append",
        required=True,
        metavar="REG[/RULE]",
        help="a regulation (shanxi) or a rule (gansu/household-helpers); repeatable",
    )
    check.add_argument("--examples", type=int, default=3, metavar="N", help="examples per county and kind")
    check.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    gen = sub.add_parser(
        "generate",
        help="write a synthetic register (no personal data)",
        parents=[POLICIES, formats("parquet", "csv")],
    )
    gen.add_argument("out", metavar="DIR", help="directory for the register files")
    gen.add_argument("--rules", action="append", required=True, metavar="REG[/RULE]")
    gen.add_argument("--cases", type=int, default=1000, help="exit cases")
    gen.add_argument("--households", type=int, default=1000, help="households (coverage rules)")
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--faults", type=float, default=0.05, help="share of rows given a planted fault")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    try:
        from responsibility.registers import engines, report
        from responsibility.registers.generate import Sizes, generate
    except ImportError as exc:  # installed without the extra
        raise ValueError(f"{exc.name} is not installed: {install_extra('registers')}") from None

    ps = load_from(args)
    try:
        rules = engines.register_rules(ps, args.rules)
    except LookupFailure as exc:  # an unknown name: the nearest ones, and the option it came from
        exc.option = "--rules"
        raise
    if not rules:
        raise ValueError(f"--rules: {', '.join(args.rules)} has no procedure or coverage rule")
    if args.action == "generate":
        if not 0 <= args.faults <= 1 or args.cases < 0 or args.households < 0:
            raise ValueError("--faults is a share between 0 and 1; --cases and --households are ≥ 0")
        files = generate(
            ps, rules, Path(args.out), Sizes(args.cases, args.households, args.seed, args.faults), args.format
        )
        write("".join(f"{t}: {p}\n" for t, p in files.items()))
        return 0
    paths = [Path(f) for f in args.files]
    # bad register files raise PolicyError: printed as file:line:col findings, exit 1
    result, reg = report.check_register(ps, rules, paths, engine=args.engine, examples=args.examples)
    names = words(ps, args)
    if args.format == "json":
        write(report.as_json(result, names))
    elif args.format == "csv":
        write(report.as_csv(result, names))
    elif args.format == "sarif":
        located = {ref: str(reg.files[c.table]) for ref, c in result.rules.items()}
        write(report.as_sarif(result, located, names))
    else:
        write(report.as_text(result, names))
    return 1 if result.failed else 0
