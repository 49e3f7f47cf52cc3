"""Read a generated fiscal CSV and a facts YAML document, beside the csv module and the YAML
reader alone.

Facts are validated through their pydantic models (computable.facts); the baselines read the same
text with `csv.reader` plus Decimal conversion of the number columns, and with the positioned YAML
reader alone, so the ratio says what validation adds. Prints wall time (best of R), peak traced
memory and the ratio.

    python benchmarks/facts_bench.py [--rows 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import measure

from responsibility.computable import facts as factsmod
from responsibility.policy.yamlfile import load_text


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    n = args.rows
    tmp = Path(tempfile.mkdtemp())
    rows = "".join(f"cn.x{i},2017,{i * 1000},{i % 100}%\n" for i in range(n))
    text_csv = "place,year,general_budget_revenue,rate\n" + rows
    (tmp / "fiscal.csv").write_text(text_csv, "utf-8")
    text_yaml = "kind: facts\nfiscal:\n" + "".join(
        f"- {{place: cn.y{i}, year: 2017, general_budget_revenue: {i}, rate: 9%}}\n" for i in range(n)
    )
    (tmp / "facts.yaml").write_text(text_yaml, "utf-8")

    def plain_csv() -> None:
        for r in csv.DictReader(io.StringIO(text_csv)):
            Decimal(r["year"]), Decimal(r["general_budget_revenue"]), Decimal(r["rate"][:-1]) / 100

    cases = [
        ("fiscal.csv", lambda: factsmod.read(tmp / "fiscal.csv"), plain_csv),
        ("facts.yaml", lambda: factsmod.read(tmp / "facts.yaml"), lambda: load_text(text_yaml, "facts.yaml")),
    ]
    for name, fn, base in cases:
        t, mem = measure(fn, args.repeat)
        b, bmem = measure(base, args.repeat)
        ours = f"{name} ({n:,} rows): {t:.3f}s, {mem:.0f} MiB"
        print(f"{ours}; baseline {b:.3f}s, {bmem:.0f} MiB; ratio {t / b:.1f}x")


if __name__ == "__main__":
    main()
