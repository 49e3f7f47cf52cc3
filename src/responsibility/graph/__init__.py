"""Layer 3: the policy set as a typed networkx graph and the questions asked of it.

`network` builds the graph; `queries` answers who/owes/chain/trace/compare; `checks` holds the
graph checks (G rules); `export` and `responsibility_list` turn it into tables. The names below
are `network`'s, so `responsibility.graph.build(ps)` keeps working.
"""

from responsibility.graph.network import (
    COUNTERPARTY_EDGES,
    EDGE_TYPES,
    TARGET_RELATIONS,
    UPWARD_EDGES,
    AnyEdge,
    EdgeType,
    NodeType,
    PartOf,
    build,
    concrete_actors,
    edges_of,
    from_node_link,
    graph_of,
    graphml,
    in_edges,
    level_rank,
    lookup_actor,
    node_id,
    node_link_json,
    out_edges,
    owners_of,
    split_node_id,
    to_node_link,
)

__all__ = [
    "COUNTERPARTY_EDGES",
    "EDGE_TYPES",
    "TARGET_RELATIONS",
    "UPWARD_EDGES",
    "AnyEdge",
    "EdgeType",
    "NodeType",
    "PartOf",
    "build",
    "concrete_actors",
    "edges_of",
    "from_node_link",
    "graph_of",
    "graphml",
    "in_edges",
    "level_rank",
    "lookup_actor",
    "node_id",
    "node_link_json",
    "out_edges",
    "owners_of",
    "split_node_id",
    "to_node_link",
]
