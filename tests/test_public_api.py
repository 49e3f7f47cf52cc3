"""The public API the README and docs name survives the move into subpackages.

`responsibility.load`, `PolicySet`, `responsibility.graph.build`, `computable.evaluate` are
unchanged; `responsibility.queries` still works but warns that it moved.
"""

from __future__ import annotations

import importlib
import sys
import warnings

import responsibility
from responsibility.computable import engine
from responsibility.graph import network
from responsibility.graph import queries as graph_queries


def test_top_level_names_are_the_policy_layers() -> None:
    from responsibility.policy import loader, policyset

    assert responsibility.load is loader.load
    assert responsibility.PolicySet is policyset.PolicySet


def test_graph_and_computable_packages_keep_their_entry_points() -> None:
    import responsibility.computable
    import responsibility.graph

    assert responsibility.graph.build is network.build
    assert responsibility.computable.evaluate is engine.evaluate


def test_the_old_queries_module_warns_and_gives_the_same_functions() -> None:
    sys.modules.pop("responsibility.queries", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = importlib.import_module("responsibility.queries")
    assert any(
        issubclass(w.category, DeprecationWarning) and "responsibility.graph.queries" in str(w.message)
        for w in caught
    )
    for name in graph_queries.__all__:
        assert getattr(old, name) is getattr(graph_queries, name), name
    assert {"who", "owes", "chain", "trace"} <= set(graph_queries.__all__)


def test_the_readme_example_runs_from_the_new_path() -> None:
    ps = responsibility.load()
    rows = graph_queries.owes(ps, "county.party-committee")
    assert rows, "the shipped policies give the county Party committee duties"
