"""The loader's own cycle search (policy/cycles.py) finds networkx's knots on any graph: its strongly
connected components of more than one node, or of one node linked to itself."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from responsibility.policy.cycles import Link, knots
from responsibility.policy.policyset import SourceInfo

SRC = SourceInfo("f.yaml", {(): (1, 1)})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 24), st.integers(0, 24)), max_size=80))
def test_components_are_networkx_components(edges: list[tuple[int, int]]) -> None:
    out: dict[str, list[Link]] = {}
    g: nx.DiGraph = nx.DiGraph()
    for a, b in edges:
        out.setdefault(str(a), []).append(Link(str(a), str(b), SRC, ()))
        out.setdefault(str(b), [])
        g.add_edge(str(a), str(b))
    ours = sorted(sorted(c) for c in knots(out))
    theirs = sorted(
        sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1 or g.has_edge(min(c), min(c))
    )
    assert ours == theirs


def test_a_long_chain_needs_no_recursion() -> None:
    n = 50_000
    out = {str(i): [Link(str(i), str(i + 1), SRC, ())] for i in range(n)}
    out[str(n)] = [Link(str(n), "0", SRC, ())]  # closed into one loop
    (comp,) = knots(out)
    assert len(comp) == n + 1
