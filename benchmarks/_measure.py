"""Timing shared by the benchmark scripts.

:func:`measure` times a function in this process (best wall time of N, then peak traced memory).
:func:`child` and :func:`median_child` run a command in a fresh process of its own and read its
CPU time and peak resident memory from the kernel (``wait4``), so a baseline never pays for what
an earlier measurement left in the process (imports, caches, a heap the garbage collector keeps
scanning): every ratio the benchmarks print compares two fresh processes.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

PYTHON = sys.executable


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


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    user: float  # CPU seconds in user mode
    sys: float  # CPU seconds in the kernel
    rss: float  # peak resident MiB

    @property
    def cpu(self) -> float:
        return self.user + self.sys


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured process: bytecode is written and read as in an installed
    package (a PYTHONDONTWRITEBYTECODE=1 shell would otherwise recompile every module every run)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra or {})
    return env


# The measured command is started by a small launcher process rather than by the benchmark
# itself: a child forked from a large process (one that has generated a corpus or loaded the
# policies) reports that process's resident memory as its own peak until it execs.
_LAUNCHER = """
import json, os, subprocess, sys
proc = subprocess.Popen(json.loads(sys.argv[1]), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = proc.stderr.read().decode("utf-8", "replace")[-2000:]
_, status, usage = os.wait4(proc.pid, 0)
code = os.waitstatus_to_exitcode(status)
print(json.dumps([code, usage.ru_utime, usage.ru_stime, usage.ru_maxrss, err]))
"""


def child(argv: Sequence[str], env: Mapping[str, str] | None = None, cwd: str | None = None) -> Run:
    """One run of `argv` in a fresh process; its output is discarded, a failure raises."""
    t0 = time.perf_counter()
    out = subprocess.run(
        [PYTHON, "-c", _LAUNCHER, json.dumps(list(argv))],
        env=child_env(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    wall = time.perf_counter() - t0  # includes the launcher's start, about 20 ms
    code, user, sys_, rss, err = json.loads(out)
    if code not in (0, 1):  # 1: findings, which `check` has on purpose
        raise RuntimeError(f"{' '.join(argv)} exited {code}: {err}")
    return Run(wall, user, sys_, rss / 1024)


def median_child(
    argv: Sequence[str],
    runs: int,
    env: Mapping[str, str] | None = None,
    before: Callable[[], object] | None = None,
) -> Run:
    """Medians over `runs` fresh processes (`before` runs ahead of each, e.g. to empty a cache)."""
    got = []
    for _ in range(runs):
        if before is not None:
            before()
        got.append(child(argv, env))
    return Run(
        statistics.median(r.wall for r in got),
        statistics.median(r.user for r in got),
        statistics.median(r.sys for r in got),
        statistics.median(r.rss for r in got),
    )


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:  # pragma: no cover - not on this platform
        return "unknown"
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"
