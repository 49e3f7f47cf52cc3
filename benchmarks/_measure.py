"""Timing shared by the benchmark scripts: best wall time of N runs, then peak traced memory."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best seconds over `repeat` runs, peak MiB of one more run under tracemalloc).

    Memory is taken from a separate run because tracemalloc slows the code it watches.
    """
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 2**20
