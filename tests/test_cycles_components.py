"""The loader's own strongly connected components (policy/cycles.py) are networkx's, on any graph."""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from responsibility.policy.cycles import Link, strongly_connected
from responsibility.policy.policyset import SourceInfo

SRC = SourceInfo("f.yaml", {(): (1, 1)})


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=60))
def test_components_are_networkx_components(edges: list[tuple[int, int]]) -> None:
    out: dict[str, list[Link]] = {}
    g: nx.DiGraph = nx.DiGraph()
    for a, b in edges:
        out.setdefault(str(a), []).append(Link(str(a), str(b), SRC, ()))
        out.setdefault(str(b), [])
        g.add_edge(str(a), str(b))
    ours = sorted(sorted(c) for c in strongly_connected(out))
    theirs = sorted(sorted(c) for c in nx.strongly_connected_components(g))
    assert ours == theirs


def test_a_long_chain_needs_no_recursion() -> None:
    n = 50_000
    out = {str(i): [Link(str(i), str(i + 1), SRC, ())] for i in range(n)}
    out[str(n)] = [Link(str(n), "0", SRC, ())]  # closed into one loop
    (comp,) = strongly_connected(out)
    assert len(comp) == n + 1
