"""The composed policy set: every regulation and catalogue entry, indexed for lookup.

A :class:`PolicySet` is what the loader returns and what every other part of the library reads.
It is plain data plus indexes; it never touches the file system.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from responsibility.core.errors import Location
from responsibility.policy import lookup
from responsibility.policy.labels import inferred
from responsibility.policy.lookup import suggest
from responsibility.policy.model import (
    Actor,
    ActorKind,
    ArtefactKind,
    Division,
    Duty,
    Place,
    Provision,
    Regulation,
    RuleSet,
    Topic,
    duty_ref,
    walk_provisions,
)
from responsibility.policy.yamlfile import Positions, YamlPath, path_str


@dataclass(frozen=True)
class SourceInfo:
    """Where a regulation or catalogue came from, and the position of every value in it."""

    file: str
    marks: Positions = field(default_factory=dict, repr=False)
    origin: str | None = field(default=None, compare=False)  # absolute path, to find files beside it

    def locate(self, path: YamlPath) -> tuple[int, int]:
        """Line and column of `path`, or of its nearest ancestor that has a mark."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.marks:
                return self.marks[path[:end]]
        return (1, 1)


@dataclass(frozen=True)
class ProvisionEntry:
    regulation: Regulation
    provision: Provision
    division: Division | None
    path: YamlPath
    citation: str = ""

    @property
    def ref(self) -> str:
        return f"{self.regulation.id}/{self.provision.id}"


@dataclass(frozen=True)
class DutyEntry:
    """A duty with its context: which regulation and provision, and where it sits in the file."""

    regulation: Regulation
    provision: Provision
    division: Division | None
    duty: Duty
    path: YamlPath
    citation: str = ""

    @property
    def ref(self) -> str:
        return duty_ref(self.regulation.id, self.provision.id, self.duty.id)


def provision_paths(reg: Regulation) -> Iterator[tuple[Provision, Division | None, YamlPath]]:
    """Every provision with its division and its path inside the regulation's document."""
    for i, prov in enumerate(reg.provisions):
        yield prov, None, ("provisions", i)
    # a division's provisions, then its sub-divisions, depth first; kept iterative, as a recursive
    # closure is a reference cycle left for the garbage collector on every call
    stack: list[tuple[Division, YamlPath]] = [
        (div, ("divisions", j)) for j, div in reversed(list(enumerate(reg.divisions)))
    ]
    while stack:
        div, base = stack.pop()
        for i, prov in enumerate(div.provisions):
            yield prov, div, (*base, "provisions", i)
        stack += [(sub, (*base, "divisions", j)) for j, sub in reversed(list(enumerate(div.divisions)))]


def citations(reg: Regulation) -> dict[str, str]:
    """How each provision is cited: 第九条 for articles; 一(一)4, 二、3, 三 for numbered items;
    〔第4段〕 for the unlabelled paragraph `para_4` of a reported practice.

    Articles are cited by their own label. Items are cited by the labels of their divisions and
    their own, with the enumeration comma kept only before a bare item number (二、3).

    A label the text does not print — a paragraph number, 序言, a label the encoding marks
    `label_inferred` — is marked as such (labels.inferred: 〔第4段〕, 二、〔3〕). Every face shows
    the citations made here, so the mark is made once; lookups take the unmarked form too.
    """
    out: dict[str, str] = {}
    for prov in reg.provisions:
        # an unlabelled passage `para_4` of a reported practice is cited as its paragraph, 第4段
        para = re.fullmatch(r"para_(\d+)", prov.id)
        if prov.label:
            out[prov.id] = inferred(prov.label) if prov.label_inferred else prov.label
        else:
            out[prov.id] = inferred(f"第{para.group(1)}段" if para else "序言")

    def visit(div: Division, chain: tuple[str, ...]) -> None:
        chain = (*chain, div.label or "")
        for prov in div.provisions:
            if prov.label and prov.label.startswith("第"):
                out[prov.id] = inferred(prov.label) if prov.label_inferred else prov.label
                continue
            parts = [*chain, (prov.label or "").rstrip("、")]
            text = ""
            for k, part in enumerate(parts):
                nxt = parts[k + 1] if k + 1 < len(parts) else ""
                keep_comma = bool(nxt) and nxt[0].isdigit()
                shown = part if keep_comma else part.rstrip("、")
                own = k == len(parts) - 1
                text += inferred(shown) if own and shown and prov.label_inferred else shown
            out[prov.id] = text
        for sub in div.divisions:
            visit(sub, chain)

    for div in reg.divisions:
        visit(div, ())
    return out


