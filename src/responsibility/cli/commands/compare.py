"""Compare two regulations per topic: duties B adds, duties of A it drops, and counterpart duties
whose owner, kind of responsibility, modality or frequency changed; then a topic × regulation ×
level matrix (duties per owner level). Counterparts: one implements the other, or both implement
a common duty."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import LANG, POLICIES, TABLE, load_from, resolve, write
from responsibility.cli.commands._names import FIELD_NAMES, field_value, regulation_name
from responsibility.core.table import render
from responsibility.core.wording import plural
from responsibility.graph.export import dumps
from responsibility.graph.queries import (
    MATRIX_LEVELS,
    Change,
    Comparison,
    DutyRef,
    FieldChange,
    as_data,
    compare,
)
from responsibility.policy import lookup
from responsibility.policy.policyset import PolicySet

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES, TABLE, LANG)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("a", metavar="REG_A")
    p.add_argument("b", metavar="REG_B")


def _duty(ps: PolicySet, d: DutyRef) -> str:
    return f"{d.article} {d.zh} ({d.id})"


def _change(ps: PolicySet, c: Change) -> str:
    def one(f: FieldChange) -> str:
        name = FIELD_NAMES.get(f.field, f.field)
        return f"{name} {field_value(ps, f.field, f.a)} → {field_value(ps, f.field, f.b)}"

    what = "; ".join(one(f) for f in c.changes)
    return f"{c.a.article} → {c.b.article} {c.b.zh}: {what} ({c.a.id} → {c.b.id})"


def render_comparison(ps: PolicySet, result: Comparison) -> str:
    na, nb = regulation_name(ps, result.a), regulation_name(ps, result.b)
    ta, tb = ps.regulations[result.a].title.zh, ps.regulations[result.b].title.zh
    n = result.totals
    out = [
        f"{ta} ({result.a}) → {tb} ({result.b})\n",
        f"key: + only in {nb} (added)   - only in {na} (dropped)   ~ counterparts that differ in "
        "owners 责任主体, kind of responsibility 责任类型, modality 约束, frequency 频次 or artefacts 材料\n",
        f"total: {plural(n['added'], 'duty')} added, {plural(n['dropped'], 'duty')} dropped, "
        f"{plural(n['changed'], 'counterpart pair')} changed, {n['unchanged']} unchanged "
        "(a duty with several topics is listed under each)\n",
    ]
    for t in result.topics:
        out.append(f"\n{t.topic or '-'} {t.zh}: {t.same} unchanged\n")
        out += [f"  + {_duty(ps, d)}\n" for d in t.added]
        out += [f"  - {_duty(ps, d)}\n" for d in t.dropped]
        out += [f"  ~ {_change(ps, c)}\n" for c in t.changed]
    levels = [lv.value for lv in MATRIX_LEVELS]
    topic_zh = {t.id: t.name.zh for t in ps.topics.values()}
    rows = [
        [f"{m.topic} {topic_zh.get(m.topic, '')}".strip() if m.topic else "-", m.regulation]
        + [str(m.counts[lv]) for lv in levels]
        for m in result.matrix
    ]
    out.append("\nduties per owner level\n" + render(["topic", "regulation", *levels], rows))
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    ps = load_from(args)
    a = resolve("REG_A", lookup.regulation_id, ps, args.a)  # an id or a name: 山西, 甘肃省…
    result = compare(ps, a, resolve("REG_B", lookup.regulation_id, ps, args.b))
    write(dumps(as_data(result)) if args.format == "json" else render_comparison(ps, result))
    return 0
