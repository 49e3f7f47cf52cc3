"""Compare two regulations per topic: duties B adds, duties of A it drops, and counterpart duties
whose owner, kind of responsibility, modality or frequency changed; then a topic × regulation ×
level matrix (duties per owner level). Counterparts: one implements the other, or both implement
a common duty."""

from __future__ import annotations

import argparse

from .. import lookup
from ..export import dumps
from ..queries import MATRIX_LEVELS, Comparison, as_data, compare
from ..table import render
from ._common import add_format, add_policy_options, load_from, resolve, write

NAME = "compare"
HELP = "compare two regulations topic by topic"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("a", metavar="REG_A")
    p.add_argument("b", metavar="REG_B")
    add_format(p)
    add_policy_options(p)


def render_comparison(result: Comparison) -> str:
    out = [f"{result.a} → {result.b}\n"]
    for t in result.topics:
        out.append(f"\n{t.topic or '-'} {t.zh}: {t.same} unchanged\n")
        out += [f"  + {d.id} {d.zh}\n" for d in t.added]
        out += [f"  - {d.id} {d.zh}\n" for d in t.dropped]
        for c in t.changed:
            what = "; ".join(f"{f.field} {f.a} → {f.b}" for f in c.changes)
            out.append(f"  ~ {c.a.id} → {c.b.id}: {what}\n")
    levels = [lv.value for lv in MATRIX_LEVELS]
    rows = [[m.topic or "-", m.regulation, *(str(m.counts[lv]) for lv in levels)] for m in result.matrix]
    out.append("\n" + render(["topic", "regulation", *levels], rows))
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    ps = load_from(args)
    a = resolve("REG_A", lookup.regulation_id, ps, args.a)  # an id or a name: 山西, 甘肃省…
    result = compare(ps, a, resolve("REG_B", lookup.regulation_id, ps, args.b))
    write(dumps(as_data(result)) if args.format == "json" else render_comparison(result))
    return 0