class PolicySet:
    """Regulations, actors, places, artefact kinds and topics, with lookups by id."""

    def __init__(
        self,
        regulations: Iterable[Regulation],
        actors: Iterable[Actor],
        places: Iterable[Place],
        artefact_kinds: Iterable[ArtefactKind],
        topics: Iterable[Topic],
        sources: dict[str, SourceInfo] | None = None,
        rulesets: Iterable[RuleSet] = (),
    ) -> None:
        self.regulations: dict[str, Regulation] = {r.id: r for r in sorted(regulations, key=_id)}
        self.actors: dict[str, Actor] = {a.id: a for a in sorted(actors, key=_id)}
        self.places: dict[str, Place] = {p.id: p for p in sorted(places, key=_id)}
        self.artefact_kinds: dict[str, ArtefactKind] = {a.id: a for a in sorted(artefact_kinds, key=_id)}
        self.topics: dict[str, Topic] = {t.id: t for t in sorted(topics, key=_id)}
        self.sources: dict[str, SourceInfo] = dict(sources or {})
        # computable rules by regulation id (`kind: rules` documents; see computable.py)
        self.rulesets: dict[str, RuleSet] = {r.regulation: r for r in sorted(rulesets, key=lambda r: r.id)}
        self._provisions: dict[str, ProvisionEntry] = {}
        self._duties: dict[str, DutyEntry] = {}
        # each regulation's duties in document order: filtering by regulation scanned every duty
        self._by_regulation: dict[str, list[DutyEntry]] = {}
        for reg in self.regulations.values():
            cites = citations(reg)
            mine = self._by_regulation.setdefault(reg.id, [])
            for prov, div, path in provision_paths(reg):
                entry = ProvisionEntry(reg, prov, div, path, cites[prov.id])
                self._provisions.setdefault(entry.ref, entry)
                for k, duty in enumerate(prov.duties):
                    d = DutyEntry(reg, prov, div, duty, (*path, "duties", k), cites[prov.id])
                    if self._duties.setdefault(d.ref, d) is d:
                        mine.append(d)

    # -- lookups -------------------------------------------------------------------------------
    # Each takes an id or what a person types (第九条, 武邑县人民政府): an exact id is a dict
    # look-up; anything else goes through the one resolver, responsibility.policy.lookup, which raises
    # LookupFailure (or AmbiguousName) naming the nearest ids.
    def regulation(self, reg_id: str) -> Regulation:
        found = self.regulations.get(reg_id)
        return found if found is not None else self.regulations[lookup.regulation_id(self, reg_id)]

    def provision(self, reg_id: str, provision_id: str) -> Provision:
        return self.provision_entry(f"{reg_id}/{provision_id}").provision

    def provision_entry(self, ref: str) -> ProvisionEntry:
        found = self._provisions.get(ref)
        if found is None:
            found = self._provisions[lookup.parse_ref(self, ref, ("provision",)).ref]
        return found

    def duty(self, ref: str) -> Duty:
        return self.duty_entry(ref).duty

    def duty_entry(self, ref: str) -> DutyEntry:
        found = self._duties.get(ref)
        return found if found is not None else self._duties[lookup.duty_ref(self, ref)]

    def has_duty(self, ref: str) -> bool:
        """Whether `ref` is exactly the id of a duty (no name is resolved)."""
        return ref in self._duties

    def has_provision(self, ref: str) -> bool:
        """Whether `ref` is exactly the id of a provision, REG/PROVISION (no name is resolved)."""
        return ref in self._provisions

    def actor(self, actor_id: str) -> Actor:
        found = self.actors.get(actor_id)
        return found if found is not None else self.actors[lookup.actor_id(self, actor_id)]

    def provisions(self, reg_id: str | None = None) -> list[ProvisionEntry]:
        if reg_id is not None:
            reg_id = self.regulation(reg_id).id
        return [p for p in self._provisions.values() if reg_id in (None, p.regulation.id)]

    def all_duties(self) -> list[DutyEntry]:
        return list(self._duties.values())

    def duties(
        self,
        regulation: str | None = None,
        provision: str | None = None,
        actor: str | None = None,
    ) -> list[DutyEntry]:
        """Duties filtered by regulation, provision and owning actor (in document order); each
        an id or a name (第九条, 武邑县人民政府).

        An actor owns a duty when it is an owner, or a member of a composite owner
        (the county government owns what 县级党委和政府 owns).
        """
        if regulation is not None:
            regulation = self.regulation(regulation).id
        if provision is not None:
            if regulation is None:
                raise ValueError("a provision id needs its regulation")
            provision = lookup.provision_id(self, regulation, provision)
        owners = self.owning_ids(actor) if actor is not None else None
        out = []
        pool = self._duties.values() if regulation is None else self._by_regulation.get(regulation, [])
        for d in pool:
            if regulation is not None and d.regulation.id != regulation:
                continue
            if provision is not None and d.provision.id != provision:
                continue
            if owners is not None and not owners & {o.actor for o in d.duty.owners}:
                continue
            out.append(d)
        return out

    def owning_ids(self, actor_id: str) -> set[str]:
        """The actor and every composite it belongs to: the ids whose duties it shares."""
        actor_id = self.actor(actor_id).id
        ids = {actor_id}
        ids |= {a.id for a in self.actors.values() if a.kind == ActorKind.composite and actor_id in a.members}
        return ids

    def locate(self, source_key: str, path: YamlPath, provision: str = "") -> Location:
        """Where a value is in a loaded file (citing `provision`, the article as printed)."""
        src = self.sources.get(source_key)
        if src is None:
            return Location("<unknown>", path=path_str(path), provision=provision)
        line, col = src.locate(path)
        return Location(src.file, line, col, path_str(path), provision)


def _id(x: Regulation | Actor | Place | ArtefactKind | Topic) -> str:
    return x.id


__all__ = ["DutyEntry", "PolicySet", "ProvisionEntry", "SourceInfo", "suggest", "walk_provisions"]
