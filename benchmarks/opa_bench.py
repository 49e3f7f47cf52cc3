"""C001 on the nationwide corpus: `responsibility check --select C001` against OPA's Rego.

The corpus is `graph_bench.py`'s (central, 22 provincial, 300 city and 800 county rules), with
gaps punched into every tenth county rule (its first provision and its not_implemented list
dropped) so that C001 has findings to agree on. It is exported once to JSON — each regulation
(id, level, implements, not_implemented, whether it is an excerpt), each duty (full id,
regulation, owners' actor ids, implements) and each actor's level: the facts C001 reads, joined
in Rego as the rule joins them. The Rego policy below is C001 (``semantics.parent_status``): a
parent duty of a regulation the local rule implements is *missing* when no local duty implements
it directly or through other duties, neither it nor a duty implementing it is in the rule's
not_implemented, one of its owners sits at a level the rule governs (or at all levels, or in
society), and the rule is not an excerpt.

Two engines evaluate it:

* **OPA** itself (Go, v1.20), embedded through ``opa-golib-python-bindings``: its wheel holds
  OPA's Go library and a ctypes wrapper. Its metadata asks for Python 3.14 although nothing in
  it needs more than ctypes, so on an older Python it is installed with
  ``pip install --ignore-requires-python opa-golib-python-bindings``.
* **regopy** (rego-cpp 1.5.2), the `bench` extra. rego-cpp builds a set or an object in time
  quadratic in its size and looks a variable key up in an input object by scanning it (4,000
  entries: 4.5 s; 16,000: 112 s), so every join is quadratic whatever the policy: it is run up
  to --regopy-up-to only, which gives its growth.

Each side runs in a fresh process, load included: OPA and regopy read the JSON file, parse it and
evaluate; `responsibility check` loads the YAML (cold: the policy cache empty; warm: filled),
runs C001 and writes its report. Medians of --runs processes (user CPU seconds, which count every
thread of the Go runtime, and peak RSS). Before timing, each engine's set of missing (regulation,
parent duty) pairs is compared with the findings of `check`; a difference stops the run.

    pip install 'responsibility[bench]'
    pip install --ignore-requires-python opa-golib-python-bindings   # real OPA
    python benchmarks/opa_bench.py [--sizes 0.02 0.1 1] [--runs 3] [--regopy-up-to 0.1] [--work DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import PYTHON, Run, child_env, load_average, median_child

import responsibility
from responsibility.policy.model import CoverageKind

REGO = """
package c001

import rego.v1

# Every index is a complete rule (one value, computed once and kept by the engine) looked up by
# key. A partial rule such as `up[x] contains p if { some d in input.duties; x := d.ref; ... }`
# asked for one key re-runs its body over every duty: asked once per duty, it is quadratic.

order := {"central": 0, "province": 1, "city": 2, "county": 3, "township": 4, "village": 5}

checked := {id | some id in input.checked}

# duty -> the duties it names in implements (only duties in the corpus are followed further)
impl := {d.ref: d.implements | some d in input.duties}

# duty -> every duty it implements, directly or through others; the closure is spelt out link
# by link to the corpus's longest implements chain (DEPTH links, checked at export), each link
# one lookup in `impl`
up := {d.ref: ps |
	some d in input.duties
	ps := {p | some p in d.implements} | {p |
		some a in d.implements
		some p in impl[a]
	} | {p |
		some a in d.implements
		some b in impl[a]
		some p in impl[b]
	} | {p |
		some a in d.implements
		some b in impl[a]
		some c in impl[b]
		some p in impl[c]
	}
}

# regulation -> its duties
duties_of := {rid: refs |
	some r in input.regulations
	rid := r.id
	refs := {d.ref | some d in input.duties; d.regulation == rid}
}

# regulation -> the parent duties some duty of it implements (directly or through others)
done := {rid: ps |
	some rid, refs in duties_of
	ps := {p | some x in refs; some p in up[x]; p != x}
}

# regulation -> the parent duties it declines: those in not_implemented and every duty they
# implement (a declined duty's ancestors count as declined, as in semantics.parent_status)
declined := {r.id: ps |
	some r in input.regulations
	ps := {n | some n in r.not_implemented} | {p | some n in r.not_implemented; some p in up[n]}
}

