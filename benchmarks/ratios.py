"""The ratios of issue 14, each against its plain baseline, every run in a fresh process.

Rows (medians of --runs fresh processes; user CPU seconds, peak resident memory):

* ``responsibility validate`` and ``responsibility check policies/`` on the shipped policies,
  cold (every cache emptied before each run), with ``--no-cache``, with the policy cache alone
  (the result cache emptied before each run) and warm (the result cache's answer), against the
  bare import ``python -c "import pydantic, yaml, networkx"``; with the floors below them: the
  interpreter, ``import pydantic, yaml`` and that import plus the CSafeLoader parse of exactly
  the policy files ``validate`` parses (with networkx too, which ``check`` needs; and with the
  policy model built: pydantic's model machinery, the model classes and their schemas, which
  reading through the models costs before a single document is validated);
* ``responsibility validate`` on the generated nationwide corpus (central, 22 provincial, 300 city
  and 800 county rules; ``benchmarks/graph_bench.py``) at each --sizes fraction, cold and warm,
  against parsing the same files with ``yaml.CSafeLoader`` in a fresh process; with the growth
  order (slope of log time on log size, 1 = linear);
* ``responsibility check --evidence`` on a generated inventory (``benchmarks/check_bench.py``) of
  each --artefacts size against reading the same CSV with the ``csv`` module.

Cold means the policy cache is empty, not that Python's bytecode is missing: the children write
and read ``__pycache__`` as an installed package does. Absolute times drift with the machine's
load (printed with every figure); the ratios are the figures to quote, from a quiet machine.

    python benchmarks/ratios.py [--runs 5] [--big-runs 3] [--sizes 0.25 0.5 1]
                                [--artefacts 100000] [--only shipped nationwide evidence]
                                [--work DIR]   # keep generated corpora there and reuse them
"""

from __future__ import annotations

import argparse
import math
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import PYTHON, Run, child, load_average, median_child

import responsibility
from responsibility.policy.loader import shipped_root

TOOL = [PYTHON, "-m", "responsibility"]
BARE_IMPORT = [PYTHON, "-c", "import pydantic, yaml, networkx"]
YAML_PARSE = (
    "import pathlib, sys, yaml\n"
    "for f in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.load(f.read_text('utf-8'), Loader=yaml.CSafeLoader)\n"
)
PARSE_FILES = (
    "import sys\n"
    "for f in sys.argv[1:]:\n"
    "    with open(f, encoding='utf-8') as fh:\n"
    "        yaml.load(fh.read(), Loader=yaml.CSafeLoader)\n"
)
# What reading through the pydantic models costs before a document is validated: pydantic's
# model machinery imported, the package's model classes made and their schemas built (as the
# first validation of each kind of document builds it).
MODEL_BUILT = (
    "from responsibility.policy import model\n"
    "for cls in (model.Regulation, model.Catalogue, model.RuleSet):\n"
    "    cls.model_rebuild()\n"
)
CSV_READ = (
    "import csv, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8') as fh:\n"
    "    rows = list(csv.reader(fh))\n"
)


def line(label: str, run: Run, base: Run | None = None, memory: bool = False) -> None:
    ratio = f"{run.user / base.user:6.2f}x" if base else "       "
    mem = f"  {run.rss / base.rss:6.1f}x memory" if base and memory else ""
    print(f"  {label:<44} {run.user:8.2f} s user {run.rss:8.1f} MiB  {ratio}{mem}   load {load_average()}")


class Cache:
    """A cache folder of the benchmark's own, emptied for cold runs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {"RESPONSIBILITY_CACHE_DIR": str(root)}

    def empty(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def empty_results(self) -> None:
        """Only the result cache's entries (cli/results.py), the policy cache kept."""
        shutil.rmtree(self.root / "results", ignore_errors=True)


def cold_and_warm(label: str, argv: list[str], cache: Cache, runs: int, base: Run, memory: bool) -> Run:
    child(argv, cache.env)  # bytecode written, nothing measured
    cold = median_child(argv, runs, cache.env, before=cache.empty)
    line(f"{label}, cold", cold, base, memory)
    child(argv, cache.env)  # the caches filled
    policies_only = median_child(argv, runs, cache.env, before=cache.empty_results)
    line(f"{label}, policy cache only", policies_only, base, memory)
    child(argv, cache.env)
    warm = median_child(argv, runs, cache.env)
    line(f"{label}, warm", warm, base, memory)
    print(
        f"  {'':<44} warm / cold: {warm.user / cold.user:.2f}; "
        f"policy cache only / cold: {policies_only.user / cold.user:.2f}"
    )
    return cold


def parsed_files(root: Path) -> list[Path]:
    """The files `validate` parses: its YAML files but the scenario files (read by `test`)."""
    return [f for f in sorted(root.rglob("*.yaml")) if "kind: scenarios" not in f.read_text("utf-8")]


Row = tuple[str, list[str], Callable[[], object] | None]  # label, command, what to do before each run


