"""Check a generated evidence inventory of 100,000 artefacts over five years against the 武邑 rule.

Prints user CPU time and peak resident memory (medians of N fresh processes) of the whole
`responsibility check` command (load policies, conformance, evidence evaluation) and of reading
the same CSV with the csv module, each in a process of its own, and their ratio.

The inventory: for every artefact slot the 武邑 rule expects over 2016–2020 (a quarterly report
from each of sixteen bureaux, annual work plans, the county's annual report …), one artefact with
a real file (5% left out, 5% dated late, every tenth with a sha256); the rest, up to --artefacts,
are valid entries of other kinds and periods that fill no slot (meeting records, statistics),
as a real county archive would hold.

    python benchmarks/check_bench.py [--artefacts 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import PYTHON, child, load_average, median_child

import responsibility
from responsibility.checks.evidence import UNIT_OF, body_label, parse_range, periods, read_inventory
from responsibility.checks.runner import Options, run
from responsibility.policy.loader import shipped_root
from responsibility.policy.model import ActorKind, Frequency

REGULATION = "wuyi"
SPAN = "2016..2020"
CSV_READ = (
    "import csv, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8') as fh:\n"
    "    rows = list(csv.reader(fh))\n"
)
FIELDS = ["kind", "producer", "place", "counterparty", "period", "date", "path", "sha256"]


def generate(root: Path, total: int, seed: int = 5) -> tuple[int, int]:
    """Write the inventory under `root`; returns (slot artefacts, filler artefacts)."""
    rng = random.Random(seed)
    ps = responsibility.load()
    reg = ps.regulation(REGULATION)
    start, end = parse_range(SPAN)
    rows: list[dict[str, str]] = []
    for e in ps.duties(regulation=REGULATION):
        d = e.duty
        if not d.artefacts or d.frequency not in UNIT_OF:
            continue
        assert d.frequency is not None and d.frequency != Frequency.once
        up = next((c.actor for c in d.counterparties if c.role.value in ("reports-to", "signs-with")), "")
        for o in d.owners:
            actor = ps.actors[o.actor]
            if actor.level != reg.level:
                continue  # townships and villages of 武邑 are not places in the library
            place = actor.place if actor.kind == ActorKind.concrete and actor.place else reg.jurisdiction
            for kind in d.artefacts:
                for p in periods(UNIT_OF[d.frequency], start, end):
                    if rng.random() < 0.05:
                        continue  # missing
                    late = rng.random() < 0.05
                    date = p.end + dt.timedelta(days=40 if late else -3)
                    rel = f"{p.year}/{body_label(ps, o.actor, place)}/{e.provision.id}-{d.id}-{kind}-{p}.txt"
                    f = root / rel
                    f.parent.mkdir(parents=True, exist_ok=True)
                    data = f"{rel}\n".encode()
                    f.write_bytes(data)
                    sha = hashlib.sha256(data).hexdigest() if len(rows) % 10 == 0 else ""
                    rows.append(
                        {
                            "kind": kind,
                            "producer": o.actor,
                            "place": "" if actor.kind == ActorKind.concrete else place,
                            "counterparty": up,
                            "period": str(p),
                            "date": date.isoformat(),
                            "path": rel,
                            "sha256": sha,
                        }
                    )
    slots = len(rows)
    producers = sorted(a.id for a in reg.actors if a.kind == ActorKind.concrete)
    fill_kinds = ["meeting-record", "statistics", "archive", "inspection-report"]
    weeks = [p for p in periods("W", start, end)]
    while len(rows) < total:
        p = rng.choice(weeks)
        rows.append(
            {
                "kind": rng.choice(fill_kinds),
                "producer": rng.choice(producers),
                "place": "",
                "counterparty": "",
                "period": str(p),
                "date": (p.end + dt.timedelta(days=1)).isoformat(),
                "path": f"archive/{p.year}/{len(rows):06d}.pdf",
                "sha256": "",
            }
        )
    with (root / "evidence.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, FIELDS)
        w.writeheader()
        w.writerows(rows)
    return slots, len(rows) - slots


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--artefacts", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    policy = shipped_root() / REGULATION
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as cache:
        root = Path(tmp)
        slots, filler = generate(root, args.artefacts)
        ps = responsibility.load()
        inv = read_inventory(root, ps)
        assert not inv.problems, inv.problems[:3]
        report = run(Options(paths=[policy], evidence=root, period=SPAN))
        assert report.evidence is not None
        counts = {k: v for k, v in report.evidence.counts().items() if v}
        print(f"inventory: {len(inv.artefacts)} artefacts ({slots} filling slots, {filler} others), {SPAN}")
        print(f"evaluation: {counts}; {len(report.findings)} findings")
        # each in a fresh process of its own (see _measure.child): the baseline is the csv module
        # reading the same file, the tool the whole `responsibility check` command
        read = [PYTHON, "-c", CSV_READ, str(root / "evidence.csv")]
        tool = [PYTHON, "-m", "responsibility", "check", str(policy)]
        check = [*tool, "--evidence", str(root), "--period", SPAN]
        env = {"RESPONSIBILITY_CACHE_DIR": str(cache)}  # the policies warm, in a cache of our own
        child(check, env)  # bytecode and the policy cache written; nothing measured
        base = median_child(read, args.repeat)
        run_ = median_child(check, args.repeat, env)
        print(f"csv module read       : {base.user:8.3f} s user  peak {base.rss:8.1f} MiB")
        print(f"responsibility check  : {run_.user:8.3f} s user  peak {run_.rss:8.1f} MiB")
        ratio, memory = run_.user / base.user, run_.rss / base.rss
        print(f"ratio check / csv     : {ratio:8.2f} x time  {memory:6.2f} x memory")
        print(f"(medians of {args.repeat} fresh processes; load average {load_average()})")


if __name__ == "__main__":
    main()
