"""Check a generated evidence inventory of 100,000 artefacts over five years against the 武邑 rule.

Prints wall time (best of N), peak traced memory (tracemalloc), and the ratio of the whole check
(load policies, conformance, evidence evaluation) to parsing and validating the same inventory
alone, measured in the same run.

The inventory: for every artefact slot the 武邑 rule expects over 2016–2020 (a quarterly report
from each of sixteen bureaux, annual work plans, the county's annual report …), one artefact with
a real file (5% left out, 5% dated late, every tenth with a sha256); the rest, up to --artefacts,
are valid entries of other kinds and periods that fill no slot (meeting records, statistics),
as a real county archive would hold.

    python benchmarks/check_bench.py [--artefacts 100000] [--repeat 3]
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
from _measure import measure

import responsibility
from responsibility.checks.runner import Options, run
from responsibility.evidence import UNIT_OF, body_label, parse_range, periods, read_inventory
from responsibility.loader import shipped_root
from responsibility.model import ActorKind, Frequency

REGULATION = "wuyi"
SPAN = "2016..2020"
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
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    policy = shipped_root() / REGULATION
    with tempfile.TemporaryDirectory() as tmp:
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
        t_parse, m_parse = measure(lambda: read_inventory(root, ps), args.repeat)
        t_check, m_check = measure(
            lambda: run(Options(paths=[policy], evidence=root, period=SPAN)), args.repeat
        )
        print(f"parse inventory alone : {t_parse:8.3f} s  peak {m_parse:8.1f} MiB")
        print(f"responsibility check  : {t_check:8.3f} s  peak {m_check:8.1f} MiB")
        print(f"ratio check / parse   : {t_check / t_parse:8.2f} x time  {m_check / m_parse:6.2f} x memory")


if __name__ == "__main__":
    main()
