"""The line of accountability of a body: upward to the top (reports to, signs with, assessed by,
supervised by) and downward (who reports to it or signs with it). For a concrete body, role types
are placed by the place hierarchy (a township's county is the county above it). Links a
regulation states are `stated`; links taken from a parent regulation or applied through a role
type are `inherited`."""

from __future__ import annotations

import argparse

from responsibility.cli.commands._common import (
    LANG,
    POLICIES,
    TABLE,
    load_from,
    resolve,
    resolve_optional,
    write,
)
from responsibility.core.table import render
from responsibility.graph.export import dumps
from responsibility.graph.queries import Chain, Link, as_data, chain
from responsibility.policy import lookup
from responsibility.policy.policyset import PolicySet

PARENTS: tuple[argparse.ArgumentParser, ...] = (POLICIES, TABLE, LANG)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("actor", metavar="ACTOR", help="an id or name: county.government, 武邑县人民政府")
    p.add_argument(
        "--regulation", metavar="ID", help="links this regulation states or inherits (an id or name)"
    )


def _name(ps: PolicySet, actor: str, place: str | None, ambiguous: set[str]) -> str:
    a = ps.actors[actor]
    # Two bodies with one name (a fixture's 武邑县委 beside the shipped one) would print as one.
    name = f"{a.name.zh} ({a.id})" if a.name.zh in ambiguous else a.name.zh
    if place is None or a.place == place:
        return name
    return f"{name} @{ps.places[place].name.zh}"


def _rows(ps: PolicySet, links: tuple[Link, ...]) -> list[list[str]]:
    """One row per distinct link as shown: links that differ only in the way they were reached
    (`via`) print once."""
    ids_by_name: dict[str, set[str]] = {}
    for k in links:
        for actor in (k.lower, k.upper):
            ids_by_name.setdefault(ps.actors[actor].name.zh, set()).add(actor)
    ambiguous = {name for name, ids in ids_by_name.items() if len(ids) > 1}
    rows = [
        [
            str(k.depth),
            _name(ps, k.lower, k.lower_place, ambiguous),
            k.relation,
            _name(ps, k.upper, k.upper_place, ambiguous),
            k.basis.value,
            k.duty,
        ]
        for k in links
    ]
    return [list(r) for r in dict.fromkeys(tuple(r) for r in rows)]


def render_chain(ps: PolicySet, result: Chain) -> str:
    head = ["depth", "lower", "relation", "upper", "basis", "duty"]
    a = result.actor
    out = [f"{a.id} {a.zh}\n\nupward\n"]
    out.append(render(head, _rows(ps, result.upward)) if result.upward else "(none)\n")
    out.append("\ndownward\n")
    out.append(render(head, _rows(ps, result.downward)) if result.downward else "(none)\n")
    if result.top:
        out.append("\ntop: " + ", ".join(result.top) + "\n")
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    ps = load_from(args)
    actor = resolve("ACTOR", lookup.actor_id, ps, args.actor)
    reg = resolve_optional("--regulation", lookup.regulation_id, ps, args.regulation)
    result = chain(ps, actor, reg)
    write(dumps(as_data(result)) if args.format == "json" else render_chain(ps, result))
    return 0
