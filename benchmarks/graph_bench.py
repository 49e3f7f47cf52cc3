"""The responsibility graph and its queries on the shipped policies and on a generated nationwide corpus.

The corpus has the shape of the real one: the shipped central measure, 22 provincial rules, about
300 city rules and 800 county rules, each carrying out the duties addressed to its level and below
from the rule above it (owners, counterparties, artefacts and topics cloned from the central
duty), declining a few in `not_implemented`, and — in county rules — concrete actors at their
county and a chain of townships. It is written as YAML into a temporary directory and loaded like
any user policy directory, so load time is included.

For each corpus size (a fraction of the nationwide one) the script prints wall time (best of N)
for load, build and each query, peak traced memory (tracemalloc) of load and build, the ratio to
the smallest size measured in the same run, and the growth order: the slope of log(time) against
log(duties) between the smallest and the largest size (1 ≈ linear).

    python benchmarks/graph_bench.py [--sizes 0.25 0.5 1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

import responsibility
from responsibility.graph.network import build
from responsibility.graph.queries import chain, compare, owes, trace, who
from responsibility.policy.loader import shipped_root
from responsibility.policy.model import LEVEL_ORDER, Level
from responsibility.policy.policyset import PolicySet

PROVINCES, CITIES, COUNTIES = 22, 300, 800
TOWNSHIPS_PER_COUNTY = 3


def _addressed(ps: PolicySet, owners: list[str], level: Level) -> bool:
    rank = LEVEL_ORDER[level]
    return any(LEVEL_ORDER.get(ps.actors[a].level, 99) >= rank for a in owners)


def _clone(duty: dict[str, Any], parent: str, owners: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    d = {k: v for k, v in duty.items() if k not in ("implements", "local_addition", "note", "quote")}
    d["implements"] = [parent]
    if owners is not None:
        d["owners"] = owners
    return d


def _regulation(
    reg_id: str,
    level: Level,
    place: str,
    parent: str,
    parent_duties: list[tuple[str, dict[str, Any]]],
    ps: PolicySet,
    extra: dict[str, Any],
    owner_map: dict[str, str],
) -> dict[str, Any]:
    provisions = []
    declined = []
    for i, (ref, duty) in enumerate(parent_duties):
        owners = [o["actor"] for o in duty["owners"]]
        if not _addressed(ps, owners, level):
            continue
        if i % 17 == 5:  # a few duties declined, as real rules do
            declined.append({"duty": ref, "reason": "由下级规定"})
            continue
        new_owners = [{**o, "actor": owner_map.get(o["actor"], o["actor"])} for o in duty["owners"]]
        quote = f"第{i + 1}项{duty['summary']['zh']}"
        d = _clone(duty, ref, new_owners)
        d["id"] = f"d{i}"
        d["quote"] = quote
        provisions.append({"id": f"art_{i + 1}", "label": f"第{i + 1}条", "text": quote, "duties": [d]})
    return {
        "kind": "regulation",
        "id": reg_id,
        "title": {"zh": f"{reg_id}脱贫攻坚责任制实施细则"},
        "level": level.value,
        "jurisdiction": place,
        "implements": [parent],
        "not_implemented": declined,
        "provisions": provisions,
        **extra,
    }


def _duties_of(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for prov in doc.get("provisions", []):
        out += [(f"{doc['id']}/{prov['id']}/{d['id']}", d) for d in prov.get("duties", [])]

    def visit(div: dict[str, Any]) -> None:
        for prov in div.get("provisions", []):
            out.extend((f"{doc['id']}/{prov['id']}/{d['id']}", d) for d in prov.get("duties", []))
        for sub in div.get("divisions", []):
            visit(sub)

    for div in doc.get("divisions", []):
        visit(div)
    return out


def generate(dest: Path, scale: float, ps: PolicySet) -> dict[str, str]:
    """Write the corpus; return sample ids for the queries."""
    central = yaml.safe_load((shipped_root() / "central" / "central.yaml").read_text("utf-8"))
    central_duties = _duties_of(central)
    n_prov = max(1, round(PROVINCES * scale))
    n_city = max(n_prov, round(CITIES * scale))
    n_county = max(n_city, round(COUNTIES * scale))
    places: list[dict[str, Any]] = []
    docs: list[dict[str, Any]] = []
    prov_docs = []
    for p in range(n_prov):
        place = f"cn.gen-p{p}"
        places.append({"id": place, "name": {"zh": f"省{p}"}, "level": "province", "parent": "cn"})
        doc = _regulation(f"gen-p{p}", Level.province, place, "central", central_duties, ps, {}, {})
        prov_docs.append(doc)
    city_docs = []
    for c in range(n_city):
        prov = prov_docs[c % n_prov]
        place = f"{prov['jurisdiction']}.c{c}"
        places.append(
            {"id": place, "name": {"zh": f"市{c}"}, "level": "city", "parent": prov["jurisdiction"]}
        )
        doc = _regulation(f"gen-c{c}", Level.city, place, prov["id"], _duties_of(prov), ps, {}, {})
        city_docs.append(doc)
    for k in range(n_county):
        city = city_docs[k % n_city]
        place = f"{city['jurisdiction']}.k{k}"
        places.append(
            {"id": place, "name": {"zh": f"县{k}"}, "level": "county", "parent": city["jurisdiction"]}
        )
        rid = f"gen-k{k}"
        actors = [
            {
                "id": f"{rid}.committee",
                "name": {"zh": f"县{k}县委"},
                "kind": "concrete",
                "role": "county.party-committee",
                "place": place,
                "level": "county",
            },
            {
                "id": f"{rid}.government",
                "name": {"zh": f"县{k}人民政府"},
                "kind": "concrete",
                "role": "county.government",
                "place": place,
                "level": "county",
            },
            {
                "id": f"{rid}.joint",
                "name": {"zh": f"县{k}县委、县政府"},
                "kind": "composite",
                "members": [f"{rid}.committee", f"{rid}.government"],
                "level": "county",
            },
        ]
        town_places = []
        for t in range(TOWNSHIPS_PER_COUNTY):
            tp = f"{place}.t{t}"
            town_places.append({"id": tp, "name": {"zh": f"乡{t}"}, "level": "township", "parent": place})
            actors.append(
                {
                    "id": f"{rid}.t{t}",
                    "name": {"zh": f"乡{t}党委"},
                    "kind": "concrete",
                    "role": "township.party-committee",
                    "place": tp,
                    "level": "township",
                }
            )
        doc = _regulation(
            rid,
            Level.county,
            place,
            city["id"],
            _duties_of(city),
            ps,
            {"actors": actors, "places": town_places},
            {"county.party-committee-and-government": f"{rid}.joint"},
        )
        docs.append(doc)
    catalogue = {"kind": "catalogue", "id": "gen-places", "places": places}
    for doc in [catalogue, *prov_docs, *city_docs, *docs]:
        out = dest / f"{doc['id']}.yaml"
        out.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    last = docs[-1]["id"]
    return {
        "duty": "central/art_19/project-pool",
        "actor": f"{last}.t0",
        "county": f"{last}.government",
        "a": "central",
        "b": prov_docs[0]["id"],
    }


def measure(fn: Callable[[], Any], repeat: int, memory: bool = False) -> tuple[float, float | None, Any]:
    """Best wall time of `repeat` runs, peak traced MB of one more run (if asked), and a result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    if not memory:
        return best, None, result
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 2**20, result


