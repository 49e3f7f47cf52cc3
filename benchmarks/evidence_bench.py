"""`check --evidence` against the csv module at 100,000 and 1,000,000 artefacts, and the growth.

For each inventory size (``check_bench.generate``: the 武邑 rule's slots over 2016–2020, 382 of
them filled by real files, and other entries up to the size that fill none), medians of
--repeat fresh processes of:

* the ``csv`` module reading the manifest (the baseline, as in ``check_bench.py``);
* the same read with the garbage collector off, as the evidence reader runs: with it on, a
  million rows of lists make the collector rescan them again and again, and the baseline grows
  faster than its input (context only: the ratios are to the plain read);
* ``responsibility check`` of the 武邑 rule **without** ``--evidence``: the interpreter, the
  imports, the warm policy load and the conformance rules — the floor under any evidence
  run, which no reading of the manifest can go below;
* ``responsibility check --evidence`` (the whole command);
* the evidence part alone — ``runner.evidence`` (read, validate, match, file checks, findings)
  in a process that has already imported and loaded the policies — against the csv read in
  the same kind of process, so the per-row cost is compared without the fixed costs.

Times are user CPU seconds; memory is the peak resident set of the whole process, or for the
parts the growth of that peak over the loaded process's. Then the growth from the smallest to
the largest size (linear: the size ratio) and the incremental cost per row, (t_large -
t_small) / (rows_large - rows_small), of the command and of the csv read.

The generator writes one real file per filled slot (382) and a manifest of the given size
(86 MB at 1,000,000); ``--work DIR`` keeps the inventories there and reuses them.

    python benchmarks/evidence_bench.py [--sizes 100000 1000000] [--repeat 5] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import PYTHON, Run, child, child_env, load_average, median_child
from check_bench import CSV_READ, REGULATION, SPAN, generate

from responsibility.policy.loader import shipped_root

# The parts, each after the imports and the policy load of a `check` run, the collector frozen
# as the command line freezes it once the policies are loaded.
PART = """
import csv, gc, json, resource, sys
from pathlib import Path
from responsibility.checks.evidence import parse_range
from responsibility.checks.runner import checked_regulations, evidence
from responsibility.policy.loader import load
what, policy, root, span = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
ps = load([policy])
regs = checked_regulations(ps, [policy])
gc.freeze()
before = resource.getrusage(resource.RUSAGE_SELF)
if what == "csv":
    with open(root / "evidence.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
else:
    ev, found = evidence(ps, regs, root, parse_range(span), 0)
after = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps([after.ru_utime - before.ru_utime, (after.ru_maxrss - before.ru_maxrss) / 1024]))
"""


@dataclass(frozen=True)
class Part:
    user: float  # CPU seconds in user mode
    rss: float  # growth of the peak resident MiB


def part(what: str, policy: Path, root: Path, runs: int, env: dict[str, str]) -> Part:
    """Medians of `runs` fresh processes timing one part after the imports and the load."""
    got = []
    for _ in range(runs):
        out = subprocess.run(
            [PYTHON, "-c", PART, what, str(policy), str(root), SPAN],
            env=child_env(env),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        got.append(json.loads(out.splitlines()[-1]))
    return Part(statistics.median(g[0] for g in got), statistics.median(g[1] for g in got))


@dataclass(frozen=True)
class Size:
    rows: int
    csv: Run
    csv_nogc: Run
    check: Run
    evidence: Part
    csv_part: Part


def inventory(work: Path, rows: int) -> Path:
    """The inventory of `rows` artefacts under `work`, generated once."""
    root = work / f"evidence-{rows}"
    if not (root / "evidence.csv").is_file():
        root.mkdir(parents=True, exist_ok=True)
        slots, others = generate(root, rows)
        print(f"generated {root}: {slots} entries filling slots, {others} others")
    return root


def measure(root: Path, rows: int, policy: Path, runs: int, env: dict[str, str]) -> Size:
    check = [PYTHON, "-m", "responsibility", "check", str(policy), "--evidence", str(root), "--period", SPAN]
    child(check, env)  # bytecode and the policy cache written; nothing measured
    return Size(
        rows,
        csv=median_child([PYTHON, "-c", CSV_READ, str(root / "evidence.csv")], runs),
        csv_nogc=median_child(
            [PYTHON, "-c", "import gc; gc.disable()\n" + CSV_READ, str(root / "evidence.csv")], runs
        ),
        check=median_child(check, runs, env),
        evidence=part("evidence", policy, root, runs, env),
        csv_part=part("csv", policy, root, runs, env),
    )


def report(sizes: list[Size], floor: Run) -> None:
    print(f"{'':44s} {'user s':>8s} {'peak MiB':>9s}")
    print(f"{'check without --evidence (the floor)':44s} {floor.user:8.3f} {floor.rss:9.1f}")
    for s in sizes:
        print(f"-- {s.rows:,} artefacts")
        print(f"{'  csv module read (fresh process)':44s} {s.csv.user:8.3f} {s.csv.rss:9.1f}")
        print(f"{'  csv module read, collector off':44s} {s.csv_nogc.user:8.3f} {s.csv_nogc.rss:9.1f}")
        print(f"{'  check --evidence (whole process)':44s} {s.check.user:8.3f} {s.check.rss:9.1f}")
        time, memory = s.check.user / s.csv.user, s.check.rss / s.csv.rss
        print(f"{'    ratio to the csv read':44s} {time:7.2f}x {memory:8.2f}x")
        print(f"{'    ratio to the csv read, collector off':44s} {s.check.user / s.csv_nogc.user:7.2f}x")
        print(f"{'    the floor alone, ratio to the csv read':44s} {floor.user / s.csv.user:7.2f}x")
        print(f"{'  evidence part, in a loaded process':44s} {s.evidence.user:8.3f} {s.evidence.rss:+9.1f}")
        print(f"{'  csv read, in a loaded process':44s} {s.csv_part.user:8.3f} {s.csv_part.rss:+9.1f}")
        time, memory = s.evidence.user / s.csv_part.user, s.evidence.rss / s.csv_part.rss
        print(f"{'    ratio evidence part / csv read':44s} {time:7.2f}x {memory:8.2f}x")
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"-- growth {large.rows:,} / {small.rows:,} (linear: {large.rows / small.rows:.1f}x)")
        for label, a, b in (
            ("csv module read", small.csv, large.csv),
            ("csv module read, collector off", small.csv_nogc, large.csv_nogc),
            ("check --evidence", small.check, large.check),
        ):
            print(f"  {label:42s} {b.user / a.user:7.2f}x time {b.rss / a.rss:6.2f}x memory")
        for label, p, q in (
            ("evidence part", small.evidence, large.evidence),
            ("csv read in a loaded process", small.csv_part, large.csv_part),
        ):
            print(f"  {label:42s} {q.user / p.user:7.2f}x time {q.rss / p.rss:6.2f}x memory growth")
        extra = large.rows - small.rows
        print(f"-- incremental cost per row, (t_large - t_small) / {extra:,} rows")
        for label, dt in (
            ("csv module read", large.csv.user - small.csv.user),
            ("csv module read, collector off", large.csv_nogc.user - small.csv_nogc.user),
            ("check --evidence", large.check.user - small.check.user),
            ("evidence part", large.evidence.user - small.evidence.user),
            ("csv read in a loaded process", large.csv_part.user - small.csv_part.user),
        ):
            print(f"  {label:42s} {dt / extra * 1e6:7.2f} µs/row")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--work", type=Path, help="keep the generated inventories here and reuse them")
    args = ap.parse_args()
    policy = shipped_root() / REGULATION
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as cache:
        work = args.work or Path(tmp)
        env = {"RESPONSIBILITY_CACHE_DIR": cache}  # the policies warm, in a cache of our own
        roots = [(inventory(work, n), n) for n in sorted(args.sizes)]
        sizes = [measure(root, n, policy, args.repeat, env) for root, n in roots]
        # the result cache would replay the run without --evidence (it keeps no --evidence run):
        # emptied before each, so the floor is the policy load and the rules, not a replay
        floor = median_child(
            [PYTHON, "-m", "responsibility", "check", str(policy)],
            args.repeat,
            env,
            before=lambda: shutil.rmtree(Path(cache) / "results", ignore_errors=True),
        )
        report(sizes, floor)
        print(f"(medians of {args.repeat} fresh processes each; load average {load_average()})")


if __name__ == "__main__":
    main()
