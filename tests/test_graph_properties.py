"""Invariants of the graph and queries over generated policy sets (hypothesis)."""

from __future__ import annotations

import json

import networkx as nx
from hypothesis import HealthCheck, given, settings

from graph_support import policy_sets
from responsibility.graph.network import (
    EdgeType,
    NodeType,
    build,
    from_node_link,
    node_id,
    node_link_json,
    owners_of,
)
from responsibility.graph.queries import owes, trace, walk_tree, who
from responsibility.policy.policyset import PolicySet

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(policy_sets())
def test_a_duty_s_owners_are_exactly_the_actors_with_an_owns_edge(ps: PolicySet) -> None:
    g = build(ps)
    for e in ps.all_duties():
        owns = {
            u.split(":", 1)[1]
            for u, _, d in g.in_edges(node_id(NodeType.duty, e.ref), data=True)
            if d["type"] == EdgeType.owns.value
        }
        assert owns == {o.actor for o in e.duty.owners}
        assert set(owners_of(g, e.ref)) == owns
        assert {o.actor.id for o in who(ps, e.ref).duties[0].owners} == owns


@SETTINGS
@given(policy_sets())
def test_every_duty_in_a_trace_reaches_the_traced_duty_through_implements(ps: PolicySet) -> None:
    g = build(ps)
    implements = nx.DiGraph(
        (u, v)
        for u, v, d in g.edges(data=True)
        if d["type"] == EdgeType.implements.value and u.startswith("duty:")
    )
    for e in ps.duties("reg-0"):
        root = node_id(NodeType.duty, e.ref)
        result = trace(ps, e.ref)
        for _, node in walk_tree(result.tree):
            assert nx.has_path(implements, node_id(NodeType.duty, node.duty.id), root)
        # and every duty with an implements path to the root is in the tree
        reached = {n.duty.id for _, n in walk_tree(result.tree)}
        if root in implements:
            assert reached == {a.split(":", 1)[1] for a in nx.ancestors(implements, root)}
        else:
            assert reached == set()


@SETTINGS
@given(policy_sets())
def test_the_graph_round_trips_through_node_link_json(ps: PolicySet) -> None:
    g = build(ps)
    back = from_node_link(json.loads(node_link_json(g)))
    assert sorted(back.nodes(data=True)) == sorted(g.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=repr) == sorted(
        g.edges(keys=True, data=True), key=repr
    )
    assert node_link_json(back) == node_link_json(g)


@SETTINGS
@given(policy_sets())
def test_a_member_of_a_composite_owes_the_composite_s_duties(ps: PolicySet) -> None:
    owed = {o.duty.id for grp in owes(ps, "county.body-0").groups for o in grp.duties}
    expected = {
        e.ref for e in ps.all_duties() if {"county.body-0", "county.joint"} & {o.actor for o in e.duty.owners}
    }
    assert owed == expected
