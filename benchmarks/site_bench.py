"""Time to build the site: the shipped policies, and a generated nationwide corpus.

The corpus has the shape of the real system: the central measure, 22 provincial rules, and city
and county rules below them (300 and 800 by default). Each local rule carries out the duties of
its parent that apply at its level (owners at its level or below), with `implements` links, so
every page kind grows as it would: regulation pages, actor pages that gather duties across
regulations, central-duty pages that list every locality.

For each corpus it prints: wall time of the whole `mkdocs build` (the plugin and Material), the
share of it spent loading the policies and generating the pages (timed in the same process),
peak traced memory of loading + page generation (tracemalloc), the build process's peak RSS,
and the ratio of each figure to the shipped site (the baseline, measured in the same run).

    python benchmarks/site_bench.py [--provinces 22 --cities 300 --counties 800]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import yaml

import responsibility
from responsibility.policy.loader import shipped_root
from responsibility.policy.model import LEVEL_ORDER, Level
from responsibility.site.pages import build_pages

ROOT = Path(__file__).resolve().parents[1]


def _applies(ps: responsibility.PolicySet, duty_owners: list[str], level: Level) -> bool:
    for actor_id in duty_owners:
        lv = ps.actors[actor_id].level
        if lv not in LEVEL_ORDER or LEVEL_ORDER[lv] >= LEVEL_ORDER[level]:
            return True
    return False


def generate(dest: Path, provinces: int, cities: int, counties: int) -> int:
    """Write a nationwide corpus into `dest` (beside the shipped catalogue); returns its regulation count."""
    ps = responsibility.load()
    central = ps.regulation("central")
    central_duties = ps.duties(regulation="central")
    made = 0

    def write(
        reg_id: str, level: Level, parent_id: str, parent_duties: list[tuple[str, dict[str, Any]]]
    ) -> list[tuple[str, dict[str, Any]]]:
        nonlocal made
        provisions, own = [], []
        for n, (ref, duty) in enumerate(parent_duties, 1):
            if not _applies(ps, [o["actor"] for o in duty["owners"]], level):
                continue
            text = f"第{n}条 {duty['quote']}。"
            new = {**duty, "implements": [ref], "local_addition": False}
            provisions.append({"id": f"art_{n}", "label": f"第{n}条", "text": text, "duties": [new]})
            own.append((f"{reg_id}/art_{n}/{duty['id']}", new))
        doc = {
            "kind": "regulation",
            "id": reg_id,
            "title": {"zh": f"{reg_id} 脱贫攻坚责任制实施细则", "en": f"Implementing rules {reg_id}"},
            "level": level.value,
            "jurisdiction": "cn",
            "implements": [parent_id],
            "provisions": provisions,
        }
        path = dest / reg_id / f"{reg_id}.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
        made += 1
        return own

    top = [(e.ref, e.duty.model_dump(mode="json", exclude_none=True)) for e in central_duties]
    prov_duties = [write(f"prov{p}", Level.province, central.id, top) for p in range(provinces)]
    city_duties = [
        write(f"city{c}", Level.city, f"prov{c % provinces}", prov_duties[c % provinces])
        for c in range(cities)
    ]
    for k in range(counties):
        write(f"county{k}", Level.county, f"city{k % cities}", city_duties[k % cities])
    return made


def mkdocs_config(work: Path, policies: list[Path]) -> Path:
    (work / "docs").mkdir()
    (work / "docs" / "index.md").write_text("# bench\n", "utf-8")
    cfg = {
        "site_name": "bench",
        "docs_dir": str(work / "docs"),
        "site_dir": str(work / "site"),
        "theme": {"name": "material", "font": False},
        "plugins": [
            {"search": {"lang": ["zh", "en"], "separator": "[\\s\\u200b\\-]"}},
            {"responsibility": {"policies": [str(p) for p in policies]}},
        ],
    }
    path = work / "mkdocs.yml"
    path.write_text(json.dumps(cfg, ensure_ascii=False), "utf-8")  # JSON is YAML
    return path


def measure(name: str, policies: list[Path]) -> dict[str, float]:
    t0 = time.perf_counter()
    tracemalloc.start()
    ps = responsibility.load(policies)
    t1 = time.perf_counter()
    pages = build_pages(ps)
    t2 = time.perf_counter()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    with tempfile.TemporaryDirectory() as tmp:
        cfg = mkdocs_config(Path(tmp), policies)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t3 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg)], check=True, env=env)
        t4 = time.perf_counter()
        rss = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    out = {
        "regulations": len(ps.regulations),
        "duties": len(ps.all_duties()),
        "pages": len(pages),
        "load_s": t1 - t0,
        "pages_s": t2 - t1,
        "build_s": t4 - t3,
        "share": (t2 - t0) / (t4 - t3),
        "peak_mb": peak / 1e6,
        "rss_mb": rss / 1e3,
    }
    print(
        f"{name}: {out['regulations']} regulations, {out['duties']} duties, {out['pages']} pages; "
        f"mkdocs build {out['build_s']:.1f} s, of which loading {out['load_s']:.2f} s + generating pages "
        f"{out['pages_s']:.2f} s = {100 * out['share']:.1f}%; peak traced memory (load + pages) "
        f"{out['peak_mb']:.0f} MB; build peak RSS {out['rss_mb']:.0f} MB"
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--provinces", type=int, default=22)
    ap.add_argument("--cities", type=int, default=300)
    ap.add_argument("--counties", type=int, default=800)
    args = ap.parse_args()
    print(f"shipped policies from {shipped_root().name}/; python {sys.version.split()[0]}")
    base = measure("shipped", [])
    with tempfile.TemporaryDirectory() as tmp:
        n = generate(Path(tmp), args.provinces, args.cities, args.counties)
        print(f"generated {n} local regulations")
        big = measure("nationwide", [Path(tmp)])
    for key in ("build_s", "pages_s", "peak_mb", "rss_mb"):
        print(f"ratio nationwide / shipped, {key}: {big[key] / base[key]:.1f}x")


if __name__ == "__main__":
    main()
