"""The responsibility graph: a policy set as a typed networkx ``MultiDiGraph``.

Every node has a ``type`` (:class:`NodeType`) and a stable string id ``TYPE:KEY``
(``regulation:central``, ``duty:central/art_9/annual-report``, ``actor:county.government``).
Every edge has a ``type`` (:class:`EdgeType`) and a deterministic key, so the graph of the same
policy set is the same graph, and its exports are byte-identical. Attribute values are strings,
integers or booleans only (never None or lists), so GraphML and node-link JSON both carry them.

Edge directions read as sentences: *actor* owns *duty*; *duty* grounded-in *provision*;
*provision* part-of *regulation*; *duty* implements *duty*; *actor* reports-to *actor*.
``docs/graph.md`` documents every type with a diagram.
"""

from __future__ import annotations

import io
import json
import warnings
import weakref
from collections.abc import Iterable, Iterator
from enum import EnumType, StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where a graph is built: networkx costs ~0.4 s at start-up
    import networkx as nx

from responsibility.policy.model import (
    LEVEL_ORDER,
    UPWARD_ROLES,
    Action,
    Actor,
    ActorKind,
    CounterpartyRole,
    Level,
    Regulation,
    Text,
)
from responsibility.policy.policyset import PolicySet
from responsibility.semantics import is_inherited, place_at_level, place_chain, role_closure, within


class NodeType(StrEnum):
    regulation = "regulation"
    provision = "provision"
    duty = "duty"
    actor = "actor"
    place = "place"
    artefact = "artefact"
    topic = "topic"


class _EdgeTypeMeta(EnumType):
    """Reads a counterparty relation through :class:`EdgeType` (``EdgeType.reports_to``) as the
    :class:`CounterpartyRole` it now is, with a warning: the relations were once copied into it."""

    def __getattr__(cls, name: str) -> Any:
        role = CounterpartyRole.__members__.get(name)
        if role is None:
            raise AttributeError(name)
        warnings.warn(
            f"EdgeType.{name} is CounterpartyRole.{name}: counterparty edges are typed by the role",
            DeprecationWarning,
            stacklevel=2,
        )
        return role


class EdgeType(StrEnum, metaclass=_EdgeTypeMeta):
    """The structural edge types. A counterparty edge (owner → counterparty of a duty) has its
    :class:`CounterpartyRole` as its type: the model's relations are the graph's, not a copy."""

    owns = "owns"  # actor → duty, with `responsibility`
    grounded_in = "grounded-in"  # duty → provision
    implements = "implements"  # duty → parent duty; regulation → parent regulation
    part_of = "part-of"  # provision → regulation; actor → actor; place → parent place
    instance_of = "instance-of"  # concrete actor → the role type it fills
    located_in = "located-in"  # concrete actor → place
    issued_by = "issued-by"  # regulation → issuing actor
    governs = "governs"  # regulation → its jurisdiction (place)
    produces = "produces"  # duty → artefact kind
    about = "about"  # duty → topic


# Any edge's type: a structural one or a counterparty relation.
AnyEdge = EdgeType | CounterpartyRole
# Every edge type there is, structural first.
EDGE_TYPES: tuple[AnyEdge, ...] = (*EdgeType, *CounterpartyRole)
# Counterparty edges run from the owner actor to the counterparty actor of a duty.
COUNTERPARTY_EDGES: frozenset[CounterpartyRole] = frozenset(CounterpartyRole)
# The relations that carry accountability upwards (the six of model.UPWARD_ROLES).
UPWARD_EDGES: frozenset[CounterpartyRole] = frozenset(UPWARD_ROLES)


# A duty to assess, supervise, inspect, audit, manage or hold to account a target puts the target
# under the owner.
TARGET_RELATIONS: dict[str, CounterpartyRole] = {
    Action.assess.value: CounterpartyRole.assessed_by,
    Action.supervise.value: CounterpartyRole.supervised_by,
    Action.inspect.value: CounterpartyRole.supervised_by,
    Action.audit.value: CounterpartyRole.supervised_by,
    # 管理 of a body or person (对…第一书记的管理) and 问责/约谈/召回 place the target under the owner.
    Action.manage.value: CounterpartyRole.supervised_by,
    Action.hold_accountable.value: CounterpartyRole.supervised_by,
}


class PartOf(StrEnum):
    """Why an actor is part of another: the `via` attribute of an actor → actor part-of edge."""

    member = "member"  # a member of a composite owner (县委 in 县级党委和政府)
    body = "body"  # the body it belongs to (`part_of`: an office of its leading group)


def node_id(kind: NodeType, key: str) -> str:
    return f"{kind.value}:{key}"


def split_node_id(nid: str) -> tuple[NodeType, str]:
    kind, _, key = nid.partition(":")
    return NodeType(kind), key


