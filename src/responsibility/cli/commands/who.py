"""Who owns a duty, or every duty of a provision: each owner and its kind of responsibility.
A composite owner (县级党委和政府) lists its members, who share the duty; a role type lists the
concrete bodies that fill it (武邑县人民政府 for county.government)."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import QUESTION, load_from, resolve, write
from responsibility.cli.commands._names import Words, labelled, words
from responsibility.core.table import render
from responsibility.graph.export import dumps
from responsibility.graph.queries import Who, as_data, who
from responsibility.policy import lookup
from responsibility.policy.labels import RESPONSIBILITY_LABEL

PARENTS = QUESTION


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "ref",
        metavar="DUTY_OR_PROVISION",
        help="e.g. central/art_9/annual-report, central/art_9 or central/第九条",
    )


def render_who(w: Words, result: Who) -> str:
    rows = []
    for d in result.duties:
        for o in d.owners:
            shared = [w.pair(m.zh, m.en) for m in o.members] + [w.pair(i.zh, i.en) for i in o.instances]
            rows.append(
                [
                    w.cite(d.duty),
                    w.summary(d.duty),
                    w.as_named(o.actor.id, o.named, inferred=o.inferred),
                    w.label(RESPONSIBILITY_LABEL, o.responsibility),
                    w.list_of(shared) or "-",
                ]
            )
    return render(w.headers("article", "duty", "owner", "responsibility", "members"), rows)


def run(args: argparse.Namespace) -> int:
    ps = load_from(args)
    result = who(ps, resolve("DUTY_OR_PROVISION", lookup.duty_or_provision, ps, args.ref).ref)
    w = words(ps, args)
    write(dumps(labelled(as_data(result), w.lang)) if args.format == "json" else render_who(w, result))
    return 0
