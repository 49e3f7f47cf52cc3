"""Cycles in the hierarchies a policy set declares, found by the loader before any walk sees them.

Four links must never loop back: a regulation's `implements:` (its parents), a duty's
`implements:` (the parent duties it carries out), a place's `parent:` and a composite actor's
`members:`. A loop in any of them would make "the parent of the parent …" endless, so each is a
structural finding (E025–E028) and a policy set that has one does not load; the graph, trace and
chain walks therefore only ever see acyclic hierarchies.

The search is iterative (strongly connected components, then a breadth-first path inside each), so
a chain of any length neither recurses nor hangs. Each cycle is reported once, at the link leaving
its smallest id, with the whole loop in the message.

The links are taken from each document on its own (:func:`cycle_links`), so a caller that drops
each document once read (``validate``) keeps only its links; the components are found with plain
dictionaries (Tarjan's algorithm, without recursion): a nationwide set has some 45,000 duty links,
and a graph library's node and edge dictionaries cost several times the links themselves.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from responsibility.core.codes import E025, E026, E027, E028
from responsibility.core.errors import Finding, Location, Rule
from responsibility.policy.model import Catalogue, Regulation, RuleSet, duty_ref
from responsibility.policy.policyset import SourceInfo, provision_paths
from responsibility.policy.yamlfile import YamlPath, path_str


@dataclass(frozen=True, slots=True)
class Link:
    """One declared link `source → target`, and where it is written."""

    source: str
    target: str
    src: SourceInfo
    path: YamlPath


def find_cycles(links: Iterable[Link]) -> list[list[Link]]:
    """One cycle (as its links, starting at its smallest id) per strongly connected knot."""
    out_links: dict[str, list[Link]] = {}
    for link in links:
        out_links.setdefault(link.source, []).append(link)
        out_links.setdefault(link.target, [])
    cycles = []
    for comp in knots(out_links):
        cycles.append(_cycle_through(min(comp), comp, out_links))
    return sorted(cycles, key=lambda c: c[0].source)


def knots(out_links: dict[str, list[Link]]) -> list[set[str]]:
    """The knots: strongly connected components of more than one node, or of one node that
    links to itself.

    Pearce's variant of Tarjan's algorithm, kept iterative (a frame is a node, how many of its
    links have been followed and whether it is still its component's root): one number per node
    serves as its visiting order and its lowest reachable order, and once its component is done
    it is set to one number above every order — so no second map, no on-stack set, and nothing
    made for the tens of thousands of nodes on no cycle.
    """
    rank: dict[str, int] = {}
    counter = 0
    stack: list[str] = []
    found: list[set[str]] = []
    for start in out_links:
        if start in rank:
            continue
        frames: list[tuple[str, int, bool]] = [(start, 0, True)]
        rank[start] = counter = counter + 1
        while frames:
            node, i, root = frames[-1]
            links = out_links.get(node, [])
            if i < len(links):
                target = links[i].target
                if target not in rank:
                    frames[-1] = (node, i, root)  # resumed at the same link, to take the target's rank
                    rank[target] = counter = counter + 1
                    frames.append((target, 0, True))
                    continue
                if rank[target] < rank[node]:
                    rank[node] = rank[target]
                    root = False
                frames[-1] = (node, i + 1, root)
                continue
            frames.pop()
            if not root:
                stack.append(node)
            else:
                members = [node]
                while stack and rank[node] <= rank[stack[-1]]:
                    members.append(stack.pop())
                for member in members:
                    rank[member] = _DONE
                counter -= len(members)
                if len(members) > 1 or any(k.target == node for k in links):
                    found.append(set(members))
    return found


_DONE = sys.maxsize  # the rank of a node whose component is done: above every visiting order


def _cycle_through(start: str, comp: set[str], out_links: dict[str, list[Link]]) -> list[Link]:
    """The shortest loop from `start` back to it inside its component (breadth first)."""
    came: dict[str, Link] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for link in sorted(out_links.get(node, []), key=lambda k: k.target):
            if link.target == start:
                path = [link]
                while path[0].source != start:
                    path.insert(0, came[path[0].source])
                return path
            if link.target in comp and link.target not in came:
                came[link.target] = link
                queue.append(link.target)
    raise AssertionError(f"{start} is in a strongly connected component but on no cycle")  # pragma: no cover


Parsed = list[tuple[SourceInfo, Regulation | Catalogue | RuleSet]]

_WHAT = {
    E025: (
        "regulations implement each other in a cycle",
        "a regulation implements only the higher rules it carries out: remove the entry that points down",
    ),
    E026: (
        "duties implement each other in a cycle",
        "a duty implements only parent duties: remove the entry that points down or at the duty itself",
    ),
    E027: (
        "places contain each other in a cycle",
        "make each place's parent the larger area that holds it; the top place has none",
    ),
    E028: (
        "a composite actor is its own member",
        "list as members the bodies that make it up, not the composite itself",
    ),
}


def cycle_links(
    src: SourceInfo, obj: Regulation | Catalogue | RuleSet, strings: dict[str, str] | None = None
) -> dict[Rule, list[Link]]:
    """The links one document declares, by the code a cycle of them is reported under. With
    `strings`, equal ids are one string across the documents that share it."""
    one = (lambda s: s) if strings is None else (lambda s: strings.setdefault(s, s))
    regs: list[Link] = []
    duties: list[Link] = []
    places: list[Link] = []
    members: list[Link] = []
    if not isinstance(obj, RuleSet):
        for i, p in enumerate(obj.places):
            if p.parent is not None:
                places.append(Link(one(p.id), one(p.parent), src, ("places", i, "parent")))
        for i, a in enumerate(obj.actors):
            members += [
                Link(one(a.id), one(m), src, ("actors", i, "members", j)) for j, m in enumerate(a.members)
            ]
    if isinstance(obj, Regulation):
        # implementing itself is already E021 (a regulation is not its own parent)
        regs += [
            Link(one(obj.id), one(r), src, ("implements", i))
            for i, r in enumerate(obj.implements)
            if r != obj.id
        ]
        for prov, _, path in provision_paths(obj):
            for k, d in enumerate(prov.duties):
                if d.implements:
                    ref = one(duty_ref(obj.id, prov.id, d.id))
                    duties += [
                        Link(ref, one(parent), src, (*path, "duties", k, "implements", j))
                        for j, parent in enumerate(d.implements)
                    ]
    return {E025: regs, E026: duties, E027: places, E028: members}


def check_cycles(parsed: Parsed) -> list[Finding]:
    """Every cycle in regulation and duty implements, place parents and composite members."""
    links: dict[Rule, list[Link]] = {E025: [], E026: [], E027: [], E028: []}
    for src, obj in parsed:
        for code, mine in cycle_links(src, obj).items():
            links[code] += mine
    return report_cycles(links)


def report_cycles(links: dict[Rule, list[Link]]) -> list[Finding]:
    """A finding for each cycle among `links` (by code, as :func:`cycle_links` gives them)."""
    out: list[Finding] = []
    for code in (E025, E026, E027, E028):
        what, hint = _WHAT[code]
        for cycle in find_cycles(links.get(code, [])):
            first = cycle[0]
            loop = " → ".join([*(k.source for k in cycle), first.source])
            line, col = first.src.locate(first.path)
            out.append(
                code.finding(
                    Location(first.src.file, line, col, path_str(first.path)), f"{what}: {loop}", hint=hint
                )
            )
    return out
