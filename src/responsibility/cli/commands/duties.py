"""List duties of a regulation, optionally of one provision or one owning actor."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import QUESTION, load_from, resolve, resolve_optional, write
from responsibility.cli.commands._names import labelled, words
from responsibility.core.table import render
from responsibility.graph.export import dumps, duty_record
from responsibility.graph.queries import duty_ref_of
from responsibility.policy import lookup
from responsibility.policy.labels import FREQUENCY_LABEL, MODALITY_LABEL

PARENTS = QUESTION


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--regulation", required=True, metavar="ID", help="an id or name: central, 武邑")
    p.add_argument("--provision", metavar="ID", help="an id or the label as printed: art_9, 第九条, 一(一)3")
    p.add_argument("--actor", metavar="ID", help="an id or name: county.government, 武邑县人民政府")


def run(args: argparse.Namespace) -> int:
    ps = load_from(args)
    reg = resolve("--regulation", lookup.regulation_id, ps, args.regulation)
    prov = None
    if args.provision is not None:
        prov = resolve("--provision", lambda p, t: lookup.provision_id(p, reg, t), ps, args.provision)
    actor = resolve_optional("--actor", lookup.actor_id, ps, args.actor)
    entries = ps.duties(reg, prov, actor)
    w = words(ps, args)
    if args.format == "json":
        records = [duty_record(ps, e.regulation, e.provision, e.duty) for e in entries]
        for record, e in zip(records, entries, strict=True):
            record["article"] = duty_ref_of(e).article  # as printed: 第九条, 一(一)1
            record["regulation"], record["regulation_label"] = e.regulation.id, w.regulation(e.regulation.id)
        write(dumps(labelled(records, w.lang)))
        return 0
    rows = []
    for e in entries:
        d = duty_ref_of(e)
        rows.append(
            [
                w.cite(d),
                w.owners(e.duty.owners),
                w.label(MODALITY_LABEL, e.duty.modality),
                w.label(FREQUENCY_LABEL, e.duty.frequency),
                w.summary(d),
            ]
        )
    write(render(w.headers("article", "owners", "modality", "frequency", "duty"), rows))
    return 0