def shipped_rows(cache: Cache) -> list[Row]:
    """The baseline, the floors under the shipped commands (the interpreter, the imports each
    needs, the CSafeLoader parse of exactly the policy files validate parses) and each command
    cold (every cache emptied first), with --no-cache, with the policy cache alone (the result
    cache emptied first) and warm (the result cache's answer), in the order a round runs them:
    each row leaves the caches as the next one needs them."""
    files = [str(f) for f in parsed_files(shipped_root())]
    rows: list[Row] = [("bare import (baseline)", BARE_IMPORT, None)]
    for label, code in (
        ("interpreter alone (python -c pass)", "pass"),
        ("import pydantic, yaml", "import pydantic, yaml"),
        ("the same + parse of the policy files", "import pydantic, yaml\n" + PARSE_FILES),
        ("import pydantic, yaml, networkx + the parse", "import pydantic, yaml, networkx\n" + PARSE_FILES),
        ("the parse + the policy model built", "import pydantic, yaml\n" + MODEL_BUILT + PARSE_FILES),
    ):
        rows.append((label, [PYTHON, "-c", code, *files], None))
    for label, argv in (
        ("responsibility validate", [*TOOL, "validate"]),
        ("responsibility check policies/", [*TOOL, "check", str(shipped_root())]),
    ):
        rows += [
            (f"{label}, cold", argv, cache.empty),
            (f"{label}, --no-cache", [*argv, "--no-cache"], None),
            (f"{label}, policy cache only", argv, cache.empty_results),
            (f"{label}, warm", argv, None),
        ]
    return rows


def shipped(cache: Cache, runs: int) -> None:
    """Rounds of every row, one fresh process each, so that the machine's load drifts over all
    rows alike rather than over one row's batch; the medians of the rounds."""
    print("shipped policies, against the bare import `import pydantic, yaml, networkx`")
    print(f"  rounds of every row start at load {load_average()}")
    rows = shipped_rows(cache)
    for _, argv, _ in rows:  # bytecode written, caches filled; nothing measured
        child(argv, cache.env)
    got: list[list[Run]] = [[] for _ in rows]
    for _ in range(runs):
        for i, (_, argv, before) in enumerate(rows):
            if before is not None:
                before()
            got[i].append(child(argv, cache.env))
    medians = [
        Run(*(statistics.median(getattr(r, f) for r in runs_) for f in ("wall", "user", "sys", "rss")))
        for runs_ in got
    ]
    base = medians[0]
    for (label, _, _), run in zip(rows, medians, strict=True):
        line(label, run, None if run is base else base)
    for label in ("responsibility validate", "responsibility check policies/"):
        by = {lab: run for (lab, _, _), run in zip(rows, medians, strict=True)}
        print(f"  {label}: warm / cold {by[label + ', warm'].user / by[label + ', cold'].user:.2f}")


def nationwide(cache: Cache, work: Path, sizes: list[float], runs: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from graph_bench import generate

    print("nationwide corpus, against parsing the same files with yaml.CSafeLoader")
    points: list[tuple[float, float]] = []
    ps = None
    for size in sizes:
        folder = work / f"nationwide-{size}"
        if not (folder / ".done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            ps = ps or responsibility.load()
            generate(folder, size, ps)
            (folder / ".done").touch()
        n = sum(1 for _ in folder.rglob("*.yaml"))
        mib = sum(f.stat().st_size for f in folder.rglob("*.yaml")) / 2**20
        print(f" size {size}: {n} files, {mib:.1f} MiB")
        parse = [PYTHON, "-c", YAML_PARSE, str(folder)]
        child(parse)
        base = median_child(parse, runs)
        line("CSafeLoader parse (baseline)", base)
        cold = cold_and_warm(
            "responsibility validate", [*TOOL, "validate", str(folder)], cache, runs, base, True
        )
        points.append((n, cold.user))
    if len(points) > 1:
        (n0, t0), (n1, t1) = points[0], points[-1]
        print(
            f"  growth: slope of log(cold time) on log(files) = {math.log(t1 / t0) / math.log(n1 / n0):.2f}"
        )


def evidence(cache: Cache, work: Path, sizes: list[int], runs: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from check_bench import REGULATION, SPAN, generate

    print("check --evidence, against reading the same CSV with the csv module (policies warm)")
    for size in sizes:
        root = work / f"evidence-{size}"
        if not (root / ".done").exists():
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir(parents=True)
            generate(root, size)
            (root / ".done").touch()
        print(f" {size:,} artefacts, {SPAN}")
        read = [PYTHON, "-c", CSV_READ, str(root / "evidence.csv")]
        child(read)
        base = median_child(read, runs)
        line("csv module read (baseline)", base)
        argv = [*TOOL, "check", str(shipped_root() / REGULATION), "--evidence", str(root), "--period", SPAN]
        child(argv, cache.env)
        run = median_child(argv, runs, cache.env)
        line("responsibility check --evidence", run, base, True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="fresh processes per figure (median)")
    ap.add_argument("--big-runs", type=int, default=5, help="runs per figure on the nationwide corpus")
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    ap.add_argument("--artefacts", type=int, nargs="+", default=[100_000])
    ap.add_argument("--only", nargs="+", choices=("shipped", "nationwide", "evidence"))
    ap.add_argument("--work", type=Path, help="generate corpora here and reuse them (default: a temp folder)")
    args = ap.parse_args()
    only = set(args.only or ("shipped", "nationwide", "evidence"))
    print(
        f"python {sys.version.split()[0]}, responsibility {responsibility.__version__}, load {load_average()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        cache = Cache(Path(tmp) / "cache")
        if "shipped" in only:
            shipped(cache, args.runs)
        if "nationwide" in only:
            nationwide(cache, work, args.sizes, args.big_runs)
        if "evidence" in only:
            evidence(cache, work, args.artefacts, args.runs)


if __name__ == "__main__":
    main()