def _text_attrs(zh: str, en: str | None) -> dict[str, str]:
    return {"label": zh, "en": en} if en else {"label": zh}


def _named_node(g: nx.MultiDiGraph, node: NodeType, key: str, name: Text, **attrs: str) -> None:
    """A node of a catalogue entry: its type, its own attributes, then its name (the attribute
    order is the exports' column order)."""
    g.add_node(node_id(node, key), type=node.value, **attrs, **_text_attrs(name.zh, name.en))


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """Drop None values: GraphML cannot carry them and absent means unknown."""
    return {k: v for k, v in attrs.items() if v is not None}


def build(ps: PolicySet) -> nx.MultiDiGraph:
    """The graph of a policy set; nodes and edges are added in a sorted, stable order."""
    import networkx as nx

    g = nx.MultiDiGraph()
    _add_places(g, ps)
    _add_actors(g, ps)
    for a in ps.artefact_kinds.values():
        _named_node(g, NodeType.artefact, a.id, a.name)
    for t in ps.topics.values():
        _named_node(g, NodeType.topic, t.id, t.name)
    for reg in ps.regulations.values():
        _add_regulation(g, reg)
    for entry in ps.provisions():
        reg, prov = entry.regulation, entry.provision
        pid = node_id(NodeType.provision, entry.ref)
        g.add_node(
            pid,
            **_clean(
                {
                    "type": NodeType.provision.value,
                    "regulation": reg.id,
                    "label": prov.label or prov.id,
                    "division": entry.division.id if entry.division else None,
                }
            ),
        )
        _edge(g, pid, node_id(NodeType.regulation, reg.id), EdgeType.part_of)
    for d in ps.all_duties():
        _add_duty(g, ps, d.ref, d.regulation, d.provision.id)
    return g


def _edge(g: nx.MultiDiGraph, u: str, v: str, kind: AnyEdge, key: str = "", **attrs: Any) -> None:
    g.add_edge(u, v, key=f"{kind.value}:{key}" if key else kind.value, type=kind.value, **_clean(attrs))


def _add_places(g: nx.MultiDiGraph, ps: PolicySet) -> None:
    for p in ps.places.values():
        _named_node(g, NodeType.place, p.id, p.name, level=p.level.value)
    for p in ps.places.values():
        if p.parent is not None:
            _edge(g, node_id(NodeType.place, p.id), node_id(NodeType.place, p.parent), EdgeType.part_of)


def _add_actors(g: nx.MultiDiGraph, ps: PolicySet) -> None:
    for a in ps.actors.values():
        _named_node(g, NodeType.actor, a.id, a.name, kind=a.kind.value, level=a.level.value)
    for a in ps.actors.values():
        aid = node_id(NodeType.actor, a.id)
        for m in a.members:
            _edge(g, node_id(NodeType.actor, m), aid, EdgeType.part_of, a.id, via=PartOf.member.value)
        if a.part_of is not None:
            _edge(
                g, aid, node_id(NodeType.actor, a.part_of), EdgeType.part_of, a.part_of, via=PartOf.body.value
            )
        if a.role is not None:
            _edge(g, aid, node_id(NodeType.actor, a.role), EdgeType.instance_of)
        if a.place is not None:
            _edge(g, aid, node_id(NodeType.place, a.place), EdgeType.located_in)


def _add_regulation(g: nx.MultiDiGraph, reg: Regulation) -> None:
    rid = node_id(NodeType.regulation, reg.id)
    g.add_node(
        rid,
        **_clean(
            {
                "type": NodeType.regulation.value,
                "level": reg.level.value,
                "status": reg.status.value,
                "jurisdiction": reg.jurisdiction,
                "document_number": reg.document_number,
                **_text_attrs(reg.title.zh, reg.title.en),
            }
        ),
    )
    for parent in reg.implements:
        _edge(g, rid, node_id(NodeType.regulation, parent), EdgeType.implements)
    for issuer in reg.issuers:
        _edge(g, rid, node_id(NodeType.actor, issuer), EdgeType.issued_by, issuer)
    _edge(g, rid, node_id(NodeType.place, reg.jurisdiction), EdgeType.governs)


