"""Cross-document checks run by the loader: unique ids, resolvable references, grounded quotes.

Each problem is a positioned :class:`~responsibility.core.errors.Diagnostic` whose hint names the
nearest valid ids. These are the structural checks; the checker surfaces the same codes as rules.

The checks run in two steps, so that a caller may drop each document once it is read (``validate``
on a nationwide set holds one document at a time, not a thousand):

1. **alone** (:func:`facts_of`, while the document is in hand): the findings that need nothing but
   the document (quotes in their provisions, ids unique within it, a provision without duties),
   and the compact :class:`Facts` the joined step needs — the ids it declares and where, the ids it
   names of the others (without positions), the links whose cycles are findings;
2. **joined** (:func:`check_facts`, once every document has been seen): duplicate ids across
   documents, and the names that do not resolve. A document naming an id that no document
   declares is fetched again and walked once more, now with the whole set's ids, by the same
   functions, which report each unresolved name at its position; so is a document that quotes
   another regulation (an actor's other name, a rules document), with that regulation.

:func:`check_references` runs both steps over documents in hand, which it fetches from memory: the
full load and the streaming ``validate`` call the same functions and report the same findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from responsibility.core.codes import E020, E021, E022, E023, E024
from responsibility.core.errors import Finding, Location, Rule
from responsibility.policy.cycles import Link, cycle_links, report_cycles
from responsibility.policy.fidelity import quote_mismatch
from responsibility.policy.model import Catalogue, Division, Duty, Regulation, RuleSet, duty_ref
from responsibility.policy.policyset import SourceInfo, provision_paths, suggest
from responsibility.policy.yamlfile import YamlPath, path_str

Document = Regulation | Catalogue | RuleSet
Parsed = list[tuple[SourceInfo, Document]]
Fetch = Callable[[], Document]

# The pools of ids a document may name, and the namespaces in which ids must be unique. A name
# is resolved against a pool by its key; a pool given as a set is the document's own.
Pool = str
# namespace of a declared id → (how a duplicate is named, the pool it joins)
_DECLARED: dict[str, tuple[str, Pool | None]] = {
    "reg": ("regulation", "regulations"),
    "cat": ("catalogue", None),
    "actor": ("actor", "actors"),
    "place": ("place", "places"),
    "art": ("artefact kind", "artefacts"),
    "topic": ("topic", "topics"),
    "rules": ("rules document for regulation", None),
}


@dataclass
class _Index:
    actors: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    artefacts: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    regulations: set[str] = field(default_factory=set)
    duties: set[str] = field(default_factory=set)

    def pool(self, key: Pool) -> set[str]:
        pool: set[str] = getattr(self, key)
        return pool


class _Mode(Enum):
    ALONE = "alone"  # findings of the document alone; names noted, not looked up
    JOINED = "joined"  # names looked up in the whole set's pools; the findings of the document alone dropped
    WHOLE = "whole"  # everything reported (the checks that read other documents, run once, joined)


class _Collector:
    def __init__(self, mode: _Mode, index: _Index | None = None) -> None:
        self.mode = mode
        self.index = index
        self.problems: list[Finding] = []
        self.named: dict[Pool, list[str]] = {}  # ALONE: the ids named of each pool
        self.again = False  # ALONE: a name that must be looked at again (a regulation naming itself)

    def add(self, src: SourceInfo, path: YamlPath, code: Rule, msg: str, hint: str = "") -> None:
        if self.mode is not _Mode.JOINED:  # joined, it was reported by the walk of the document alone
            self._report(src, path, code, msg, hint)

    def unique(self, seen: dict[str, str], key: str, src: SourceInfo, path: YamlPath, what: str) -> bool:
        if key in seen:
            self.add(
                src,
                path,
                E020,
                f"duplicate {what} id '{key}' (also in {seen[key]})",
                "ids must be unique: rename one",
            )
            return False
        seen[key] = src.file
        return True

    def ref(
        self, src: SourceInfo, path: YamlPath, wanted: str, pool: Pool | set[str], what: str, but: str = ""
    ) -> None:
        """`wanted` must be in `pool` (and not be `but`): a key of the whole set's pools, or a set
        the caller has in hand (looked up at once, in the walk that reports the document alone)."""
        if isinstance(pool, str):
            if self.mode is _Mode.ALONE:
                named = self.named.get(pool)
                if named is None:
                    named = self.named[pool] = []
                named.append(wanted)
                if but and wanted == but:
                    self.again = True
                return
            assert self.index is not None
            pool = self.index.pool(pool)
        elif self.mode is _Mode.JOINED:
            return
        if wanted not in pool or wanted == but:
            near = suggest(wanted, pool - {but} if but else pool)
            hint = f"did you mean {', '.join(near)}?" if near else f"define the {what} first"
            self._report(src, path, E021, f"unknown {what} '{wanted}'", hint)

    def refs(
        self,
        src: SourceInfo,
        base: YamlPath,
        wanted: Sequence[str],
        pool: Pool,
        what: str,
        tail: YamlPath = (),
    ) -> None:
        """:meth:`ref` for each of a list of names, the j-th written at (*base, j, *tail) (noted in
        one step when alone: a nationwide set names some 200,000)."""
        if self.mode is _Mode.ALONE:
            if wanted:
                named = self.named.get(pool)
                if named is None:
                    named = self.named[pool] = []
                named += wanted
            return
        for j, w in enumerate(wanted):
            self.ref(src, (*base, j, *tail), w, pool, what)

    def _report(self, src: SourceInfo, path: YamlPath, code: Rule, msg: str, hint: str) -> None:
        line, col = src.locate(path)
        self.problems.append(code.finding(Location(src.file, line, col, path_str(path)), msg, hint=hint))


@dataclass
class Facts:
    """What the joined checks need of one document, taken while it is in hand (see the module)."""

    src: SourceInfo
    kind: str
    id: str
    fetch: Fetch  # the document again: from memory, or read anew by a caller that dropped it
    declared: list[tuple[str, str, YamlPath]]  # (namespace, id, where), in document order
    duties: list[str]  # the duty ids a regulation defines (REG/PROVISION/DUTY)
    named: dict[Pool, tuple[str, ...]]  # the ids it names of each pool
    again: bool  # walk it again joined whatever the pools hold (it names itself, or quotes others)
    links: dict[Rule, list[Link]]  # the links whose cycles are findings (E025–E028)
    alone: list[Finding]  # the findings of the document alone
    kept: Catalogue | RuleSet | None = None  # small documents the joined step reads whole


def facts_of(src: SourceInfo, obj: Document, fetch: Fetch, strings: dict[str, str] | None = None) -> Facts:
    """The facts of one document, and its findings alone. `strings` shares equal ids between the
    facts of many documents (a county names its parents' duties: one string, not one per name)."""
    pool = {} if strings is None else strings
    out = _Collector(_Mode.ALONE)
    declared: list[tuple[str, str, YamlPath]] = []
    duties: list[str] = []
    kept: Catalogue | RuleSet | None = None
    again = False
    if isinstance(obj, RuleSet):
        declared.append(("rules", obj.id, ("regulation",)))
        kept, again = obj, True
    else:
        declared.append(("cat" if isinstance(obj, Catalogue) else "reg", obj.id, ("id",)))
        declared += [("actor", a.id, ("actors", i, "id")) for i, a in enumerate(obj.actors)]
        declared += [("place", p.id, ("places", i, "id")) for i, p in enumerate(obj.places)]
        again = any(a.aliases for a in obj.actors)  # an other name quotes a regulation
        if isinstance(obj, Catalogue):
            declared += [("art", k.id, ("artefact_kinds", i, "id")) for i, k in enumerate(obj.artefact_kinds)]
            declared += [("topic", t.id, ("topics", i, "id")) for i, t in enumerate(obj.topics)]
            _check_actors(out, src, obj)
            kept = obj
        else:
            duties = [
                pool.setdefault(ref, ref)
                for p, _, _ in provision_paths(obj)
                for ref in (duty_ref(obj.id, p.id, d.id) for d in p.duties)
            ]
            _check_regulation(out, src, obj)
    links = cycle_links(src, obj, pool)  # the ids shared with the pools and the names
    named = {key: tuple(pool.setdefault(w, w) for w in dict.fromkeys(ws)) for key, ws in out.named.items()}
    return Facts(
        src, obj.kind, obj.id, fetch, declared, duties, named, again or out.again, links, out.problems, kept
    )


def check_references(parsed: Parsed) -> list[Finding]:
    """Every cross-document finding of documents in hand (both steps; see the module)."""
    strings: dict[str, str] = {}
    return check_facts([facts_of(src, obj, _held(obj), strings) for src, obj in parsed])


def _held(obj: Document) -> Fetch:
    return lambda: obj


def check_facts(facts: list[Facts]) -> list[Finding]:
    """The findings of a set of documents from their facts: those of each document alone, and the
    joined ones (duplicate ids, unresolved names, quotes of other regulations, cycles)."""
    out = _Collector(_Mode.WHOLE)
    index = out.index = _build_index(facts, out)
    regs = _Regulations(f for f in facts if f.kind == "regulation")
    _check_satisfies(out, [(f.src, f.kept) for f in facts if isinstance(f.kept, Catalogue)])
    joined = _Collector(_Mode.JOINED, index)
    links: dict[Rule, list[Link]] = {}
    for f in facts:
        out.problems += f.alone
        for code, mine in f.links.items():
            links.setdefault(code, []).extend(mine)
        if not f.again and all(w in index.pool(key) for key, ws in f.named.items() for w in ws):
            continue  # every name resolves: nothing to report, no need of the document
        obj = f.kept or f.fetch()
        if isinstance(obj, RuleSet):
            _check_rules(out, f.src, obj, regs)
        elif isinstance(obj, Catalogue):
            _check_actors(joined, f.src, obj)
            _check_aliases(out, f.src, obj, regs)
        else:
            _check_regulation(joined, f.src, obj)
            _check_aliases(out, f.src, obj, regs)
    return out.problems + joined.problems + report_cycles(links)


class _Regulations:
    """The regulations of the set by id (the last of an id, as a dict keeps it), fetched when a
    document quotes one."""

    def __init__(self, facts: Iterable[Facts]) -> None:
        self._facts = {f.id: f for f in facts}
        self._fetched: dict[str, Regulation] = {}

    def ids(self) -> set[str]:
        return set(self._facts)

    def get(self, reg_id: str) -> Regulation | None:
        if reg_id not in self._fetched:
            f = self._facts.get(reg_id)
            if f is None:
                return None
            obj = f.fetch()
            assert isinstance(obj, Regulation)
            self._fetched[reg_id] = obj
        return self._fetched[reg_id]


def _build_index(facts: list[Facts], out: _Collector) -> _Index:
    idx = _Index()
    seen: dict[str, dict[str, str]] = {k: {} for k in _DECLARED}
    for f in facts:
        for namespace, key, path in f.declared:
            what, pool = _DECLARED[namespace]
            if out.unique(seen[namespace], key, f.src, path, what) and pool is not None:
                idx.pool(pool).add(key)
        if f.kind == "regulation":
            idx.regulations.add(f.id)
            idx.duties.update(f.duties)
    return idx


def _check_aliases(out: _Collector, src: SourceInfo, obj: Regulation | Catalogue, regs: _Regulations) -> None:
    """An actor's other name is one a text uses: the quote is in the provision it names, and the
    name is in the quote (checked when that regulation is loaded)."""
    for i, a in enumerate(obj.actors):
        for j, alias in enumerate(a.aliases):
            path: YamlPath = ("actors", i, "aliases", j)
            reg = regs.get(alias.regulation)
            if reg is None:
                # the shared catalogue is read without the shipped regulations too (fixtures,
                # --no-shipped): an alias is checked wherever its regulation is loaded
                continue
            texts = {p.id: p.text for p, _, _ in provision_paths(reg)}
            out.ref(src, (*path, "provision"), alias.provision, set(texts), f"provision of {reg.id}")
            _quoted(out, src, (*path, "quote"), alias.quote, texts.get(alias.provision))
            if alias.zh not in alias.quote:
                out.add(
                    src,
                    (*path, "quote"),
                    E022,
                    f"the quote does not contain the name '{alias.zh}'",
                    "quote the words of the provision where the name is used",
                )


def _check_actors(out: _Collector, src: SourceInfo, obj: Regulation | Catalogue) -> None:
    for i, a in enumerate(obj.actors):
        base: YamlPath = ("actors", i)
        for j, m in enumerate(a.members):
            out.ref(src, (*base, "members", j), m, "actors", "actor")
        for fld in ("role", "part_of"):
            val = getattr(a, fld)
            if val is not None:
                out.ref(src, (*base, fld), val, "actors", "actor")
        if a.place is not None:
            out.ref(src, (*base, "place"), a.place, "places", "place")
        if a.kind == "composite" and not a.members:
            out.add(src, base, E021, f"composite actor '{a.id}' has no members", "list its members")
        if a.kind == "concrete" and (a.role is None or a.place is None):
            out.add(
                src,
                base,
                E021,
                f"concrete actor '{a.id}' needs a role and a place",
                "set role: (a role type) and place: (a place id)",
            )
    for i, p in enumerate(obj.places):
        if p.parent is not None:
            out.ref(src, ("places", i, "parent"), p.parent, "places", "place")


def _check_satisfies(out: _Collector, cats: list[tuple[SourceInfo, Catalogue]]) -> None:
    """`satisfies` names artefact kinds, and no kind satisfies itself through others (a cycle
    would make two kinds one; merge them instead)."""
    edges: dict[str, list[str]] = {}
    where: dict[str, tuple[SourceInfo, YamlPath]] = {}
    for src, cat in cats:
        for i, k in enumerate(cat.artefact_kinds):
            where.setdefault(k.id, (src, ("artefact_kinds", i, "satisfies")))
            for j, target in enumerate(k.satisfies):
                out.ref(src, ("artefact_kinds", i, "satisfies", j), target, "artefacts", "artefact kind")
                edges.setdefault(k.id, []).append(target)
    for kind in sorted(edges):
        seen: set[str] = set()
        todo = list(edges[kind])
        while todo:
            cur = todo.pop()
            if cur == kind:
                src, path = where[kind]
                out.add(
                    src,
                    path,
                    E021,
                    f"artefact kind '{kind}' satisfies itself through `satisfies`",
                    "satisfies runs from the narrower kind to the wider; remove the link closing the cycle",
                )
                break
            if cur not in seen:
                seen.add(cur)
                todo += edges.get(cur, [])


def _check_regulation(out: _Collector, src: SourceInfo, reg: Regulation) -> None:
    _check_actors(out, src, reg)
    if reg.coverage is not None:
        provisions = {p.id for p, _, _ in provision_paths(reg)}
        for i, pid in enumerate(reg.coverage.received):
            out.ref(src, ("coverage", "received", i), pid, provisions, f"provision of {reg.id}")
    for i, a in enumerate(reg.issuers):
        out.ref(src, ("issuers", i), a, "actors", "actor")
    out.ref(src, ("jurisdiction",), reg.jurisdiction, "places", "place")
    for i, r in enumerate(reg.implements):
        out.ref(src, ("implements", i), r, "regulations", "regulation", but=reg.id)
    for i, ni in enumerate(reg.not_implemented):
        out.ref(src, ("not_implemented", i, "duty"), ni.duty, "duties", "duty")
    _unique_ids(out, src, reg)
    for prov, _, path in provision_paths(reg):
        if not prov.duties and prov.no_duty_reason is None:
            out.add(
                src,
                path,
                E023,
                f"provision '{prov.id}' has no duty and no reason",
                "add its duties, or no_duty_reason: saying why it assigns none",
            )
        if prov.duties and prov.no_duty_reason is not None:
            out.add(
                src,
                (*path, "no_duty_reason"),
                E023,
                f"provision '{prov.id}' has duties and a no_duty_reason",
                "remove one of them",
            )
        for k, duty in enumerate(prov.duties):
            _check_duty(out, src, prov.text, duty, (*path, "duties", k))


def _unique_ids(out: _Collector, src: SourceInfo, reg: Regulation) -> None:
    seen: dict[str, str] = {}
    for prov, _, path in provision_paths(reg):
        out.unique(seen, prov.id, src, (*path, "id"), "provision")
        duty_ids: dict[str, str] = {}
        for k, d in enumerate(prov.duties):
            out.unique(duty_ids, d.id, src, (*path, "duties", k, "id"), "duty")
    # divisions in document order (depth first), without a recursive closure: one that refers
    # to itself is a reference cycle, which kept this collector and its names alive until the
    # garbage collector ran (the loader turns it off while it reads)
    divs: dict[str, str] = {}
    stack: list[tuple[Division, YamlPath]] = [
        (div, ("divisions", j)) for j, div in reversed(list(enumerate(reg.divisions)))
    ]
    while stack:
        div, path = stack.pop()
        out.unique(divs, div.id, src, (*path, "id"), "division")
        stack += [(sub, (*path, "divisions", j)) for j, sub in reversed(list(enumerate(div.divisions)))]


def _check_duty(out: _Collector, src: SourceInfo, text: str, duty: Duty, path: YamlPath) -> None:
    if duty.quote not in text:
        out.add(
            src,
            (*path, "quote"),
            E022,
            f"quote is not a verbatim substring of its provision: {quote_mismatch(duty.quote, text)}",
            "copy the words exactly from the provision text, punctuation as received",
        )
    out.refs(src, (*path, "owners"), [o.actor for o in duty.owners], "actors", "actor", ("actor",))
    out.refs(
        src, (*path, "counterparties"), [c.actor for c in duty.counterparties], "actors", "actor", ("actor",)
    )
    out.refs(src, (*path, "artefacts"), duty.artefacts, "artefacts", "artefact kind")
    out.refs(src, (*path, "topics"), duty.topics, "topics", "topic")
    out.refs(src, (*path, "implements"), duty.implements, "duties", "duty")
    if duty.implements and duty.local_addition:
        out.add(
            src,
            (*path, "local_addition"),
            E024,
            "a duty that implements a parent is not a local addition",
            "remove local_addition",
        )


def _check_rules(out: _Collector, src: SourceInfo, rs: RuleSet, regs: _Regulations) -> None:
    """A rules document names a loaded regulation, its provisions and actors, and quotes them."""
    reg = regs.get(rs.regulation)
    if reg is None:
        out.ref(src, ("regulation",), rs.regulation, regs.ids(), "regulation")
        return
    texts = {p.id: p.text for p, _, _ in provision_paths(reg)}
    ids: dict[str, str] = {}
    for i, rule in enumerate(rs.rules):
        base: YamlPath = ("rules", i)
        out.unique(ids, rule.id, src, (*base, "id"), "rule")
        for j, pid in enumerate(rule.provisions):
            out.ref(src, (*base, "provisions", j), pid, set(texts), f"provision of {reg.id}")
        _quoted(out, src, (*base, "quote"), rule.quote, texts.get(rule.provisions[0]))
        for j, step in enumerate(getattr(rule, "steps", [])):
            spath: YamlPath = (*base, "steps", j)
            if step.provision is not None:
                out.ref(src, (*spath, "provision"), step.provision, set(texts), f"provision of {reg.id}")
            _quoted(out, src, (*spath, "quote"), step.quote, texts.get(step.provision or rule.provisions[0]))
            for k, actor in enumerate(step.by):
                out.ref(src, (*spath, "by", k), actor, "actors", "actor")


def _quoted(out: _Collector, src: SourceInfo, path: YamlPath, quote: str, text: str | None) -> None:
    if text is not None and quote not in text:
        out.add(
            src,
            path,
            E022,
            f"quote is not a verbatim substring of its provision: {quote_mismatch(quote, text)}",
            "copy the words exactly from the provision text, punctuation as received",
        )
