"""Everything a body owns, across regulations, grouped by topic. A member of a composite owner
shares its duties; a concrete body (武邑县人民政府) owes what its role type (county.government)
owes under every regulation that governs its place — those duties are marked `inherited`."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import (
    LANG,
    POLICIES,
    TABLE,
    load_from,
    resolve,
    resolve_optional,
    write,
)
from responsibility.core.table import render
from responsibility.core.wording import plural
from responsibility.graph.export import dumps
from responsibility.graph.queries import Owes, as_data, owes
from responsibility.policy import lookup

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES, TABLE, LANG)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("actor", metavar="ACTOR", help="an id or name: county.government, 武邑县人民政府")
    p.add_argument("--regulation", metavar="ID", help="only this regulation's duties (an id or name)")
    p.add_argument("--topic", metavar="ID", help="only this topic: planning, 规划计划")


def render_owes(result: Owes) -> str:
    a = result.actor
    out = [f"{a.id} {a.zh}: {plural(result.total, 'duty')}\n"]
    for g in result.groups:
        out.append(f"\n{g.topic or '-'} {g.zh}\n")
        rows = [
            [
                o.duty.id,
                o.duty.article,
                o.responsibility,
                o.modality,
                o.frequency or "-",
                o.basis.value if not o.steps else f"{o.basis.value} ({o.owner})",
                o.duty.zh,
            ]
            for o in g.duties
        ]
        out.append(
            render(["duty", "article", "responsibility", "modality", "frequency", "basis", "summary"], rows)
        )
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    ps = load_from(args)
    actor = resolve("ACTOR", lookup.actor_id, ps, args.actor)
    reg = resolve_optional("--regulation", lookup.regulation_id, ps, args.regulation)
    topic = resolve_optional("--topic", lookup.topic_id, ps, args.topic)
    result = owes(ps, actor, reg, topic)
    write(dumps(as_data(result)) if args.format == "json" else render_owes(result))
    return 0
