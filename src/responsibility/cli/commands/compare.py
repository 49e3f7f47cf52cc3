"""Compare two regulations per topic: duties B adds, duties of A it drops, and counterpart duties
whose owner, kind of responsibility, modality or frequency changed; then a topic × regulation ×
level matrix (duties per owner level). Counterparts: one implements the other, or both implement
a common duty."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import QUESTION, load_from, resolve, write
from responsibility.cli.commands._names import Words, labelled, words
from responsibility.core.table import render
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
from responsibility.policy.labels import FIELD_LABEL, LEVEL_LABEL

PARENTS = QUESTION


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("a", metavar="REG_A")
    p.add_argument("b", metavar="REG_B")


def _duty(w: Words, d: DutyRef) -> str:
    return f"{w.cite(d)} {w.summary(d)}"


def _change(w: Words, c: Change) -> str:
    def one(f: FieldChange) -> str:
        name = w.label(FIELD_LABEL, f.field)
        return f"{name} {w.field_value(f.field, f.a)} → {w.field_value(f.field, f.b)}"

    what = "; ".join(one(f) for f in c.changes)
    sep = "：" if w.lang == "zh" else ": "
    return f"{w.cite(c.a)} → {w.cite(c.b)} {w.summary(c.b)}{sep}{what}"


def _key(w: Words, na: str, nb: str) -> str:
    fields = [w.label(FIELD_LABEL, f) for f in FIELD_LABEL]
    if w.lang == "zh":
        return f"图例：+ 仅{nb}有（新增）  - 仅{na}有（删去）  ~ 对应职责的{'、'.join(fields)}有变化\n"
    return (
        f"key: + only in {nb} (added)   - only in {na} (dropped)   ~ counterparts that differ in "
        f"{', '.join(fields[:-1])} or {fields[-1]}\n"
    )


def _totals(w: Words, n: dict[str, int]) -> str:
    note_zh, note_en = (
        "（一项职责有多个主题时在每个主题下各列一次）",
        " (a duty with several topics is listed under each)",
    )
    if w.lang == "zh":
        return (
            f"合计：新增 {w.count(n['added'], 'duty')}，删去 {w.count(n['dropped'], 'duty')}，"
            f"变化 {w.count(n['changed'], 'pair')}，未变 {w.count(n['unchanged'], 'duty')}{note_zh}\n"
        )
    return (
        f"total: {w.count(n['added'], 'duty')} added, {w.count(n['dropped'], 'duty')} dropped, "
        f"{w.count(n['changed'], 'pair')} changed, {w.count(n['unchanged'], 'duty')} unchanged{note_en}\n"
    )


def render_comparison(w: Words, result: Comparison) -> str:
    ps = w.ps
    na, nb = w.regulation(result.a), w.regulation(result.b)
    ta, tb = w.text(ps.regulations[result.a].title), w.text(ps.regulations[result.b].title)
    out = [f"{ta} → {tb}\n", _key(w, na, nb), _totals(w, result.totals)]
    unchanged = w.headers("unchanged")[0]
    sep = "：" if w.lang == "zh" else ": "
    for t in result.topics:
        topic = w.pair(t.zh, t.en) if t.topic else w.headers("no topic")[0]
        out.append(f"\n{topic}{sep}{t.same} {unchanged}\n")
        out += [f"  + {_duty(w, d)}\n" for d in t.added]
        out += [f"  - {_duty(w, d)}\n" for d in t.dropped]
        out += [f"  ~ {_change(w, c)}\n" for c in t.changed]
    levels = list(MATRIX_LEVELS)
    rows = [
        [w.topic(m.topic) if m.topic else w.headers("no topic")[0], w.regulation(m.regulation)]
        + [str(m.counts[lv.value]) for lv in levels]
        for m in result.matrix
    ]
    head = [*w.headers("topic", "regulation"), *(w.label(LEVEL_LABEL, lv) for lv in levels)]
    out.append(f"\n{w.headers('per level')[0]}\n" + render(head, rows))
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    ps = load_from(args)
    a = resolve("REG_A", lookup.regulation_id, ps, args.a)  # an id or a name: 山西, 甘肃省…
    result = compare(ps, a, resolve("REG_B", lookup.regulation_id, ps, args.b))
    w = words(ps, args)
    write(dumps(labelled(as_data(result), w.lang)) if args.format == "json" else render_comparison(w, result))
    return 0
