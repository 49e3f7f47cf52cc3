"""Counterparty edges are typed by the model's own CounterpartyRole: no copy of its members."""

from __future__ import annotations

import warnings

import pytest

from graph_support import fixture_set
from responsibility.graph.network import EDGE_TYPES, EdgeType, build
from responsibility.policy.model import CounterpartyRole


def test_edge_types_are_structural_and_the_roles() -> None:
    assert not {t.value for t in EdgeType} & {r.value for r in CounterpartyRole}
    assert set(EDGE_TYPES) == {*EdgeType, *CounterpartyRole}


def test_counterparty_edges_carry_the_role() -> None:
    g = build(fixture_set())
    roles = {d["type"] for _, _, d in g.edges(data=True)} - {t.value for t in EdgeType}
    assert roles and roles <= {r.value for r in CounterpartyRole}


def test_old_spelling_still_reads_with_a_warning() -> None:
    with pytest.warns(DeprecationWarning, match="CounterpartyRole.reports_to"):
        assert EdgeType.reports_to is CounterpartyRole.reports_to  # type: ignore[attr-defined]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(AttributeError):
            EdgeType.no_such_edge  # type: ignore[attr-defined]  # noqa: B018
