"""Cycles in implements, place parents and composite members are findings (E025–E028), found
without recursion, and the graph walks terminate even on a cyclic policy set built in memory."""

from __future__ import annotations

import itertools
import re
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import responsibility
from check_helpers import BASE, PARENT, RULES_DIR
from graph_support import fixture_set
from responsibility.cli.main import main
from responsibility.core.errors import PolicyError
from responsibility.graph.queries import chain, owes, trace
from responsibility.policy.cycles import Link, find_cycles
from responsibility.policy.policyset import PolicySet, SourceInfo

BASE_TEXT = (BASE / "fx-county.yaml").read_text("utf-8")


def _load_error(*paths: Path) -> PolicyError:
    with pytest.raises(PolicyError) as info:
        responsibility.load([PARENT, *paths], include_shipped=True)
    return info.value


def _county(tmp_path: Path, text: str) -> Path:
    d = tmp_path / "county"
    d.mkdir()
    (d / "fx-county.yaml").write_text(text, "utf-8")
    return d


@pytest.mark.parametrize(
    ("code", "where", "loop"),
    [
        ("E025", (7, 27), "fx-county → fx-town → fx-county"),
        ("E026", (62, 18), "fx-county/art_3/notice-board → fx-county/art_3/notice-board"),
        ("E027", (11, 58), "fx.county.north → fx.county.north-east → fx.county.north"),
        ("E028", (10, 110), "fx-county.leaders → fx-county.leaders"),
    ],
)
def test_each_cycle_is_one_positioned_diagnostic(code: str, where: tuple[int, int], loop: str) -> None:
    [d] = _load_error(RULES_DIR / code / "fail").diagnostics
    assert (d.code, (d.line, d.column)) == (code, where)
    assert d.file.endswith("fx-county.yaml") and d.message.endswith(loop) and d.hint


@pytest.mark.parametrize("code", ["E025", "E026", "E027", "E028"])
def test_validate_and_check_report_it_with_exit_1(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(RULES_DIR / code / "fail")
    assert main(["validate", folder, str(PARENT)]) == 1
    _, err = capsys.readouterr()
    assert re.search(rf"fx-county\.yaml:\d+:\d+: {code} ", err), err
    assert main(["check", folder, "--policies", str(PARENT), "--select", "C"]) == 1
    out, _ = capsys.readouterr()
    assert f" {code} " in out


def test_duties_implementing_each_other_across_regulations(tmp_path: Path) -> None:
    """The county's duty implements the province's; an edited province copy implements it back."""
    prov = tmp_path / "province"
    prov.mkdir()
    text = (PARENT / "fx-province.yaml").read_text("utf-8")
    edited = re.sub(
        r"(- id: project-pool\n)",
        r"\1    implements: [fx-county/art_1/project-pool]\n",
        text,
        count=1,
    )
    assert edited != text
    (prov / "fx-province.yaml").write_text(edited, "utf-8")
    county = _county(tmp_path, BASE_TEXT)
    with pytest.raises(PolicyError) as info:
        responsibility.load([prov, county])
    found = [d for d in info.value.diagnostics if d.code == "E026"]
    assert len(found) == 1
    assert "fx-county/art_1/project-pool → fx-province/art_2/project-pool → fx-county/" in found[0].message


def test_a_long_place_chain_loads_and_a_long_loop_is_one_finding(tmp_path: Path) -> None:
    """3,000 places deep: no recursion limit is reached, and closing the chain is one finding."""
    n = 3000
    rows = [f"- {{id: fx.p{k}, name: {{zh: 地{k}}}, level: township, parent: fx.p{k + 1}}}" for k in range(n)]
    rows.append(f"- {{id: fx.p{n}, name: {{zh: 地{n}}}, level: township, parent: fx.county}}")
    straight = BASE_TEXT.replace("provisions:\n", "places:\n" + "\n".join(rows) + "\nprovisions:\n", 1)
    ok = tmp_path / "ok"
    ok.mkdir()
    (ok / "fx-county.yaml").write_text(straight, "utf-8")
    responsibility.load([PARENT, ok])
    loop = tmp_path / "loop"
    loop.mkdir()
    (loop / "fx-county.yaml").write_text(straight.replace("parent: fx.county}", "parent: fx.p0}"), "utf-8")
    start = time.perf_counter()
    [d] = _load_error(loop).diagnostics
    assert d.code == "E027" and d.message.count("→") == n + 1
    assert time.perf_counter() - start < 20


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), max_size=30))
def test_find_cycles_reports_a_real_cycle_per_knot(edges: list[tuple[int, int]]) -> None:
    import networkx as nx

    src = SourceInfo("x.yaml")
    links = [Link(f"n{a}", f"n{b}", src, ("e", i)) for i, (a, b) in enumerate(edges)]
    cycles = find_cycles(links)
    g = nx.DiGraph([(f"n{a}", f"n{b}") for a, b in edges])
    knots = [c for c in nx.strongly_connected_components(g) if len(c) > 1 or g.has_edge(min(c), min(c))]
    assert len(cycles) == len(knots)
    for cycle in cycles:
        # consecutive links, closing on the first, the first leaving the smallest node of the loop
        assert all(a.target == b.source for a, b in itertools.pairwise(cycle))
        assert cycle[-1].target == cycle[0].source == min(k.source for k in cycle)
    assert (not cycles) == nx.is_directed_acyclic_graph(g)