def _add_duty(g: nx.MultiDiGraph, ps: PolicySet, ref: str, reg: Regulation, provision: str) -> None:
    duty = ps.duty(ref)
    did = node_id(NodeType.duty, ref)
    g.add_node(
        did,
        **_clean(
            {
                "type": NodeType.duty.value,
                "regulation": reg.id,
                "provision": provision,
                "action": duty.action.value,
                "modality": duty.modality.value,
                "frequency": duty.frequency.value if duty.frequency else None,
                "local_addition": duty.local_addition,
                **_text_attrs(duty.summary.zh, duty.summary.en),
            }
        ),
    )
    _edge(g, did, node_id(NodeType.provision, f"{reg.id}/{provision}"), EdgeType.grounded_in)
    for o in duty.owners:
        _edge(g, node_id(NodeType.actor, o.actor), did, EdgeType.owns, responsibility=o.responsibility.value)
    for c in duty.counterparties:
        kind = c.role
        for o in duty.owners:
            _edge(
                g,
                node_id(NodeType.actor, o.actor),
                node_id(NodeType.actor, c.actor),
                kind,
                ref,
                duty=ref,
                regulation=reg.id,
            )
    for parent in duty.implements:
        _edge(g, did, node_id(NodeType.duty, parent), EdgeType.implements)
    for a in duty.artefacts:
        _edge(g, did, node_id(NodeType.artefact, a), EdgeType.produces)
    for t in duty.topics:
        _edge(g, did, node_id(NodeType.topic, t), EdgeType.about)


# -- cached access -----------------------------------------------------------------------------

_CACHE: weakref.WeakKeyDictionary[PolicySet, nx.MultiDiGraph] = weakref.WeakKeyDictionary()


def graph_of(ps: PolicySet) -> nx.MultiDiGraph:
    """The graph of `ps`, built once per policy set (queries share it)."""
    g = _CACHE.get(ps)
    if g is None:
        g = _CACHE[ps] = build(ps)
    return g


def edges_of(g: nx.MultiDiGraph, kind: AnyEdge) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for u, v, data in g.edges(data=True):
        if data["type"] == kind.value:
            yield u, v, data


def out_edges(g: nx.MultiDiGraph, nid: str, kinds: Iterable[AnyEdge]) -> list[tuple[str, dict[str, Any]]]:
    wanted = {k.value for k in kinds}
    return [(v, d) for _, v, d in g.out_edges(nid, data=True) if d["type"] in wanted]


def in_edges(g: nx.MultiDiGraph, nid: str, kinds: Iterable[AnyEdge]) -> list[tuple[str, dict[str, Any]]]:
    wanted = {k.value for k in kinds}
    return [(u, d) for u, _, d in g.in_edges(nid, data=True) if d["type"] in wanted]


def owners_of(g: nx.MultiDiGraph, duty_ref: str) -> dict[str, str]:
    """Actor id → kind of responsibility, read from the owns edges into a duty."""
    return {
        split_node_id(u)[1]: d["responsibility"]
        for u, d in in_edges(g, node_id(NodeType.duty, duty_ref), [EdgeType.owns])
    }


# -- exports -----------------------------------------------------------------------------------


def to_node_link(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link data (for Cytoscape, d3), nodes and edges sorted so the output is stable."""
    import networkx as nx

    data: dict[str, Any] = nx.node_link_data(g, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["target"], e["key"]))
    return data


def from_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    import networkx as nx

    g: nx.MultiDiGraph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    return g


def node_link_json(g: nx.MultiDiGraph) -> str:
    return json.dumps(to_node_link(g), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def graphml(g: nx.MultiDiGraph) -> str:
    """GraphML (for Gephi, yEd). Nodes and edges are written in sorted order."""
    import networkx as nx

    ordered = nx.MultiDiGraph()
    ordered.add_nodes_from(sorted(g.nodes(data=True)))
    # GraphML wants document-unique edge ids; multigraph keys are only unique per node pair.
    for i, (u, v, _, data) in enumerate(sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])):
        ordered.add_edge(u, v, key=f"e{i}", **data)
    buf = io.BytesIO()
    nx.write_graphml(ordered, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")


# -- place and actor hierarchy -----------------------------------------------------------------
# Containment and role matching are answered in semantics.py; the graph re-exports them for
# callers that imported them from here.


def concrete_actors(ps: PolicySet) -> list[Actor]:
    return [a for a in ps.actors.values() if a.kind == ActorKind.concrete]


def level_rank(level: Level) -> int | None:
    return LEVEL_ORDER.get(level)


def lookup_actor(ps: PolicySet, actor: str) -> Actor:
    """An actor by id or name (武邑县人民政府): responsibility.policy.lookup, through PolicySet.actor."""
    return ps.actor(actor)


__all__ = [
    "COUNTERPARTY_EDGES",
    "EDGE_TYPES",
    "UPWARD_EDGES",
    "AnyEdge",
    "EdgeType",
    "NodeType",
    "PartOf",
    "build",
    "from_node_link",
    "graph_of",
    "graphml",
    "is_inherited",
    "node_id",
    "node_link_json",
    "owners_of",
    "place_at_level",
    "place_chain",
    "role_closure",
    "split_node_id",
    "to_node_link",
    "within",
]