# duty -> its owners' levels, as the catalogue places them
levels := {d.ref: {input.actors[a] | some a in d.owners} | some d in input.duties}

missing contains [r.id, ref] if {
	some r in input.regulations
	checked[r.id]
	not r.excerpt
	some pid in r.implements
	some ref in duties_of[pid]
	not ref in done[r.id]
	not ref in declined[r.id]
	applies(levels[ref], r.level)
}

# an owner at all levels (各级) or in society binds every level
applies(lvs, _) if {
	some lv in lvs
	lv in {"all", "society"}
}

# an owner at the rule's level or below
applies(lvs, level) if {
	some lv in lvs
	order[lv] >= order[level]
}

# a rule at all levels or in society governs every tier
applies(lvs, level) if {
	some lv in lvs
	order[lv]
	not order[level]
}

count_missing := count(missing)
"""

DEPTH = 4  # links of an implements chain the Rego closure follows

# Each engine's process: read the policy and the JSON input, evaluate one document, print it.
OPA = """
import json, sys
from opa_bindings import OpaEngine
engine = OpaEngine()
engine.add_policy("c001.rego", open(sys.argv[1], encoding="utf-8").read())
with open(sys.argv[2], "rb") as fh:
    raw = fh.read()
# the input's bytes go to Go as they are (the public eval_document would dump a parsed copy again)
out = engine._call(engine._lib.OpaEvalDocument, sys.argv[3].encode(), raw, 0, 0)
print(json.dumps(out["result"][0]["expressions"][0]["value"]))
"""

REGOPY = """
import json, sys, regopy
rego = regopy.Interpreter()
rego.add_module("c001", open(sys.argv[1], encoding="utf-8").read())
with open(sys.argv[2], encoding="utf-8") as fh:
    rego.set_input_term(fh.read())
