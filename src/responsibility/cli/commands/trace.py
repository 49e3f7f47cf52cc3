"""How one duty is carried out in each implementing regulation: the implementation tree (local
duties that implement it, and those that implement them), and for every regulation that
implements the duty's regulation its status: implemented, not-implemented (declined in
`not_implemented`, with the reason), missing (addressed to its level, yet neither carried out nor
declined), not-addressed (every owner sits above the regulation's level) or not-assessed (未收录:
the regulation is an excerpt and the received provisions do not carry it out). Each status comes
with its reason; C001 and the site give the same statuses (docs/semantics.md).

Given a provision (central/art_19, central/第十九条) it traces each of the provision's duties in
turn; `--format json` then prints a list of traces, one per duty."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import LANG, POLICIES, TABLE, load_from, resolve, write
from responsibility.cli.commands._names import cite, regulation_name
from responsibility.core.table import render
from responsibility.graph.export import dumps
from responsibility.graph.queries import Trace, as_data, trace, walk_tree
from responsibility.policy import lookup
from responsibility.policy.labels import STATUS_LABEL
from responsibility.policy.policyset import PolicySet

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES, TABLE, LANG)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "duty",
        metavar="DUTY_OR_PROVISION",
        help="e.g. central/art_9/annual-report, central/第九条/每年报告…, or a provision: central/第九条",
    )


def render_trace(ps: PolicySet, result: Trace) -> str:
    d = result.duty
    out = [f"{cite(ps, d)} {d.zh} ({d.id})\n"]
    for depth, n in walk_tree(result.tree):
        out.append(f"{'  ' * depth}└ {cite(ps, n.duty)} {n.duty.zh} [{n.level}] ({n.duty.id})\n")
    rows = [
        [
            f"{regulation_name(ps, r.regulation)} ({r.regulation})",
            r.level,
            f"{r.status.value} {STATUS_LABEL[r.status][0]}".rstrip(),
            ", ".join(_article(ps, x) for x in r.duties) or (r.reason or ""),
        ]
        for r in result.regulations
    ]
    out.append("\n" + render(["regulation", "level", "status", "duties / reason"], rows) if rows else "")
    return "".join(out)


def _article(ps: PolicySet, ref: str) -> str:
    """A duty id with its article as printed: 第三十四条 shanxi/art_34/project-pool."""
    entry = ps.duty_entry(ref)
    return f"{entry.citation or entry.provision.label or entry.provision.id} {ref}"


def run(args: argparse.Namespace) -> int:
    ps = load_from(args)
    found = resolve("DUTY_OR_PROVISION", lookup.duty_or_provision, ps, args.duty)
    if found.kind == "duty":
        result = trace(ps, found.ref)
        write(dumps(as_data(result)) if args.format == "json" else render_trace(ps, result))
        return 0
    reg, prov = found.ref.split("/")
    results = [trace(ps, e.ref) for e in ps.duties(reg, prov)]
    if args.format == "json":
        write(dumps([as_data(r) for r in results]))
    elif not results:
        entry = ps.provision_entry(found.ref)
        write(f"{found.ref} {entry.citation}: no duties ({entry.provision.no_duty_reason or '-'})\n")
    else:
        write("\n".join(render_trace(ps, r) for r in results))
    return 0
