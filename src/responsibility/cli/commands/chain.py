"""The line of accountability of a body: upward to the top (reports to, signs with, assessed by,
supervised by) and downward (who reports to it or signs with it directly), one section per line
of regulations it takes part in (a local regulation with the regulations it implements and those
governing its area: 山西：中央 + 山西), then the lines it stands in with no link; or the line of
--regulation. For a concrete body, role types are placed by the place hierarchy (a township's
county is the county above it); for a role, a line shows the bodies filling it there. Links the
line's own regulation states are `stated`; links taken from a regulation above it or applied
through a role type are `inherited`; a parent duty the line declines keeps its link, marked so.
A link whose duty the text makes conditional shows the condition. All of it is
:func:`responsibility.graph.queries.chain`'s answer, which the site draws too."""

from __future__ import annotations

import argparse
from typing import Any

from responsibility.cli.commands._common import QUESTION, load_from, resolve, resolve_optional, write
from responsibility.cli.commands._names import Words, labelled, words
from responsibility.core.table import render
from responsibility.graph.export import dumps
from responsibility.graph.queries import Chain, ChainLine, Link, as_data, chain, inferred_end
from responsibility.policy import lookup
from responsibility.policy.labels import BASIS_LABEL, RELATION_LABEL
from responsibility.policy.labels import inferred as inferred_mark

PARENTS = QUESTION


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("actor", metavar="ACTOR", help="an id or name: county.government, 武邑县人民政府")
    p.add_argument(
        "--regulation",
        metavar="ID",
        help="only the line this regulation heads: it and the regulations above it (an id or name: shanxi)",
    )


def _name(w: Words, actor: str, place: str | None, ambiguous: set[str], inferred: bool = False) -> str:
    """The body by its catalogue name (one name in every row), in 〔〕 where the row's duty
    attributes it by inference (Names.as_named marks such an owner the same way)."""
    name = _plain(w, actor, place, ambiguous)
    return inferred_mark(name) if inferred else name


def _plain(w: Words, actor: str, place: str | None, ambiguous: set[str]) -> str:
    a = w.ps.actors[actor]
    # The chain walks bodies: one body reads the same in every row (the upper of a level is the
    # lower of the next), so by its catalogue name; how the text names it is in the duty.
    name = w.actor(actor)
    # Two bodies with one name (a fixture's 武邑县委 beside the shipped one) would print as one.
    name = f"{name} ({a.id})" if w.actor(actor) in ambiguous and a.id not in name else name
    if place is None or a.place == place:
        return name
    return f"{name} @{w.place(place)}"


def _ambiguous(w: Words, links: tuple[Link, ...]) -> set[str]:
    """The names two bodies of the links share, which are printed with their ids."""
    ids_by_name: dict[str, set[str]] = {}
    for k in links:
        for actor in (k.lower, k.upper):
            ids_by_name.setdefault(w.actor(actor), set()).add(actor)
    return {name for name, ids in ids_by_name.items() if len(ids) > 1}


def _rows(w: Words, links: tuple[Link, ...]) -> list[list[str]]:
    """One row per distinct link as shown: links that differ only in the way they were reached
    (`via`) print once."""
    ambiguous = _ambiguous(w, links)
    rows = []
    for k in links:
        duty = w.duty(k.duty) if k.duty else None
        rows.append(
            [
                str(k.depth),
                _name(w, k.lower, k.lower_place, ambiguous, k.lower_inferred),
                w.label(RELATION_LABEL, k.relation),
                _name(w, k.upper, k.upper_place, ambiguous, k.upper_inferred),
                w.label(BASIS_LABEL, k.basis.value),
                w.cite(duty) if duty else "-",
                w.summary(duty) if duty else "-",
                # the link holds only under the text's condition: say so beside it
                w.pair(k.condition.zh, k.condition.en) if k.condition else "-",
            ]
        )
    return [list(r) for r in dict.fromkeys(tuple(r) for r in rows)]


def _top(w: Words, found: ChainLine, actor: str) -> str:
    """A body the line ends at, in 〔〕 where every link reaching it comes from a duty that
    attributes it by inference: the line ends there only on the encoder's reading (the rule a
    site diagram marks its nodes by)."""
    return inferred_mark(w.actor(actor)) if inferred_end(found.upward, actor) else w.actor(actor)


