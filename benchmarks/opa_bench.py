"""C001 on the nationwide corpus: `responsibility check --select C001` against OPA's Rego (regopy).

The corpus is `graph_bench.py`'s (central, 22 provincial, 300 city and 800 county rules). It is
exported once to JSON — each regulation (id, level, implements, not_implemented, whether it is
an excerpt), each duty (full id, regulation, owners' actor ids, implements) and each actor's
level: the facts C001 reads, joined in Rego as the rule joins them. The Rego policy below is
C001 (``semantics.parent_status``): a parent duty of a regulation the local rule implements is
*missing* when no local duty implements it directly or through other duties, neither it nor a
duty implementing it is in the rule's not_implemented, one of its owners sits at a level the
rule governs (or at all levels, or in society), and the rule is not an excerpt.

Each side runs in a fresh process, load included: regopy reads the JSON file, parses it and
evaluates; `responsibility check` loads the YAML (cold: the policy cache empty; warm: filled),
runs C001 and writes its report. Medians of --runs processes (user CPU seconds, peak RSS); the
number of C001 findings of both is printed and must agree.

The transitive closure is spelt out to the corpus's longest implements chain (4 links, checked
at export): ``graph.reachable``, called once per parent duty and local rule, did not finish in
ten minutes on a quarter of the corpus (rego-cpp also leaves out a reached node that is not a
key of the graph, which OPA keeps).

    pip install 'responsibility[bench]'
    python benchmarks/opa_bench.py [--size 1.0] [--runs 3] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import PYTHON, child, child_env, load_average, median_child

import responsibility
from responsibility.policy.model import CoverageKind

REGO = """
package c001

import rego.v1

order := {"central": 0, "province": 1, "city": 2, "county": 3, "township": 4, "village": 5}

# who implements what: parent duty -> the duties that name it in implements
children[p] contains d.ref if {
	some d in input.duties
	some p in d.implements
}

# the duty and every duty implementing it, directly or through others: implements chains are at
# most DEPTH links long (the export checks it), so the closure is spelt out to that depth
tree(ref) := {ref} | {c | some c in children[ref]} | {c |
	some a in children[ref]
	some c in children[a]
} | {c |
	some a in children[ref]
	some b in children[a]
	some c in children[b]
} | {c |
	some a in children[ref]
	some b in children[a]
	some x in children[b]
	some c in children[x]
}

duties_of[d.regulation] contains d if some d in input.duties

reg_of := {d.ref: d.regulation | some d in input.duties}

checked contains r if {
	some r in input.regulations
	r.id in input.checked
}

missing contains [r.id, d.ref] if {
	some r in checked
	not r.excerpt
	some pid in r.implements
	some d in duties_of[pid]
	applies(d, r)
	tree := tree(d.ref)
	not implemented(tree, d.ref, r.id)
	not declined(tree, r)
}

implemented(tree, ref, rid) if {
	some x in tree
	x != ref
	reg_of[x] == rid
}

declined(tree, r) if {
	some x in r.not_implemented
	x in tree
}

applies(d, r) if {
	some a in d.owners
	input.actors[a] in {"all", "society"}
}

applies(d, r) if {
	some a in d.owners
	order[input.actors[a]] >= order[r.level]
}

applies(d, r) if {
	some a in d.owners
	order[input.actors[a]]
	not order[r.level]
}

count_missing := count(missing)
"""

DEPTH = 4  # links of an implements chain the Rego closure follows

EVAL = """
import json, sys, regopy
rego = regopy.Interpreter()
rego.add_module("c001", open(sys.argv[1], encoding="utf-8").read())
with open(sys.argv[2], encoding="utf-8") as fh:
    rego.set_input(regopy.Input(json.load(fh)))
out = rego.query("data.c001.count_missing")
print(json.loads(str(out))["expressions"][0])
"""


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


def count_ours(argv: list[str], env: dict[str, str]) -> int:
    got = subprocess.run(
        [*argv, "--format", "json"], env=child_env(env), capture_output=True, text=True, check=False
    )
    report = json.loads(got.stdout)
    return sum(1 for f in report["findings"] if f["code"] == "C001")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=float, default=1.0, help="fraction of the nationwide corpus")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", type=Path, help="keep the generated corpus there and reuse it")
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}, load {load_average()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        corpus = work / f"nationwide-{args.size}"
        if not (corpus / ".done").exists():
            from graph_bench import generate

            shutil.rmtree(corpus, ignore_errors=True)
            corpus.mkdir(parents=True)
            generate(corpus, args.size, responsibility.load())
            (corpus / ".done").touch()
        rego, facts = Path(tmp) / "c001.rego", Path(tmp) / "c001.json"
        rego.write_text(REGO, "utf-8")
        export(corpus, facts)
        opa = [PYTHON, "-c", EVAL, str(rego), str(facts)]
        theirs = int(subprocess.run(opa, capture_output=True, text=True, check=True).stdout)
        cache = Path(tmp) / "cache"
        env = {"RESPONSIBILITY_CACHE_DIR": str(cache)}
        ours_argv = [PYTHON, "-m", "responsibility", "check", str(corpus), "--select", "C001"]
        ours = count_ours(ours_argv, env)
        agree = "" if ours == theirs else "  DIFFER"
        print(f" C001 findings: responsibility {ours}, Rego {theirs}{agree}")
        base = median_child(opa, args.runs)
        figures = f"{base.user:8.2f} s user {base.rss:8.1f} MiB"
        print(f"  regopy: read JSON + evaluate   {figures}   load {load_average()}")

        def empty() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        cold = median_child(ours_argv, args.runs, env, before=empty)
        child(ours_argv, env)
        warm = median_child(ours_argv, args.runs, env)
        for label, run in (("cold", cold), ("warm", warm)):
            print(
                f"  responsibility check, {label}        {run.user:8.2f} s user {run.rss:8.1f} MiB"
                f"   {base.user / run.user:5.2f}x faster than regopy   load {load_average()}"
            )


if __name__ == "__main__":
    main()
