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
    out = [f"{w.pair(a.zh, a.en)}{sep}{w.count(result.total, 'duty')}\n"]
    for g in result.groups:
        out.append(f"\n{w.pair(g.zh, g.en) if g.topic else w.headers('no topic')[0]}\n")
        rows = [
            [
                w.cite(o.duty),
                w.summary(o.duty),
                w.label(RESPONSIBILITY_LABEL, o.responsibility),
                w.label(MODALITY_LABEL, o.modality),
                w.label(FREQUENCY_LABEL, o.frequency),
                _basis(w, o),
            ]
            for o in g.duties
        ]
        out.append(
            render(w.headers("article", "duty", "responsibility", "modality", "frequency", "basis"), rows)
        )
    return "".join(out)


def _basis(w: Words, o: OwedDuty) -> str:
    """本级规定, or 承接 (县级政府): the owner the text names, through which the body owes it."""
    basis = w.label(BASIS_LABEL, o.basis.value)
    return basis if not o.steps else f"{basis} ({w.named_at(o.duty.id, o.owner)})"


def run(args: argparse.Namespace) -> int:
    ps = load_from(args)
    actor = resolve("ACTOR", lookup.actor_id, ps, args.actor)
    reg = resolve_optional("--regulation", lookup.regulation_id, ps, args.regulation)
    topic = resolve_optional("--topic", lookup.topic_id, ps, args.topic)
    result = owes(ps, actor, reg, topic)
    w = words(ps, args)
    write(dumps(labelled(as_data(result), w.lang)) if args.format == "json" else render_owes(w, result))
    return 0
