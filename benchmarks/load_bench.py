"""Load + validate the shipped policies and a corpus 100 times larger, beside a bare libyaml parse.

Each figure is the median of N fresh processes (CPU seconds in user mode, peak resident memory
from the kernel): the load (``responsibility.load``, with the policy cache off, so every file is
parsed and validated) and the baseline (``yaml.load`` with ``CSafeLoader`` of the same files) each
run in a process of its own. A baseline timed inside the process that has just loaded the
policies pays for that process's heap (its garbage collector scans every object the load left):
that once made a bare parse look 2.4 times slower than it is.

    python benchmarks/load_bench.py [--copies 100] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import replicate
from _measure import PYTHON, child, load_average, median_child

from responsibility.policy.loader import shipped_root

BARE = (
    "import sys, yaml\n"
    "for f in sys.argv[1:]:\n"
    "    yaml.load(open(f, encoding='utf-8').read(), Loader=yaml.CSafeLoader)\n"
)
LOAD = (
    "import sys, responsibility\n"
    "shipped = sys.argv[1] == 'shipped'\n"
    "responsibility.load([] if shipped else [sys.argv[1]], include_shipped=shipped, use_cache=False)\n"
)


def row(label: str, files: list[Path], target: str, repeat: int) -> None:
    load = [PYTHON, "-c", LOAD, target]
    bare = [PYTHON, "-c", BARE, *map(str, files)]
    child(load)  # bytecode written; nothing measured
    t_load = median_child(load, repeat)
    t_bare = median_child(bare, repeat)
    size = sum(f.stat().st_size for f in files) / 2**20
    print(
        f"{label:<28} {len(files):>6} {size:>8.1f} {t_load.user:>9.2f} {t_load.rss:>9.1f} "
        f"{t_bare.user:>9.2f} {t_bare.rss:>9.1f} {t_load.user / t_bare.user:>7.2f}   load {load_average()}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    print(
        f"{'corpus':<28} {'files':>6} {'MiB':>8} {'load s':>9} {'load MiB':>9} {'yaml s':>9} "
        f"{'yaml MiB':>9} {'ratio':>7}   (user CPU s, peak RSS MiB, medians of {args.repeat} processes)"
    )
    shipped = sorted(shipped_root().rglob("*.yaml"))
    row("shipped", shipped, "shipped", args.repeat)
    with tempfile.TemporaryDirectory() as d:
        files = replicate(Path(d), args.copies)
        row(f"generated (x{args.copies})", files, d, max(1, args.repeat - 2))


if __name__ == "__main__":
    main()