def _cyclic_set() -> tuple[PolicySet, str, str, str]:
    """The graph fixtures with every hierarchy made cyclic in memory (the loader would refuse it)."""
    ps = fixture_set()
    regs = dict(ps.regulations)
    top = next(r for r in regs.values() if not r.implements)
    low = sorted(r.id for r in regs.values() if r.implements)[-1]
    regs[top.id] = top.model_copy(update={"implements": [low]})
    places = dict(ps.places)
    root = next(p for p in places.values() if p.parent is None)
    leaf = sorted(p.id for p in places.values() if p.parent is not None)[-1]
    places[root.id] = root.model_copy(update={"parent": leaf})
    actors = dict(ps.actors)
    comp = next(a for a in actors.values() if a.members)
    actors[comp.id] = comp.model_copy(update={"members": [*comp.members, comp.id]})
    entry = next(e for e in ps.duties() if e.duty.implements)
    parent = entry.duty.implements[0]
    p_reg, p_prov, p_duty = parent.split("/")
    data = regs[p_reg].model_dump(by_alias=True, exclude_none=True)

    def point_back(node: object) -> None:
        if isinstance(node, dict):
            if node.get("id") == p_prov:
                for d in node.get("duties", []):
                    if d["id"] == p_duty:
                        d["implements"], d["local_addition"] = [entry.ref], False
            for v in node.values():
                point_back(v)
        elif isinstance(node, list):
            for v in node:
                point_back(v)

    point_back(data)
    regs[p_reg] = type(regs[p_reg]).model_validate(data)
    cyclic = PolicySet(
        regs.values(), actors.values(), places.values(), ps.artefact_kinds.values(), ps.topics.values()
    )
    return cyclic, comp.id, entry.ref, parent


def test_trace_chain_owes_and_the_graph_terminate_on_a_cyclic_set() -> None:
    ps, composite, child, parent = _cyclic_set()
    assert child in ps.duty(parent).implements and parent in ps.duty(child).implements
    limit = sys.getrecursionlimit()
    start = time.perf_counter()
    for actor in [composite, *sorted(ps.actors)]:
        chain(ps, actor)
    owes(ps, composite)
    for ref in (child, parent):
        trace(ps, ref)
    responsibility.graph.build(ps)
    assert time.perf_counter() - start < 30
    assert sys.getrecursionlimit() == limit  # nothing raised the limit to get through