def run_size(label: str, paths: list[Path], ids: dict[str, str], repeat: int) -> dict[str, Any]:
    load_t, load_m, ps = measure(lambda: responsibility.load(paths), 1, memory=True)
    build_t, build_m, g = measure(lambda: build(ps), repeat, memory=True)
    row: dict[str, Any] = {
        "label": label,
        "regulations": len(ps.regulations),
        "duties": len(ps.all_duties()),
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "load": load_t,
        "load MB": load_m,
        "build": build_t,
        "build MB": build_m,
    }
    queries: dict[str, Callable[[PolicySet], object]] = {
        "who": lambda p: who(p, ids["duty"]),
        "owes": lambda p: owes(p, ids["county"]),
        "chain": lambda p: chain(p, ids["actor"]),
        "trace": lambda p: trace(p, ids["duty"]),
        "compare": lambda p: compare(p, ids["a"], ids["b"]),
    }
    # The graph and the chain index are cached per policy set, as in the CLI and the docs site;
    # the queries are timed warm, and the one-off index build is timed apart.
    row["index"], _, _ = measure(lambda: chain(ps, ids["actor"]), 1)
    for name, q in queries.items():
        row[name], _, _ = measure(lambda q=q: q(ps), repeat)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", nargs="+", type=float, default=[0.25, 0.5, 1.0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    shipped = responsibility.load()
    rows = [
        run_size(
            "shipped",
            [],
            {
                "duty": "central/art_19/project-pool",
                "actor": "county.government",
                "county": "county.government",
                "a": "central",
                "b": "central",
            },
            args.repeat,
        )
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.sizes:
            dest = Path(tmp) / f"s{scale}"
            dest.mkdir()
            ids = generate(dest, scale, shipped)
            rows.append(run_size(f"x{scale:g}", [dest], ids, args.repeat))
    cols = ["load", "build", "index", "who", "owes", "chain", "trace", "compare"]
    head = f"{'corpus':>8} {'regs':>5} {'duties':>7} {'nodes':>7} {'edges':>7} " + " ".join(
        f"{c:>9}" for c in cols
    )
    head += f" {'load MB':>8} {'build MB':>8}"
    print(head)
    base = rows[1]
    for r in rows:
        line = f"{r['label']:>8} {r['regulations']:>5} {r['duties']:>7} {r['nodes']:>7} {r['edges']:>7} "
        line += " ".join(f"{r[c] * 1000:>7.1f}ms" for c in cols)
        line += f" {r['load MB']:>8.1f} {r['build MB']:>8.1f}"
        print(line)
    print(f"\nratio to {base['label']} (same run):")
    for r in rows[1:]:
        print(
            f"{r['label']:>8} duties x{r['duties'] / base['duties']:.2f}: "
            + ", ".join(f"{c} x{r[c] / base[c]:.2f}" for c in cols)
        )
    first, last = rows[1], rows[-1]
    if last["duties"] > first["duties"]:
        print("\ngrowth order (slope of log time / log duties, smallest → largest generated):")
        for c in [*cols, "load MB", "build MB"]:
            k = math.log(last[c] / first[c]) / math.log(last["duties"] / first["duties"])
            print(f"  {c:>8}: {k:.2f}")


if __name__ == "__main__":
    main()
