"""Checks on the shape of the responsibility graph, for the checker to wrap as rules.

Each check returns :class:`~responsibility.core.errors.Finding` objects of its G rule, positioned at
a duty (located in its regulation's file, citing its article; the target is the duty id):

* ``G001`` cycles in reports-to: a body that, through reports-to, reports to itself;
* ``G002`` duties with no owner;
* ``G003`` actors that own duties but answer to no one (no reports-to, signs-with, approved-by,
  reviewed-by, assessed-by or supervised-by link from the actor or anything it answers through
  — its role type, the composites it is a member of, the bodies it is part of, transitively,
  :func:`~responsibility.semantics.accountability_closure` — nor a duty to assess, supervise,
  inspect, audit, manage or hold to account that targets one of them);
* ``G004`` implements links that point down a level (a provincial duty implementing a county's).

Given :class:`~responsibility.policy.names.Names`, a check words its messages for a reader in
that language (bodies, duties and levels by name: the checker's findings); without, it names
them by id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a graph is built: networkx costs ~0.4 s at start-up
    import networkx as nx

from responsibility.core.codes import G001, G002, G003, G004
from responsibility.core.errors import Finding, Rule
from responsibility.core.wording import plural
from responsibility.graph.network import (
    TARGET_RELATIONS,
    UPWARD_EDGES,
    EdgeType,
    NodeType,
    edges_of,
    graph_of,
    in_edges,
    node_id,
    split_node_id,
)
from responsibility.policy.labels import LEVEL_LABEL
from responsibility.policy.model import LEVEL_ORDER, CounterpartyRole, Level
from responsibility.policy.names import Names
from responsibility.policy.policyset import PolicySet
from responsibility.semantics import accountability_closure


def _finding(ps: PolicySet, rule: Rule, duty: str, reason: str, hint: str = "") -> Finding:
    e = ps.duty_entry(duty)
    return rule.finding(ps.locate(e.regulation.id, e.path, e.citation), reason, target=duty, hint=hint)


def reports_to_cycles(ps: PolicySet, names: Names | None = None) -> list[Finding]:
    """G001: cycles among actors through reports-to links."""
    import networkx as nx

    g = graph_of(ps)
    sub = nx.DiGraph()
    duties: dict[tuple[str, str], str] = {}
    for u, v, data in edges_of(g, CounterpartyRole.reports_to):
        a, b = split_node_id(u)[1], split_node_id(v)[1]
        sub.add_edge(a, b)
        duties.setdefault((a, b), data["duty"])
    out = []
    for cycle in sorted(sorted(c) for c in nx.simple_cycles(sub)):
        ring = _ordered_cycle(sub, cycle)
        pairs = list(zip(ring, [*ring[1:], ring[0]], strict=True))
        duty = min(duties[p] for p in pairs)
        via = [duties[p] for p in pairs]
        if names is None:
            message = f"reports-to cycle: {' → '.join([*ring, ring[0]])} (via {', '.join(via)})"
        else:
            # each body as the duty whose link leaves it names it (the first again at the end)
            named = [names.named_at(d, a) for a, d in zip(ring, via, strict=True)]
            text = " → ".join([*named, named[0]])
            by = names.list_of([names.named_ref(d) for d in via])
            message = names.pick(
                f"报告关系形成循环：{text}（见{by}）", f"reports-to cycle: {text} (via {by})"
            )
        out.append(_finding(ps, G001, duty, message))
    return out


def _ordered_cycle(g: nx.DiGraph, members: list[str]) -> list[str]:
    """The cycle's nodes in link order, starting from the smallest id (stable output)."""
    ring = [members[0]]
    allowed = set(members)
    while len(ring) < len(members):
        ring.append(min(v for v in g.successors(ring[-1]) if v in allowed and v not in ring))
    return ring


def unowned_duties(ps: PolicySet, names: Names | None = None) -> list[Finding]:
    """G002: duties no owns edge reaches (the schema requires an owner; a graph built otherwise may not)."""
    g = graph_of(ps)
    return [
        _finding(
            ps,
            G002,
            e.ref,
            names.pick("职责没有责任主体", "duty has no owner") if names else "duty has no owner",
        )
        for e in ps.all_duties()
        if not in_edges(g, node_id(NodeType.duty, e.ref), [EdgeType.owns])
    ]


