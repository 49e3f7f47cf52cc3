"""Load + validate the shipped policies and a corpus 100 times larger, beside a bare libyaml parse.

Prints wall time (best of N), peak traced memory, and the ratio to parsing the same files with
libyaml alone (yaml.load with CSafeLoader), measured in the same run.

    python benchmarks/load_bench.py [--copies 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import replicate
from _measure import measure

import responsibility
from responsibility.loader import shipped_root


def bare_parse(files: list[Path]) -> None:
    for f in files:
        yaml.load(f.read_text("utf-8"), Loader=yaml.CSafeLoader)


def row(label: str, files: list[Path], loader: Callable[[], object], repeat: int) -> None:
    t_load, m_load = measure(loader, repeat)
    t_bare, m_bare = measure(lambda: bare_parse(files), repeat)
    size = sum(f.stat().st_size for f in files) / 2**20
    print(
        f"{label:<28} {len(files):>6} {size:>8.1f} {t_load:>9.3f} {m_load:>9.1f} {t_bare:>9.3f} "
        f"{m_bare:>9.1f} {t_load / t_bare:>7.2f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(
        f"{'corpus':<28} {'files':>6} {'MiB':>8} {'load s':>9} {'load MiB':>9} {'yaml s':>9} "
        f"{'yaml MiB':>9} {'ratio':>7}"
    )
    shipped = sorted(shipped_root().rglob("*.yaml"))
    row("shipped", shipped, lambda: responsibility.load(), args.repeat)
    with tempfile.TemporaryDirectory() as d:
        files = replicate(Path(d), args.copies)
        row(
            f"generated (x{args.copies})",
            files,
            lambda: responsibility.load([d], include_shipped=False),
            max(1, args.repeat - 2),
        )


if __name__ == "__main__":
    main()
