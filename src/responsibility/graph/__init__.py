"""Layer 3: the policy set as a typed networkx graph and the questions asked of it.

`network` builds the graph; `queries` answers who/owes/chain/trace/compare; `checks` holds the
graph checks (G rules); `export` and `responsibility_list` turn it into tables. The names below
are `network`'s, so `responsibility.graph.build(ps)` keeps working.
"""

from responsibility.graph import network
from responsibility.graph.network import *  # noqa: F403  (the names are network's __all__, listed once there)

__all__ = network.__all__