def unaccountable_owners(ps: PolicySet, names: Names | None = None) -> list[Finding]:
    """G003: owners that answer to no one.

    Exempt: central bodies (the top of the chain), bodies at `all` levels (each level's own rule
    places them) and non-state actors (`society`), who are mobilised rather than held to account.
    """
    g = graph_of(ps)
    answers: set[str] = set()
    upward = {e.value for e in UPWARD_EDGES}
    for u, v, data in g.edges(data=True):
        if data["type"] in upward:
            answers.add(split_node_id(u)[1])
            if data["type"] == CounterpartyRole.signs_with.value:
                answers.add(split_node_id(v)[1])  # signing binds both sides
        elif data["type"] == CounterpartyRole.target.value:
            action = g.nodes[node_id(NodeType.duty, data["duty"])]["action"]
            if action in TARGET_RELATIONS:
                answers.add(split_node_id(v)[1])
    out = []
    for actor in sorted(ps.actors.values(), key=lambda a: a.id):
        owned = sorted(
            split_node_id(v)[1]
            for _, v, d in g.out_edges(node_id(NodeType.actor, actor.id), data=True)
            if d["type"] == EdgeType.owns.value
        )
        if not owned or actor.level in EXEMPT_LEVELS:
            continue
        if set(accountability_closure(ps, actor.id)) & answers:
            continue
        if names is None:
            message, hint = (
                f"actor '{actor.id}' owns {plural(len(owned), 'duty')}, but no text says to whom it answers",
                "",
            )
        else:
            # the body as the duty the finding stands at names it (省级领导), then the catalogue's
            # name and id where they differ (Names.as_named)
            who, n = names.named_at(owned[0], actor.id), names.count(len(owned), "duty")
            catalogue = names.actor(actor.id)
            message = names.pick(
                f"{who}承担 {n}，但所收录的文本均未写明其向谁负责（无报告、考核或监督关系）",
                f"{who} owns {n}, but no text in the library says to whom it answers",
            )
            # the id here is what the encoder writes in counterparties or part_of
            hint = names.pick(
                f"原文写明{catalogue}（{actor.id}）向谁报告、接受谁考核或监督的，在相应职责中写明；"
                "原文没有写明的，保留此项或写明理由予以豁免",
                f"encode the reporting, signing or assessment the text gives for {actor.id}; "
                "if it gives none, keep the finding or waive it with the reason",
            )
        out.append(_finding(ps, G003, owned[0], message, hint))
    return out


EXEMPT_LEVELS = frozenset({Level.central, Level.all, Level.society})


def downward_implements(ps: PolicySet, names: Names | None = None) -> list[Finding]:
    """G004: implements links from a duty (or regulation) to one at a lower level."""
    g = graph_of(ps)
    out = []
    for u, v, _ in edges_of(g, EdgeType.implements):
        kind, child = split_node_id(u)
        parent = split_node_id(v)[1]
        if kind == NodeType.duty:
            c_reg, p_reg = ps.duty_entry(child).regulation, ps.duty_entry(parent).regulation
            anchor = child
        else:
            c_reg, p_reg = ps.regulations[child], ps.regulations[parent]
            first = ps.duties(child)
            if not first:
                continue
            anchor = first[0].ref
        c_rank, p_rank = LEVEL_ORDER.get(c_reg.level), LEVEL_ORDER.get(p_reg.level)
        if c_rank is not None and p_rank is not None and p_rank > c_rank:
            out.append(
                _finding(
                    ps,
                    G004,
                    anchor,
                    _downward(names, kind == NodeType.duty, child, parent, (c_reg.level, p_reg.level)),
                )
            )
    return sorted(out)


def _downward(names: Names | None, duty: bool, child: str, parent: str, levels: tuple[Level, Level]) -> str:
    """G004's message: a duty (or a regulation) `child` at levels[0] implementing `parent` at levels[1]."""
    if names is None:
        what = f"duty {child}" if duty else f"regulation {child}"
        return f"{what} ({levels[0].value}) implements {parent} ({levels[1].value}), a lower level"
    lower, upper = (names.label(LEVEL_LABEL, lv) for lv in levels)
    if duty:
        this, that = names.named_ref(child), names.named_ref(parent)
    else:
        this, that = names.regulation(child), names.regulation(parent)
    return names.pick(
        f"{this}（{lower}）承接了更低层级的{that}（{upper}）",
        f"{this} ({lower}) implements {that} ({upper}), a lower level",
    )


CHECKS: dict[Rule, Callable[[PolicySet], list[Finding]]] = {
    G001: reports_to_cycles,
    G002: unowned_duties,
    G003: unaccountable_owners,
    G004: downward_implements,
}


def run_all(ps: PolicySet) -> list[Finding]:
    return sorted(f for check in CHECKS.values() for f in check(ps))


__all__ = [
    "CHECKS",
    "downward_implements",
    "reports_to_cycles",
    "run_all",
    "unaccountable_owners",
    "unowned_duties",
]
