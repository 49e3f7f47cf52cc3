"""Evaluate the computable rules on generated facts, beside the same arithmetic in plain Python.

Facts: fiscal figures for N counties over five years (checked by 武邑 一(一)4's two conditions
and 一(一)9), assessment scores for N counties (山西 第四十九条's ranking) and N household exit
cases (武邑 一(二)9). The baseline computes the 1% share and the growth comparison directly on
Decimals in the same run; the ratio says what the expression engine, explanations and findings
cost over it. Prints wall time (best of R), peak traced memory and the ratio.

    python benchmarks/rules_bench.py [--counties 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import measure

import responsibility
from responsibility.computable import facts as factsmod
from responsibility.computable.engine import evaluate

ROOT = Path(__file__).resolve().parents[1]
WUYI = "cn.hebei.hengshui.wuyi"


def fiscal(n: int) -> list[dict[str, Any]]:
    return [
        {
            "place": f"{WUYI}.x{i:05d}",
            "level": "county",
            "year": year,
            "general_budget_revenue": 1_000_000_000 + 7_919 * i + 10_000_000 * (year - 2014),
            "special_poverty_funds": 9_000_000 + 1_301 * i + 400_000 * (year - 2014),
            "reimbursement_rate": Decimal("0.9") + Decimal(i % 7) / 100,
            "reimbursement_rate_minimum": Decimal("0.92"),
        }
        for i in range(n)
        for year in range(2014, 2019)
    ]


def cases(n: int) -> list[dict[str, Any]]:
    steps = [
        ("propose", "village.two-committees"),
        ("verify", ["village.two-committees", "village.work-team"]),
        ("household-consent", "village.poor-households"),
        ("public-notice", "village.two-committees"),
        ("township-review", "township.government"),
        ("county-decision", "county.leading-group"),
    ]
    return [
        {
            "id": f"h{i:06d}",
            "subject": "household",
            "place": WUYI,
            "steps": [
                {"step": s, "by": by, "date": f"2017-10-{k + 1:02d}"}
                | ({"objections": i % 3} if k == 3 else {})
                for k, (s, by) in enumerate(steps)
                if not (i % 11 == 0 and k == 2)
            ],
        }
        for i in range(n)
    ]


def scores(n: int) -> dict[str, list[dict[str, Any]]]:
    return {
        "counties": [{"place": f"cn.shanxi.x{i:05d}", "poor": True} for i in range(n)],
        "assessments": [
            {"place": f"cn.shanxi.x{i:05d}", "level": "county", "year": 2017, "score": (i * 37) % 101}
            for i in range(n)
        ],
    }


def baseline(rows: list[dict[str, Any]]) -> int:
    """The share and growth comparisons of 武邑 一(一)4, computed directly."""
    by = {(r["place"], r["year"]): r for r in rows}
    fails = 0
    for r in rows:
        share = Decimal(r["special_poverty_funds"]) / Decimal(r["general_budget_revenue"])
        fails += share < Decimal("0.01")
        p = by.get((r["place"], r["year"] - 1))
        if p is not None:
            g_f = Decimal(r["special_poverty_funds"]) / Decimal(p["special_poverty_funds"]) - 1
            g_r = Decimal(r["general_budget_revenue"]) / Decimal(p["general_budget_revenue"]) - 1
            fails += g_f <= g_r
        fails += r["reimbursement_rate"] <= r["reimbursement_rate_minimum"]
    return fails


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--counties", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ps = responsibility.load()
    n = args.counties
    rows = fiscal(n)
    f_fiscal = factsmod.from_data({"fiscal": rows}, "<bench>")
    f_cases = factsmod.from_data({"cases": cases(n)}, "<bench>")
    f_rank = factsmod.from_data(scores(n), "<bench>")
    print(f"{'what':<34} {'rows':>7} {'findings':>9} {'time s':>8} {'peak MB':>8} {'ratio':>7}")
    t_base, m_base = measure(lambda: baseline(rows), args.repeat)
    label = "baseline: plain Decimal 一(一)4, 9"
    print(f"{label:<34} {len(rows):>7} {'':>9} {t_base:>8.3f} {m_base:>8.1f} {1:>7.2f}")
    runs = [
        (
            "fiscal: 一(一)4 ×2, 一(一)9",
            f_fiscal,
            ["wuyi/special-funds-share", "wuyi/special-funds-growth", "wuyi/reimbursement-rate"],
        ),
        ("cases: 一(二)9 household exit", f_cases, ["wuyi/household-exit"]),
        ("ranking: 山西 第四十九条", f_rank, ["shanxi/top-share-commended"]),
    ]
    for label, data, rules in runs:
        if not set(rules) <= {f"{rs.regulation}/{r.id}" for rs in ps.rulesets.values() for r in rs.rules}:
            print(f"{label:<34} (rules not shipped yet)")
            continue
        found = evaluate(ps, data, rules)
        t, m = measure(lambda d=data, r=rules: evaluate(ps, d, r), args.repeat)  # type: ignore[misc]
        print(f"{label:<34} {len(data):>7} {len(found):>9} {t:>8.3f} {m:>8.1f} {t / t_base:>7.2f}")


if __name__ == "__main__":
    main()