def render_line(w: Words, found: ChainLine) -> str:
    """One line of regulations: its name, then the upward and the downward table; for a role
    type, first the bodies filling it there, under whose names its links are shown; for a body
    outside the line's area, that it stands outside."""
    head = w.headers("depth", "lower", "relation", "upper", "basis", "article", "duty", "condition")
    upward, downward, none, top, bodies, outside = w.headers(
        "upward", "downward", "none", "top", "bodies in line", "outside line"
    )
    sep = "：" if w.zh else ": "
    title = w.pair(found.line.zh, found.line.en)
    out = [f"【{title}】\n\n" if w.zh else f"== {title} ==\n\n"]
    if not found.stands:
        area = w.place(found.line.area)
        return "".join([*out, f"{outside}（{area}）\n" if w.zh else f"{outside} ({area})\n"])
    if found.bodies:
        out.append(f"{bodies}{sep}" + w.list_of([w.actor(b) for b in found.bodies]) + "\n\n")
    out.append(f"{upward}\n")
    out.append(render(head, _rows(w, found.upward)) if found.upward else f"{none}\n")
    out.append(f"\n{downward}\n")
    out.append(render(head, _rows(w, found.downward)) if found.downward else f"{none}\n")
    if found.top:
        out.append(f"\n{top}{sep}" + w.list_of([_top(w, found, t) for t in found.top]) + "\n")
    return "".join(out)


def render_chain(w: Words, result: Chain) -> str:
    """Each line's section; then the lines the body stands in with no link, named, so that no
    line is left out silently."""
    a = result.actor
    sections = [render_line(w, found) for found in result.lines]
    body = "\n".join(sections) if sections else w.headers("none")[0] + "\n"
    if result.without:
        label, sep = w.headers("lines without link")[0], "：" if w.zh else ": "
        # named as the sections are headed (a line's name holds a colon and commas of its own)
        titles = [w.pair(line.zh, line.en) for line in result.without]
        names = "".join(f"【{t}】" for t in titles) if w.zh else "; ".join(titles)
        body += f"\n{label}{sep}{names}\n"
    return f"{w.pair(a.zh, a.en)}\n\n{body}"


def _link_words(w: Words, links: tuple[Link, ...], records: list[dict[str, Any]]) -> None:
    """Beside each link's ids, the words its row prints: `lower_label`/`upper_label` (the body
    as named in the table, @place and 〔〕 included), the duty's citation as printed
    (`article_label`) and its summary (`duty_label`), and `regulation_label`. Whether a side
    is an inferred owner is the link's own `lower_inferred`/`upper_inferred` (booleans)."""
    ambiguous = _ambiguous(w, links)
    for k, record in zip(links, records, strict=True):
        record["lower_label"] = _name(w, k.lower, k.lower_place, ambiguous, k.lower_inferred)
        record["upper_label"] = _name(w, k.upper, k.upper_place, ambiguous, k.upper_inferred)
        duty = w.duty(k.duty) if k.duty and w.ps.has_duty(k.duty) else None
        record["article_label"] = w.cite(duty) if duty else None
        record["duty_label"] = w.summary(duty) if duty else None
        record["regulation_label"] = w.regulation(k.regulation)


def as_json(w: Words, result: Chain) -> Any:
    """The answer as data, with the words of the tables beside the ids (README: JSON output)."""
    data = labelled(as_data(result), w.lang)
    for found, line in zip(result.lines, data["lines"], strict=True):
        _link_words(w, found.upward, line["upward"])
        _link_words(w, found.downward, line["downward"])
        line["top_label"] = [_top(w, found, t) for t in found.top]
        line["bodies_label"] = [w.actor(b) for b in found.bodies]
    return data


def run(args: argparse.Namespace) -> int:
    ps = load_from(args)
    actor = resolve("ACTOR", lookup.actor_id, ps, args.actor)
    reg = resolve_optional("--regulation", lookup.regulation_id, ps, args.regulation)
    result = chain(ps, actor, reg)
    w = words(ps, args)
    write(dumps(as_json(w, result)) if args.format == "json" else render_chain(w, result))
    return 0
