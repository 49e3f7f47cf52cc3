"""Cross-document checks run by the loader: unique ids, resolvable references, grounded quotes.

Each problem is a positioned :class:`~responsibility.core.errors.Diagnostic` whose hint names the
nearest valid ids. These are the structural checks; the checker surfaces the same codes as rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from responsibility.core.codes import E020, E021, E022, E023, E024
from responsibility.core.errors import Finding, Location, Rule
from responsibility.policy.cycles import check_cycles
from responsibility.policy.fidelity import quote_mismatch
from responsibility.policy.model import Catalogue, Duty, Regulation, RuleSet, duty_ref
from responsibility.policy.policyset import SourceInfo, provision_paths, suggest
from responsibility.policy.yamlfile import YamlPath

Parsed = list[tuple[SourceInfo, Regulation | Catalogue | RuleSet]]


@dataclass
class _Index:
    actors: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    artefacts: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    regulations: set[str] = field(default_factory=set)
    duties: set[str] = field(default_factory=set)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Finding] = []

    def add(self, src: SourceInfo, path: YamlPath, code: Rule, msg: str, hint: str = "") -> None:
        from responsibility.policy.yamlfile import path_str

        line, col = src.locate(path)
        self.problems.append(code.finding(Location(src.file, line, col, path_str(path)), msg, hint=hint))

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

    def ref(self, src: SourceInfo, path: YamlPath, wanted: str, pool: set[str], what: str) -> None:
        if wanted not in pool:
            near = suggest(wanted, pool)
            hint = f"did you mean {', '.join(near)}?" if near else f"define the {what} first"
            self.add(src, path, E021, f"unknown {what} '{wanted}'", hint)


def check_references(parsed: Parsed) -> list[Finding]:
    out = _Collector()
    index = _build_index([(s, o) for s, o in parsed if not isinstance(o, RuleSet)], out)
    regs = {o.id: o for _, o in parsed if isinstance(o, Regulation)}
    rule_docs: dict[str, str] = {}
    _check_satisfies(out, [(s, o) for s, o in parsed if isinstance(o, Catalogue)], index)
    for src, obj in parsed:
        if isinstance(obj, RuleSet):
            out.unique(rule_docs, obj.id, src, ("regulation",), "rules document for regulation")
            _check_rules(out, src, obj, regs, index)
        elif isinstance(obj, Catalogue):
            _check_actors(out, src, obj, index)
            _check_aliases(out, src, obj, regs)
        else:
            _check_regulation(out, src, obj, index)
            _check_aliases(out, src, obj, regs)
    return out.problems + check_cycles(parsed)


def _build_index(parsed: list[tuple[SourceInfo, Regulation | Catalogue]], out: _Collector) -> _Index:
    idx = _Index()
    seen: dict[str, dict[str, str]] = {k: {} for k in ("reg", "cat", "actor", "place", "art", "topic")}
    for src, obj in parsed:
        key = "cat" if isinstance(obj, Catalogue) else "reg"
        out.unique(seen[key], obj.id, src, ("id",), "catalogue" if key == "cat" else "regulation")
        for i, a in enumerate(obj.actors):
            if out.unique(seen["actor"], a.id, src, ("actors", i, "id"), "actor"):
                idx.actors.add(a.id)
        for i, p in enumerate(obj.places):
            if out.unique(seen["place"], p.id, src, ("places", i, "id"), "place"):
                idx.places.add(p.id)
        if isinstance(obj, Catalogue):
            for i, k in enumerate(obj.artefact_kinds):
                if out.unique(seen["art"], k.id, src, ("artefact_kinds", i, "id"), "artefact kind"):
                    idx.artefacts.add(k.id)
            for i, t in enumerate(obj.topics):
                if out.unique(seen["topic"], t.id, src, ("topics", i, "id"), "topic"):
                    idx.topics.add(t.id)
        else:
            idx.regulations.add(obj.id)
            idx.duties |= {duty_ref(obj.id, p.id, d.id) for p, _, _ in provision_paths(obj) for d in p.duties}
    return idx


def _check_aliases(
    out: _Collector, src: SourceInfo, obj: Regulation | Catalogue, regs: dict[str, Regulation]
) -> None:
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


def _check_actors(out: _Collector, src: SourceInfo, obj: Regulation | Catalogue, idx: _Index) -> None:
    for i, a in enumerate(obj.actors):
        base: YamlPath = ("actors", i)
        for j, m in enumerate(a.members):
            out.ref(src, (*base, "members", j), m, idx.actors, "actor")
        for fld in ("role", "part_of"):
            val = getattr(a, fld)
            if val is not None:
                out.ref(src, (*base, fld), val, idx.actors, "actor")
        if a.place is not None:
            out.ref(src, (*base, "place"), a.place, idx.places, "place")
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
            out.ref(src, ("places", i, "parent"), p.parent, idx.places, "place")


def _check_satisfies(out: _Collector, cats: list[tuple[SourceInfo, Catalogue]], idx: _Index) -> None:
    """`satisfies` names artefact kinds, and no kind satisfies itself through others (a cycle
    would make two kinds one; merge them instead)."""
    edges: dict[str, list[str]] = {}
    where: dict[str, tuple[SourceInfo, YamlPath]] = {}
    for src, cat in cats:
        for i, k in enumerate(cat.artefact_kinds):
            where.setdefault(k.id, (src, ("artefact_kinds", i, "satisfies")))
            for j, target in enumerate(k.satisfies):
                out.ref(src, ("artefact_kinds", i, "satisfies", j), target, idx.artefacts, "artefact kind")
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


def _check_regulation(out: _Collector, src: SourceInfo, reg: Regulation, idx: _Index) -> None:
    _check_actors(out, src, reg, idx)
    if reg.coverage is not None:
        provisions = {p.id for p, _, _ in provision_paths(reg)}
        for i, pid in enumerate(reg.coverage.received):
            out.ref(src, ("coverage", "received", i), pid, provisions, f"provision of {reg.id}")
    for i, a in enumerate(reg.issuers):
        out.ref(src, ("issuers", i), a, idx.actors, "actor")
    out.ref(src, ("jurisdiction",), reg.jurisdiction, idx.places, "place")
    for i, r in enumerate(reg.implements):
        out.ref(src, ("implements", i), r, idx.regulations - {reg.id}, "regulation")
    for i, ni in enumerate(reg.not_implemented):
        out.ref(src, ("not_implemented", i, "duty"), ni.duty, idx.duties, "duty")
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
            _check_duty(out, src, prov.text, duty, (*path, "duties", k), idx)


def _unique_ids(out: _Collector, src: SourceInfo, reg: Regulation) -> None:
    seen: dict[str, str] = {}
    for prov, _, path in provision_paths(reg):
        out.unique(seen, prov.id, src, (*path, "id"), "provision")
        duty_ids: dict[str, str] = {}
        for k, d in enumerate(prov.duties):
            out.unique(duty_ids, d.id, src, (*path, "duties", k, "id"), "duty")
    divs: dict[str, str] = {}

    def visit(items: Iterable[tuple[int, object]], base: YamlPath) -> None:
        from responsibility.policy.model import Division

        for j, div in items:
            assert isinstance(div, Division)
            out.unique(divs, div.id, src, (*base, j, "id"), "division")
            visit(enumerate(div.divisions), (*base, j, "divisions"))

    visit(enumerate(reg.divisions), ("divisions",))


def _check_duty(out: _Collector, src: SourceInfo, text: str, duty: Duty, path: YamlPath, idx: _Index) -> None:
    if duty.quote not in text:
        out.add(
            src,
            (*path, "quote"),
            E022,
            f"quote is not a verbatim substring of its provision: {quote_mismatch(duty.quote, text)}",
            "copy the words exactly from the provision text, punctuation as received",
        )
    for j, o in enumerate(duty.owners):
        out.ref(src, (*path, "owners", j, "actor"), o.actor, idx.actors, "actor")
    for j, c in enumerate(duty.counterparties):
        out.ref(src, (*path, "counterparties", j, "actor"), c.actor, idx.actors, "actor")
    for j, a in enumerate(duty.artefacts):
        out.ref(src, (*path, "artefacts", j), a, idx.artefacts, "artefact kind")
    for j, t in enumerate(duty.topics):
        out.ref(src, (*path, "topics", j), t, idx.topics, "topic")
    for j, ref in enumerate(duty.implements):
        out.ref(src, (*path, "implements", j), ref, idx.duties, "duty")
    if duty.implements and duty.local_addition:
        out.add(
            src,
            (*path, "local_addition"),
            E024,
            "a duty that implements a parent is not a local addition",
            "remove local_addition",
        )


def _check_rules(
    out: _Collector, src: SourceInfo, rs: RuleSet, regs: dict[str, Regulation], idx: _Index
) -> None:
    """A rules document names a loaded regulation, its provisions and actors, and quotes them."""
    reg = regs.get(rs.regulation)
    if reg is None:
        out.ref(src, ("regulation",), rs.regulation, set(regs), "regulation")
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
                out.ref(src, (*spath, "by", k), actor, idx.actors, "actor")


def _quoted(out: _Collector, src: SourceInfo, path: YamlPath, quote: str, text: str | None) -> None:
    if text is not None and quote not in text:
        out.add(
            src,
            path,
            E022,
            f"quote is not a verbatim substring of its provision: {quote_mismatch(quote, text)}",
            "copy the words exactly from the provision text, punctuation as received",
        )
