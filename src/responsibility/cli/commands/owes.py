"""Everything a body owns, across regulations, grouped by topic. A member of a composite owner
shares its duties; a concrete body (武邑县人民政府) owes what its role type (county.government)
owes under every regulation that governs its place — those duties are marked `inherited`."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import QUESTION, load_from, resolve, resolve_optional, write
from responsibility.cli.commands._names import Words, labelled, words
from responsibility.core.table import render
from responsibility.graph.export import dumps
from responsibility.graph.queries import OwedDuty, Owes, as_data, owes
from responsibility.policy import lookup
from responsibility.policy.labels import BASIS_LABEL, FREQUENCY_LABEL, MODALITY_LABEL, RESPONSIBILITY_LABEL

PARENTS = QUESTION


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("actor", metavar="ACTOR", help="an id or name: county.government, 武邑县人民政府")
    p.add_argument("--regulation", metavar="ID", help="only this regulation's duties (an id or name)")
    p.add_argument("--topic", metavar="ID", help="only this topic: planning, 规划计划")


def render_owes(w: Words, result: Owes) -> str:
    a = result.actor
    sep = "：" if w.lang == "zh" else ": "
    out = [f"{w.pair(a.zh, a.en)}{sep}{_counted(w, result)}\n"]
    if result.filled_by:
        # a role type: the local rules' duties are its bodies'; each named with its id, which
        # tells it apart from the role where the names agree (县级领导干部 of 武邑 and the role)
        bodies = "、".join(f"{w.pair(b.zh, b.en)}（{b.id}）" for b in result.filled_by)
        regulation = f" --regulation {result.regulation}" if result.regulation else ""
        ask = f"responsibility owes {result.filled_by[0].id}{regulation}"
        out.append(
            w.pick(
                f"{'本规定中' if regulation else ''}担任此角色的机构：{bodies}；查看其职责：{ask}\n",
                f"bodies in this role{' under this regulation' if regulation else ''}: {bodies}; "
                f"their duties: {ask}\n",
            )
        )
    for g in result.groups:
        out.append(f"\n{w.pair(g.zh, g.en) if g.topic else w.headers('no topic')[0]}\n")
        rows = [_row(w, o) for o in g.duties]
        out.append(
            render(
                w.headers("article", "duty", "owners", "responsibility", "modality", "frequency", "basis"),
                rows,
            )
        )
    return "".join(out)


def _row(w: Words, o: OwedDuty) -> list[str]:
    """One owed duty. 责任主体 is the owner the duty names — the body asked about, a composite
    it belongs to, or its role type — as the text names it there (Names.named_at, as in
    `duties` and `who`): 户（贫困户，village.poor-households） for 麻江's 〔第11段〕."""
    return [
        w.cite(o.duty),
        w.summary(o.duty),
        w.named_at(o.duty.id, o.owner),
        w.label(RESPONSIBILITY_LABEL, o.responsibility),
        w.label(MODALITY_LABEL, o.modality),
        w.label(FREQUENCY_LABEL, o.frequency),
        w.label(BASIS_LABEL, o.basis.value),
    ]


def _counted(w: Words, result: Owes) -> str:
    """3 项职责, and where the rows are more (a duty with several topics is listed under each),
    how many rows and why: the count is of distinct duties, so the two must not seem to disagree."""
    rows = sum(len(g.duties) for g in result.groups)
    counted = w.count(result.total, "duty")
    if rows == result.total:
        return counted
    return w.pick(
        f"{counted}，按主题分列 {rows} 行（一项职责有几个主题的，在每个主题下各列一次）",
        f"{counted}, in {rows} rows by topic (a duty with several topics is listed under each)",
    )


def run(args: argparse.Namespace) -> int:
    ps = load_from(args)
    actor = resolve("ACTOR", lookup.actor_id, ps, args.actor)
    reg = resolve_optional("--regulation", lookup.regulation_id, ps, args.regulation)
    topic = resolve_optional("--topic", lookup.topic_id, ps, args.topic)
    result = owes(ps, actor, reg, topic)
    w = words(ps, args)
    write(dumps(labelled(as_data(result), w.lang)) if args.format == "json" else render_owes(w, result))
    return 0
