"""The look-up commands (`actors`, `places`, `topics`, `artefacts`): what the policy set names,
with the ids the other commands take, Chinese first. Each lists one kind, filtered by a name
fragment, by level where the kind has one, and by regulation (what its duties name)."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from responsibility.cli.commands._common import (
    load_from,
    resolve,
    write,
)
from responsibility.cli.commands._names import Words, labelled, words
from responsibility.core.table import render
from responsibility.graph.export import dumps
from responsibility.policy import lookup
from responsibility.policy.labels import ACTOR_KIND_LABEL, LEVEL_LABEL
from responsibility.policy.model import LEVEL_ORDER, Duty, Level
from responsibility.policy.policyset import PolicySet
from responsibility.semantics import within


@dataclass(frozen=True)
class Listing:
    """One kind of catalogue entry: its columns after zh, id, en, and its rows."""

    columns: tuple[str, ...]  # extra columns, each a key of the JSON records
    rows: Callable[[PolicySet, argparse.Namespace, str | None], Iterable[dict[str, str | None]]]


def add_listing_arguments(p: argparse.ArgumentParser, levels: bool, place: bool = False) -> None:
    p.add_argument(
        "name", nargs="?", metavar="NAME", help="only entries whose id or name contains this (武邑, 规划)"
    )
    if levels:
        p.add_argument("--level", choices=[lv.value for lv in Level], help="only this level")
    if place:
        p.add_argument(
            "--place", metavar="PLACE", help="only bodies sitting in this place or within it (武邑县)"
        )
    p.add_argument("--regulation", metavar="ID", help="only those a regulation names (an id or name)")


def run_listing(args: argparse.Namespace, listing: Listing) -> int:
    ps = load_from(args)
    reg = None
    if args.regulation is not None:
        reg = resolve("--regulation", lookup.regulation_id, ps, args.regulation)
    records = [r for r in listing.rows(ps, args, reg) if _matches(r, args.name)]
    w = words(ps, args)
    if args.format == "json":
        write(dumps(labelled(records, w.lang)))
        return 0
    # the asked language's name first, the other last (the longest, left unpadded)
    first, last = ("zh", "en") if w.lang == "zh" else ("en", "zh")
    cols = (first, "id", *listing.columns, last)
    write(render(w.headers(*cols), [[_cell(w, c, r) for c in cols] for r in records]))
    return 0


def _cell(w: Words, column: str, record: dict[str, str | None]) -> str:
    """A table cell: places by their names, vocabulary by its labels (JSON keeps the ids)."""
    value = record.get(column)
    if column in ("place", "parent"):
        return w.place(value) if value else "-"
    if column in ("level", "kind"):
        table = LEVEL_LABEL if column == "level" else ACTOR_KIND_LABEL
        return w.label(table, value)
    if column == "satisfies" and value:
        return w.list_of([w.artefact(k) for k in value.split(", ")])
    if column == "en" and w.lang == "en" and not value:
        return w.pair(record.get("zh"), None)  # no English name: the Chinese one, marked
    return value or "-"


def _rank(level: Level) -> tuple[int, str]:
    return (LEVEL_ORDER.get(level, 99), level.value)


def _matches(record: dict[str, str | None], name: str | None) -> bool:
    if name is None:
        return True
    key = lookup.normalise(name)
    return any(key in lookup.normalise(record.get(f) or "") for f in ("id", "zh", "en"))


def actor_rows(ps: PolicySet, args: argparse.Namespace, reg: str | None) -> Iterable[dict[str, str | None]]:
    # owning a duty as `duties --actor` counts it: named owner, or member of a joint owner
    owners = {a.id for a in ps.actors.values() if ps.duties(reg, actor=a.id)} if reg is not None else None
    area = None if args.place is None else resolve("--place", lookup.place_id, ps, args.place)
    for a in sorted(ps.actors.values(), key=lambda a: (_rank(a.level), a.id)):
        if area is not None and not within(ps, a.place, area):
            continue
        if (args.level is None or a.level.value == args.level) and (owners is None or a.id in owners):
            yield {"id": a.id, "zh": a.name.zh, "en": a.name.en, "level": a.level.value,
                   "kind": a.kind.value, "place": a.place}  # fmt: skip


def place_rows(ps: PolicySet, args: argparse.Namespace, reg: str | None) -> Iterable[dict[str, str | None]]:
    area = ps.regulations[reg].jurisdiction if reg is not None else None
    for p in sorted(ps.places.values(), key=lambda p: (_rank(p.level), p.id)):
        if (args.level is None or p.level.value == args.level) and (area is None or within(ps, p.id, area)):
            yield {"id": p.id, "zh": p.name.zh, "en": p.name.en, "level": p.level.value, "parent": p.parent}


def _use_counts(ps: PolicySet, reg: str | None, ids_of: Callable[[Duty], list[str]]) -> Counter[str]:
    """How many duties (of `reg`, or of every regulation) name each id `ids_of` takes from a duty."""
    return Counter(i for e in ps.duties(reg) for i in ids_of(e.duty))


def topic_rows(ps: PolicySet, args: argparse.Namespace, reg: str | None) -> Iterable[dict[str, str | None]]:
    counts = _use_counts(ps, reg, lambda d: d.topics)
    for t in ps.topics.values():
        if reg is None or t.id in counts:
            yield {"id": t.id, "zh": t.name.zh, "en": t.name.en, "duties": str(counts.get(t.id, 0))}


def artefact_rows(
    ps: PolicySet, args: argparse.Namespace, reg: str | None
) -> Iterable[dict[str, str | None]]:
    counts = _use_counts(ps, reg, lambda d: d.artefacts)
    for k in ps.artefact_kinds.values():
        if reg is None or k.id in counts:
            yield {"id": k.id, "zh": k.name.zh, "en": k.name.en, "duties": str(counts.get(k.id, 0)),
                   "satisfies": ", ".join(k.satisfies) or None}  # fmt: skip


ACTORS = Listing(("level", "kind", "place"), actor_rows)
PLACES = Listing(("level", "parent"), place_rows)
TOPICS = Listing(("duties",), topic_rows)
ARTEFACTS = Listing(("duties", "satisfies"), artefact_rows)
