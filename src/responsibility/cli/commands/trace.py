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

from responsibility.cli.commands._common import QUESTION, load_from, resolve, write
from responsibility.cli.commands._names import Words, labelled, words
from responsibility.core.table import render
from responsibility.graph.export import dumps
from responsibility.graph.queries import (
    RegulationTrace,
    Trace,
    TraceStatus,
    as_data,
    cited_provisions,
    trace,
    walk_tree,
)
from responsibility.policy import lookup
from responsibility.policy.labels import LEVEL_LABEL, STATUS_LABEL
from responsibility.policy.model import LEVEL_ORDER
from responsibility.semantics import duty_levels

PARENTS = QUESTION


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "duty",
        metavar="DUTY_OR_PROVISION",
        help="e.g. central/art_9/annual-report, central/第九条/每年报告…, or a provision: central/第九条",
    )


def render_trace(w: Words, result: Trace) -> str:
    d = result.duty
    out = [f"{w.cite(d)} {w.summary(d)}\n"]
    for depth, n in walk_tree(result.tree):
        level = w.label(LEVEL_LABEL, n.level)
        out.append(f"{'  ' * depth}└ {w.cite(n.duty)} {w.summary(n.duty)} [{level}]\n")
    rows = [
        [
            w.regulation(r.regulation),
            w.label(LEVEL_LABEL, r.level),
            w.label(STATUS_LABEL, r.status),
            w.list_of(list(cited_provisions(w.ps, r.duties))) or _reason(w, result, r),
        ]
        for r in result.regulations
    ]
    if rows:
        out.append("\n" + render(w.headers("regulation", "level", "status", "duties / reason"), rows))
    elif not result.tree:
        out.append(_nothing_implements(w, result))
    return "".join(out)


def _nothing_implements(w: Words, result: Trace) -> str:
    """A trace with no implementing duty and no regulation to judge (a duty of a regulation that
    no loaded regulation implements: 麻江's practice, 武邑's county rule) says so, rather than
    ending at the duty's own line as if something had been left out of the answer."""
    reg = w.regulation(result.duty.regulation)
    return w.pick(
        f"  没有落实此项职责的规定：已载入的规定中，没有实施{reg}的规定\n",
        f"  nothing implements this: no loaded regulation implements {reg}\n",
    )


def _reason(w: Words, result: Trace, r: RegulationTrace) -> str:
    """Why a regulation has no duty for it. A reason the encoder wrote (not_implemented) is shown
    as written; in Chinese the others name the levels of the duty's owners, from which the status
    follows (semantics.parent_status), as the English sentence does."""
    if w.lang == "en" or r.status == TraceStatus.not_implemented:
        return r.reason or ""
    levels = duty_levels(w.ps, w.ps.duty(result.duty.id))
    named = "/".join(
        w.label(LEVEL_LABEL, lv) for lv in sorted(levels, key=lambda lv: LEVEL_ORDER.get(lv, 99))
    )
    return f"责任主体层级：{named}（本规定为{w.label(LEVEL_LABEL, w.ps.regulations[r.regulation].level)}）"


def run(args: argparse.Namespace) -> int:
    ps = load_from(args)
    w = words(ps, args)
    found = resolve("DUTY_OR_PROVISION", lookup.duty_or_provision, ps, args.duty)
    if found.kind == "duty":
        result = trace(ps, found.ref)
        write(dumps(labelled(as_data(result), w.lang)) if args.format == "json" else render_trace(w, result))
        return 0
    reg, prov = found.ref.split("/")
    results = [trace(ps, e.ref) for e in ps.duties(reg, prov)]
    if args.format == "json":
        write(dumps(labelled([as_data(r) for r in results], w.lang)))
    elif not results:
        entry = ps.provision_entry(found.ref)
        cite = f"{w.regulation(reg)} {entry.citation}"
        reason = entry.provision.no_duty_reason or "-"
        write(f"{cite}：无职责 ({reason})\n" if w.lang == "zh" else f"{cite}: no duties ({reason})\n")
    else:
        write("\n".join(render_trace(w, r) for r in results))
    return 0