out = rego.query("data." + sys.argv[3])
print(json.dumps(json.loads(str(out))["expressions"][0]))
"""

GAP_EVERY = 10  # every tenth county rule loses its first provision and its not_implemented


def corpus_at(work: Path, size: float) -> Path:
    """The generated corpus with gaps, made once per work folder and size."""
    corpus = work / f"c001-{size}"
    if (corpus / ".done").exists():
        return corpus
    shutil.rmtree(corpus, ignore_errors=True)
    plain = work / f"nationwide-{size}"  # graph_bench's corpus, when an earlier run left it
    if (plain / ".done").exists():
        shutil.copytree(plain, corpus)
    else:
        from graph_bench import generate

        corpus.mkdir(parents=True)
        generate(corpus, size, responsibility.load())
    punch_gaps(corpus)
    (corpus / ".done").touch()
    return corpus


def punch_gaps(corpus: Path) -> None:
    """Drop the first provision and the not_implemented list of every GAP_EVERY-th county rule:
    the parent duty the provision carried out and the declined ones become C001 findings (no
    other rule implements a county duty, so nothing else changes)."""
    for path in sorted(corpus.glob("gen-k*.yaml")):
        if int(path.stem.removeprefix("gen-k")) % GAP_EVERY:
            continue
        doc = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
        doc["provisions"] = doc["provisions"][1:]
        doc["not_implemented"] = []
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")


def export(corpus: Path, out: Path) -> None:
    """The facts C001 reads, as JSON (not timed: OPA's input is prepared ahead, as a CI would)."""
    ps = responsibility.load([corpus], use_cache=False)
    from responsibility.checks.runner import checked_regulations

    checked = [r.id for r in checked_regulations(ps, [corpus])]
    kids: dict[str, list[str]] = {}
    for e in ps.all_duties():
        for p in e.duty.implements:
            kids.setdefault(p, []).append(e.ref)

    def depth(ref: str, seen: frozenset[str] = frozenset()) -> int:
        return 1 + max((depth(c, seen | {ref}) for c in kids.get(ref, ()) if c not in seen), default=0)

    longest = max((depth(p) - 1 for p in kids), default=0)
    assert longest <= DEPTH, f"an implements chain of {longest} links; the Rego closure spells out {DEPTH}"
    data = {
        "checked": checked,
        "actors": {a.id: a.level.value for a in ps.actors.values()},
        "regulations": [
            {
                "id": r.id,
                "level": r.level.value,
                "implements": list(r.implements),
                "not_implemented": [n.duty for n in r.not_implemented],
                "excerpt": r.coverage is not None and r.coverage.kind == CoverageKind.excerpt,
            }
            for r in ps.regulations.values()
        ],
        "duties": [
            {
                "ref": e.ref,
                "regulation": e.regulation.id,
                "owners": [o.actor for o in e.duty.owners],
                "implements": list(e.duty.implements),
            }
            for e in ps.all_duties()
        ],
    }
    out.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def ours_pairs(argv: list[str], env: dict[str, str]) -> list[tuple[str, str]]:
    """(regulation, parent duty) of each C001 finding; a generated rule's file is named by its id."""
    got = subprocess.run(
        [*argv, "--format", "json"], env=child_env(env), capture_output=True, text=True, check=False
    )
    report = json.loads(got.stdout)
    return sorted((Path(f["file"]).stem, f["target"]) for f in report["findings"] if f["code"] == "C001")


def engine_pairs(argv: list[str]) -> list[tuple[str, str]]:
    out = subprocess.run([*argv, "c001.missing"], capture_output=True, text=True, check=True).stdout
    return sorted((rid, ref) for rid, ref in json.loads(out))


def figures(run: Run) -> str:
    return f"{run.user:8.2f} s user {run.rss:7.1f} MiB"


def one_size(work: Path, tmp: Path, size: float, args: argparse.Namespace, engines: dict[str, str]) -> None:
    corpus = corpus_at(work, size)
    rego, facts = tmp / "c001.rego", tmp / f"c001-{size}.json"
    rego.write_text(REGO, "utf-8")
    export(corpus, facts)
    n_duties = len(json.loads(facts.read_text("utf-8"))["duties"])
    cache = tmp / "cache"
    env = {"RESPONSIBILITY_CACHE_DIR": str(cache)}
    ours_argv = [PYTHON, "-m", "responsibility", "check", str(corpus), "--select", "C001"]
    ours = ours_pairs(ours_argv, env)
    print(f"size {size} ({n_duties} duties): {len(ours)} C001 findings   load {load_average()}")
    run_engines = {
        name: [PYTHON, "-c", code, str(rego), str(facts)]
        for name, code in engines.items()
        if name != "regopy" or size <= args.regopy_up_to
    }
    for name, argv in run_engines.items():
        theirs = engine_pairs(argv)
        if theirs != ours:
            raise SystemExit(f"  {name} finds {len(theirs)} pairs, check {len(ours)}: they differ")
    base = {
        name: median_child([*argv, "c001.count_missing"], args.runs) for name, argv in run_engines.items()
    }
    for name, run in base.items():
        print(f"  {name + ': read JSON + evaluate':32} {figures(run)}   (same {len(ours)} pairs)")

    def empty() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def empty_results() -> None:  # the result cache only: the policy cache stays warm
        shutil.rmtree(Path(cache) / "results", ignore_errors=True)

    # cold: every cache empty; warm: the policy cache filled and C001 evaluated again; replay: the
    # result cache's answer, the stored output of the same run (no evaluation at all: shown apart,
    # never as the rule's speed)
    cold = median_child(ours_argv, args.runs, env, before=empty)
    warm = median_child(ours_argv, args.runs, env, before=empty_results)
    replay = median_child(ours_argv, args.runs, env)
    for label, run in (("cold", cold), ("warm", warm), ("replayed", replay)):
        ratios = "   ".join(f"{b.user / run.user:6.2f}x faster than {name}" for name, b in base.items())
        print(f"  {'responsibility check, ' + label:32} {figures(run)}   {ratios}")
    print(f"  load {load_average()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--sizes", type=float, nargs="+", default=[0.02, 0.1, 1.0], help="fractions of the corpus"
    )
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--regopy-up-to", type=float, default=0.1, help="largest size given to regopy")
    ap.add_argument("--work", type=Path, help="keep the generated corpora there and reuse them")
    args = ap.parse_args()
    engines = {
        name: code
        for name, module, code in (("OPA", "opa_bindings", OPA), ("regopy", "regopy", REGOPY))
        if importlib.util.find_spec(module) is not None
    }
    print(f"python {sys.version.split()[0]}, engines: {', '.join(engines) or 'none'}, load {load_average()}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            one_size(args.work or Path(tmp), Path(tmp), size, args, engines)


if __name__ == "__main__":
    main()
