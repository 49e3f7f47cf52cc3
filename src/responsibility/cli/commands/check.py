"""Check implementing rules in CI: structure, conformance to their parents, and the evidence of
the artefacts they require.

`responsibility check [PATH ...]` (default: `.`) checks the regulation(s) at PATH against the
parents they declare in
`implements:` (resolved from the shipped policies and `--policies DIR`); `--against ID` names one
parent instead. With `--evidence DIR --period 2018[..2019]` it also evaluates the inventory of
artefacts at DIR. Findings name regulations, articles, duties, bodies, places and artefact
kinds in Chinese (`--lang en`: English); their codes and targets stay the ids. Rules,
severities and the failing threshold come from `[tool.responsibility]` in pyproject.toml or from
responsibility.toml (see `responsibility rule`).

In a directory only files that declare a policy `kind:` are read (so a repository's mkdocs.yml or
CI files are not taken for policies), and the configuration's `exclude` folders are not entered;
`--verbose` lists every file passed over, and why, on standard error. A directory holding no
policy file at all is a structural finding (E009), exit 1. `--period` and `--evidence` need each
other: either alone is a usage error.

Exit status: 0 clean, 1 findings at or above --fail-on (default: error), 2 usage or tool error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from responsibility.checks.config import MAX_GRACE_DAYS, ConfigError, find_config, load_config
from responsibility.checks.evidence import parse_range
from responsibility.checks.reporters import FORMATS, RenderOptions, render
from responsibility.checks.runner import EXIT_USAGE, Options, unreadable
from responsibility.checks.runner import run as run_checks
from responsibility.cli.commands._common import LANG, POLICIES, formats, include_shipped, write
from responsibility.core import observe
from responsibility.core.errors import PolicyError, Severity
from responsibility.policy.loader import Skipped

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES, formats(*FORMATS), LANG)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="regulation files or directories to check (default: .)"
    )
    p.add_argument(
        "-v", "--verbose", action="store_true", help="list the files passed over, and why, on stderr"
    )
    p.add_argument("--against", metavar="ID", help="check against this parent regulation only")
    p.add_argument("--evidence", metavar="DIR", help="inventory root holding evidence.yaml or evidence.csv")
    p.add_argument("--period", metavar="P[..Q]", help="periods to expect artefacts for: 2018, 2018..2019")
    p.add_argument(
        "--facts",
        action="append",
        default=[],
        metavar="PATH",
        help="facts (YAML or CSV files, or a directory) to evaluate computable provisions on (repeatable)",
    )
    p.add_argument("--fail-on", choices=[s.value for s in Severity], help="lowest severity that fails")
    p.add_argument("--select", metavar="CODES", help="comma-separated codes, prefixes or names")
    p.add_argument("--ignore", metavar="CODES", help="comma-separated codes, prefixes or names")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: found from the cwd up)")
    p.add_argument("--waivers", metavar="FILE", help="waiver file (default: from the configuration)")
    p.add_argument("--strict", action="store_true", help="apply no waiver")
    p.add_argument(
        "--grace-days", type=int, metavar="N", help="days after a period before an artefact is late"
    )
    p.add_argument("--today", metavar="DATE", help="date for waiver expiry (default: today)")
    p.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour in text output"
    )


def _split(value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(s.strip() for s in value.split(",") if s.strip())


def _colour(mode: str) -> bool:
    if mode != "auto":
        return mode == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"--today: '{value}' is not a date ({exc}); write YYYY-MM-DD") from None


def _check_options(args: argparse.Namespace) -> None:
    """Usage errors naming the option, before any file is read."""
    if args.grace_days is not None and not 0 <= args.grace_days <= MAX_GRACE_DAYS:
        raise ConfigError(f"--grace-days: {args.grace_days} is not from 0 to {MAX_GRACE_DAYS} days")
    if args.period is not None:
        try:
            parse_range(args.period)
        except ValueError as exc:
            raise ConfigError(f"--period: {exc}") from None
    named = [("--config", args.config), ("--waivers", args.waivers)]
    for option, value in named:
        if value is not None and not observe.is_file(value):
            what = "is a directory" if observe.is_dir(value) else "does not exist or is not a file"
            raise ConfigError(f"{option}: {value} {what}")
    if args.evidence is not None and not observe.is_dir(args.evidence):
        what = "is not a directory" if observe.lexists(args.evidence) else "does not exist"
        raise ConfigError(f"--evidence: evidence directory {args.evidence} {what}")
    for option, values in (("--facts", args.facts), ("--policies", args.policies)):
        for value in values:
            if not observe.lexists(value):
                raise ConfigError(f"{option}: {value}: no such file or directory")


def run(args: argparse.Namespace) -> int:
    try:
        _check_options(args)
        cfg_path = Path(args.config) if args.config else find_config(Path.cwd())
        cfg = load_config(cfg_path).merged(
            select=_split(args.select),
            ignore=_split(args.ignore),
            fail_on=Severity(args.fail_on) if args.fail_on else None,
            grace_days=args.grace_days,
        )
        today = _today(args.today)
    except (ConfigError, ValueError) as exc:
        for line in str(exc).splitlines():  # a configuration file may have several problems
            print(f"responsibility: error: {line}", file=sys.stderr)
        return EXIT_USAGE
    options = Options(
        paths=[Path(p) for p in args.paths or ["."]],
        policies=[Path(p) for p in args.policies],
        include_shipped=include_shipped(args, args.paths or ["."], args.policies),
        against=args.against,
        evidence=Path(args.evidence) if args.evidence else None,
        period=args.period,
        waivers=Path(args.waivers) if args.waivers else None,
        facts=[Path(p) for p in args.facts],
        strict=args.strict,
        today=today,
        config=cfg,
        lang=args.lang,
    )
    try:
        report = run_checks(options)
    except PolicyError as exc:
        # a facts file, evidence manifest or waiver file that cannot be read: the positioned errors
        # go to stderr (as for every input), and a machine-readable format still gets its document
        if args.verbose:  # what the walks passed over explains a folder that gave nothing
            _print_skipped(options.skipped)
        if args.format != "text":
            write(render(unreadable(exc.diagnostics, cfg), args.format, RenderOptions(docs_url=cfg.docs_url)))
        raise
    if args.verbose:
        _print_skipped(report.skipped)
    write(render(report, args.format, RenderOptions(color=_colour(args.color), docs_url=cfg.docs_url)))
    return report.exit_code()


def _print_skipped(skipped: list[Skipped]) -> None:
    for skip in skipped:
        print(f"skipped {skip.file}: {skip.reason}", file=sys.stderr)
