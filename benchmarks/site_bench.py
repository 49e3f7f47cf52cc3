"""Time and memory to build the site of a generated nationwide corpus, against a plain build.

The corpus has the shape of the real system: the central measure, 22 provincial rules, and city
and county rules below them (300 and 800 by default; ``--scale 0.25`` builds a quarter of each).
Each local rule carries out the duties of its parent that apply at its level (owners at its level
or below), with `implements` links, so every page kind grows as it would: regulation pages, actor
pages that gather duties across regulations, central-duty pages that list every locality.

For the corpus it prints:

- the whole `mkdocs build` with the plugin (Material, the search index with jieba, the XLSX):
  wall time and peak RSS, measured in a fresh process started by a launcher;
- the plain baseline: a `mkdocs build` of the very Markdown the plugin generates, written to a
  docs folder, with the same theme and search configuration and no plugin (`--no-plain` skips it),
  and the ratio of the two;
- the largest page (HTML bytes) and the largest search index a page loads: the index file each
  page names (the section's shard), or the site's one index where there are no shards.

    python benchmarks/site_bench.py [--scale 0.25 | --provinces 22 --cities 300 --counties 800]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from _measure import PYTHON, Run, child, load_average

import responsibility
from responsibility.policy.model import LEVEL_ORDER, Level

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
    # each rule governs a place of its own (a county rule its county), as the shipped rules do:
    # a concrete body such as 武邑县人民政府 then owes only the rules that cover its place
    places = [
        {
            "id": f"cn.p{p}",
            "name": {"zh": f"第{p}省", "en": f"province {p}"},
            "level": "province",
            "parent": "cn",
        }
        for p in range(provinces)
    ]
    places += [
        {
            "id": f"cn.p{c % provinces}.c{c}",
            "name": {"zh": f"第{c}市", "en": f"city {c}"},
            "level": "city",
            "parent": f"cn.p{c % provinces}",
        }
        for c in range(cities)
    ]
    places += [
        {
            "id": f"cn.p{k % cities % provinces}.c{k % cities}.k{k}",
            "name": {"zh": f"第{k}县", "en": f"county {k}"},
            "level": "county",
            "parent": f"cn.p{k % cities % provinces}.c{k % cities}",
        }
        for k in range(counties)
    ]
    (dest / "catalogue").mkdir(parents=True)
    catalogue = {"kind": "catalogue", "id": "bench-places", "places": places}
    (dest / "catalogue" / "places.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), "utf-8")

    def write(
        reg_id: str, level: Level, parent_id: str, parent_duties: list[tuple[str, dict[str, Any]]], place: str
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
            "jurisdiction": place,
            "implements": [parent_id],
            "provisions": provisions,
        }
        path = dest / reg_id / f"{reg_id}.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
        made += 1
        return own

    top = [(e.ref, e.duty.model_dump(mode="json", exclude_none=True)) for e in central_duties]
    prov_duties = [write(f"prov{p}", Level.province, central.id, top, f"cn.p{p}") for p in range(provinces)]
    city_duties = [
        write(
            f"city{c}",
            Level.city,
            f"prov{c % provinces}",
            prov_duties[c % provinces],
            places[provinces + c]["id"],
        )
        for c in range(cities)
    ]
    for k in range(counties):
        place = places[provinces + cities + k]["id"]
        write(f"county{k}", Level.county, f"city{k % cities}", city_duties[k % cities], place)
    return made


SEARCH = {"lang": ["zh", "en"], "separator": "[\\s\\u200b\\-]"}
MARKDOWN = [
    "tables",
    "attr_list",
    {
        "pymdownx.superfences": {
            "custom_fences": [
                {
                    "name": "mermaid",
                    "class": "mermaid",
                    "format": "!!python/name:pymdownx.superfences.fence_code_format",
                }
            ]
        }
    },
]


def mkdocs_config(work: Path, docs: Path, site: Path, plugins: list[Any]) -> Path:
    cfg = {
        "site_name": "bench",
        "docs_dir": str(docs),
        "site_dir": str(site),
        "theme": {"name": "material", "font": False, "language": "zh"},
        "plugins": [{"search": SEARCH}, *plugins],
        "markdown_extensions": MARKDOWN,
    }
    path = work / f"{site.name}.yml"
    text = yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False)
    # the fence formatter is a Python name, which safe_dump can only write as a quoted string
    text = text.replace(
        "'!!python/name:pymdownx.superfences.fence_code_format'",
        "!!python/name:pymdownx.superfences.fence_code_format",
    )
    path.write_text(text, "utf-8")
    return path


_WRITE_MARKDOWN = """
import sys
from pathlib import Path
import responsibility
from responsibility.site.pages import build_pages
out = Path(sys.argv[2])
for uri, text in build_pages(responsibility.load([sys.argv[1]])).items():
    p = out / uri
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, "utf-8")
"""

_INDEX_SRC = re.compile(r'<meta name="rsp-search-index" content="([^"]+)"')


def site_figures(site: Path) -> dict[str, Any]:
    """The largest page and the largest search index a page loads, in bytes."""
    largest_page, largest_path = 0, ""
    whole = site / "search" / "search_index.json"
    largest_index = 0
    for page in site.rglob("*.html"):
        size = page.stat().st_size
        if size > largest_page:
            largest_page, largest_path = size, str(page.relative_to(site))
        head = page.read_text("utf-8", "replace")[:20000]
        m = _INDEX_SRC.search(head)
        index = (page.parent / m.group(1)).resolve() if m else whole
        if index.is_file():
            largest_index = max(largest_index, index.stat().st_size)
    return {
        "pages": sum(1 for _ in site.rglob("*.html")),
        "largest_page": largest_page,
        "largest_page_path": largest_path,
        "largest_index": largest_index,
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
    }


def build(argv_cfg: Path) -> Run:
    return child(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(argv_cfg)], env={"NO_MKDOCS_2_WARNING": "1"}
    )


def mib(n: float) -> str:
    return f"{n / 2**20:.1f} MiB"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--scale", type=float, default=1.0, help="fraction of 22 provinces, 300 cities, 800 counties"
    )
    ap.add_argument("--provinces", type=int)
    ap.add_argument("--cities", type=int)
    ap.add_argument("--counties", type=int)
    ap.add_argument("--no-plain", action="store_true", help="skip the plain mkdocs build (the baseline)")
    args = ap.parse_args()
    provinces = args.provinces or max(1, round(22 * args.scale))
    cities = args.cities or max(1, round(300 * args.scale))
    counties = args.counties or max(1, round(800 * args.scale))
    print(f"python {sys.version.split()[0]}; load average {load_average()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        n = generate(corpus, provinces, cities, counties)
        print(
            f"corpus: central + {provinces} provinces, {cities} cities, {counties} counties ({n} local rules)"
        )
        (work / "docs").mkdir()
        (work / "docs" / "index.md").write_text("# bench\n", "utf-8")
        cfg = mkdocs_config(
            work, work / "docs", work / "site", [{"responsibility": {"policies": [str(corpus)]}}]
        )
        run = build(cfg)
        figs = site_figures(work / "site")
        print(
            f"plugin build: {run.wall:.1f} s wall ({run.cpu:.1f} s CPU), peak RSS {run.rss:.0f} MiB, "
            f"{figs['pages']} pages, site {mib(figs['site_bytes'])}; "
            f"largest page {mib(figs['largest_page'])} "
            f"({figs['largest_page_path']}); largest index a page loads {mib(figs['largest_index'])}; "
            f"load average {load_average()}"
        )
        if args.no_plain:
            return
        plain_docs = work / "plain"
        child([PYTHON, "-c", _WRITE_MARKDOWN, str(corpus), str(plain_docs)])
        base = build(mkdocs_config(work, plain_docs, work / "plain-site", []))
        print(
            f"plain build of the same Markdown: {base.wall:.1f} s wall ({base.cpu:.1f} s CPU), "
            f"peak RSS {base.rss:.0f} MiB; load average {load_average()}"
        )
        print(
            f"ratio plugin / plain: wall time {run.wall / base.wall:.2f}x, "
            f"CPU time {run.cpu / base.cpu:.2f}x, RSS {run.rss / base.rss:.2f}x "
            "(wall time on a shared machine follows its load; CPU time less so)"
        )
        print(json.dumps({"plugin": run.__dict__, "plain": base.__dict__, **figs}))


if __name__ == "__main__":
    main()
