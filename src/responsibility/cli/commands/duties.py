"""List duties of a regulation, optionally of one provision or one owning actor."""

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
from responsibility.graph.export import dumps, duty_record
from responsibility.policy import lookup

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES, TABLE, LANG)


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
    if args.format == "json":
        write(dumps([duty_record(ps, e.regulation, e.provision, e.duty) for e in entries]))
        return 0
    rows = [
        [
            e.ref,
            e.citation,
            "、".join(o.zh or ps.actors[o.actor].name.zh for o in e.duty.owners),
            e.duty.modality.value,
            e.duty.frequency.value if e.duty.frequency else "-",
            e.duty.summary.en or e.duty.summary.zh,
        ]
        for e in entries
    ]
    write(render(["duty", "article", "owners", "modality", "frequency", "summary"], rows))
    return 0
