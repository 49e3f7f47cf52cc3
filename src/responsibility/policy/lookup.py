"""What a person types, resolved to an id: the one resolver every command and query uses.

Each kind of thing the library names — regulations, provisions, duties, actors, places, topics,
artefact kinds — is found by its id or by what a person reads in the text or on the site:

* a regulation by its title (甘肃省脱贫攻坚责任制实施办法) or the place it governs (武邑县, 武邑);
* a provision by its label as printed and cited (第九条, 第9条, 一(一)3, 一（一）3, 二、4), within
  its regulation; a label printed more than once (``1、``) is ambiguous;
* a duty by its summary (建立扶贫项目库), within its provision;
* an actor, place, topic or artefact kind by its Chinese or English name (武邑县人民政府, 县级政府).

Text is compared after NFKC normalisation (full-width brackets are the ASCII ones), without
whitespace and case-insensitively. An id always wins; then a Chinese name, an English name, and
other names (a label, a place). A name that fits several things raises :class:`AmbiguousName`
listing them; a name that fits nothing raises :class:`~responsibility.core.errors.LookupFailure`
with the nearest names — Chinese names when Chinese was typed — each with its id.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from responsibility.core.errors import AmbiguousName, LookupFailure
from responsibility.policy.labels import unmarked
from responsibility.policy.model import Level, Text

if TYPE_CHECKING:  # the policy set imports this module for its lookups
    from responsibility.policy.policyset import PolicySet


def suggest(wanted: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The nearest valid ids, for 'did you mean' hints."""
    pool = sorted(set(candidates))
    near = difflib.get_close_matches(wanted, pool, n=n, cutoff=0.5)
    if not near:  # ids are often prefixes of one another: county.gov → county.government
        near = [c for c in pool if c.startswith(wanted) or wanted in c][:n]
    return near


# -- matching ------------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """19 → 十九, 30 → 三十, 105 → 一百零五: how articles are numbered in print (n < 1000)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _DIGITS[rest] if rest < 10 else chinese_number(rest))
    if 10 <= rest < 20:
        tail = "一" + tail  # 一百一十二, not 一百十二
    return _DIGITS[n // 100] + "百" + tail


def normalise(text: str) -> str:
    """The form names are compared in: NFKC (（一） → (一)), no whitespace, case-folded, and an
    article number in Arabic digits written as printed (第19条 → 第十九条)."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()
    return re.sub(r"第(\d{1,3})条", lambda m: f"第{chinese_number(int(m.group(1)))}条", s)


def has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


@dataclass(frozen=True)
class Named:
    """One thing a person may name: its id, its Chinese and English names, and other names
    (a label as printed, the place a regulation governs) tried after those."""

    id: str
    zh: str
    en: str | None = None
    aliases: tuple[str, ...] = ()

    def show(self, chinese_first: bool) -> str:
        if self.zh == self.id:
            return self.id
        return f"{self.zh} ({self.id})" if chinese_first else f"{self.id} ({self.zh})"


class Index:
    """Names of one kind, normalised once, tier by tier (id, Chinese, English, other names)."""

    def __init__(self, items: Iterable[Named]) -> None:
        self.items: dict[str, Named] = {}
        self.tiers: list[dict[str, list[str]]] = [{}, {}, {}, {}, {}]
        for it in items:
            self.items.setdefault(it.id, it)
            names = ([it.id], [it.id], [it.zh], [it.en] if it.en else [], list(it.aliases))
            for tier, keys in enumerate(names):
                for key in keys:
                    k = key if tier == 0 else normalise(key)
                    ids = self.tiers[tier].setdefault(k, [])
                    if it.id not in ids:
                        ids.append(it.id)

    def find(self, wanted: str) -> list[str]:
        """The ids the first matching tier gives: one, several (ambiguous) or none."""
        for tier, names in enumerate(self.tiers):
            found = names.get(wanted if tier == 0 else normalise(wanted))
            if found:
                return found
        return []

    def near(self, wanted: str, n: int = 3) -> list[Named]:
        """The closest names: Chinese names when Chinese was typed, else ids (then English)."""
        if has_cjk(wanted):
            by_name: dict[str, list[str]] = {}
            for it in self.items.values():
                for name in (it.zh, *it.aliases):
                    by_name.setdefault(normalise(name), []).append(it.id)
            key = normalise(wanted)
            close = difflib.get_close_matches(key, sorted(by_name), n=n, cutoff=0.4)
            if not close:  # a short or partial name: 规化 → 规划计划, by characters in common
                shared = {k: len(set(key) & set(k)) / len(set(key) | set(k)) for k in by_name}
                close = sorted((k for k in shared if shared[k] > 0), key=lambda k: (-shared[k], k))[:n]
            ids = [i for k in close for i in by_name[k]]
        else:
            ids = suggest(wanted, self.items)
            if not ids:
                en = {normalise(it.en): it.id for it in self.items.values() if it.en}
                ids = [en[k] for k in difflib.get_close_matches(normalise(wanted), sorted(en), n=n)]
        return [self.items[i] for i in dict.fromkeys(ids)][:n]

    def resolve(
        self,
        kind: str,
        wanted: str,
        display: Callable[[Named], Named] | None = None,
        asked: str | None = None,
    ) -> str:
        """The one id `wanted` names, or LookupFailure / AmbiguousName naming the candidates
        (each passed through `display`; the message quotes `asked`, by default `wanted`)."""
        found = self.find(wanted)
        if len(found) == 1:
            return found[0]
        show = display or (lambda it: it)
        zh_first = has_cjk(wanted)
        if found:
            shown = [show(self.items[i]) for i in found]
            raise AmbiguousName(kind, asked or wanted, [s.id for s in shown], [s.show(True) for s in shown])
        near = [show(it) for it in self.near(wanted)]
        every = [show(it).show(zh_first) for it in self.items.values()]
        # nothing close among a handful (five regulations): name them all
        hint = f"known: {', '.join(every)}" if not near and len(every) <= 10 else ""
        names = [s.show(zh_first) for s in near]
        raise LookupFailure(kind, asked or wanted, [s.id for s in near], names, hint)


# One index per policy set and kind, built on first use (a policy set is immutable once loaded).
_INDEXES: weakref.WeakKeyDictionary[PolicySet, dict[str, Index]] = weakref.WeakKeyDictionary()


def _index(ps: PolicySet, key: str, build: Callable[[], Iterable[Named]]) -> Index:
    per = _INDEXES.setdefault(ps, {})
    if key not in per:
        per[key] = Index(build())
    return per[key]


# -- the kinds -------------------------------------------------------------------------------------

_PLACE_SUFFIX = re.compile(r"(省|市|县|区|自治州|自治区)$")


def _short(place: str) -> tuple[str, ...]:
    """A place as people say it, without 省/市/县: 武邑县 → 武邑, 甘肃省 → 甘肃. A one-character
    name keeps its suffix (青县, 献县, 易县 are never 青, 献, 易)."""
    short = _PLACE_SUFFIX.sub("", place)
    return (short,) if len(short) > 1 and short != place else ()


def _regulations(ps: PolicySet) -> Iterable[Named]:
    for r in ps.regulations.values():
        place = ps.places.get(r.jurisdiction)
        names = (place.name.zh, *_short(place.name.zh)) if place else ()
        if place is not None and place.level == Level.central:
            names += ("中央",)  # how the answers name the centre's rule (cli/commands/_names.py)
        yield Named(r.id, r.title.zh, r.title.en, names)


class _HasName(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> Text: ...


def _by_name(things: Iterable[_HasName], short: bool = False) -> Iterable[Named]:
    """Things with an id and a bilingual name; places also by their short name (武邑)."""
    for t in things:
        yield Named(t.id, t.name.zh, t.name.en, _short(t.name.zh) if short else ())


def _actors(ps: PolicySet) -> Iterable[Named]:
    """Actors by name, and by the other names a text uses for them (县政府: the catalogue's `aliases`)."""
    for a in ps.actors.values():
        yield Named(a.id, a.name.zh, a.name.en, tuple(dict.fromkeys(x.zh for x in a.aliases)))


@dataclass(frozen=True)
class Kind:
    """One kind of thing named in a policy set: what messages call it, its table of ids, and
    the names a person may use for each."""

    name: str
    table: Callable[[PolicySet], Mapping[str, object]]
    names: Callable[[PolicySet], Iterable[Named]]


KINDS: dict[str, Kind] = {
    "regulation": Kind("regulation", lambda ps: ps.regulations, _regulations),
    "actor": Kind("actor", lambda ps: ps.actors, lambda ps: _actors(ps)),
    "place": Kind("place", lambda ps: ps.places, lambda ps: _by_name(ps.places.values(), short=True)),
    "topic": Kind("topic", lambda ps: ps.topics, lambda ps: _by_name(ps.topics.values())),
    "artefact": Kind(
        "artefact kind", lambda ps: ps.artefact_kinds, lambda ps: _by_name(ps.artefact_kinds.values())
    ),
}


def resolve(ps: PolicySet, kind: str, text: str) -> str:
    """The id of the `kind` (a key of :data:`KINDS`) that `text` names: an id as is, else by name."""
    k = KINDS[kind]
    if text in k.table(ps):
        return text
    return _index(ps, kind, lambda: k.names(ps)).resolve(k.name, text)


def regulation_name(ps: PolicySet, reg: str, lang: str = "zh") -> str:
    """A regulation as the answers name it, and as people type it: 中央 for the centre, else the
    place it governs without 省/市/县 (山西, 武邑); in English "Central" or the place's name."""
    r = ps.regulations.get(reg)
    place = ps.places.get(r.jurisdiction) if r else None
    if r is None or place is None:
        return reg
    if lang == "en":
        return "Central" if place.level == Level.central else (place.name.en or place.name.zh)
    if place.level == Level.central:
        return "中央"
    return (_short(place.name.zh) or (place.name.zh,))[0]


def regulation_id(ps: PolicySet, text: str) -> str:
    """A regulation by id, title or the place it governs (武邑县, 武邑)."""
    return resolve(ps, "regulation", text)


def actor_id(ps: PolicySet, text: str) -> str:
    """An actor by id or name (武邑县人民政府, 县级政府, county government), or another name a
    text uses for it (县政府: the catalogue's `aliases`)."""
    return resolve(ps, "actor", text)


def place_id(ps: PolicySet, text: str) -> str:
    """A place by id or name (武邑县, 武邑, Wuyi County)."""
    return resolve(ps, "place", text)


def topic_id(ps: PolicySet, text: str) -> str:
    """A topic by id or name (责任追究, accountability)."""
    return resolve(ps, "topic", text)


def artefact_kind_id(ps: PolicySet, text: str) -> str:
    """An artefact kind by id or name (年度计划, annual plan)."""
    return resolve(ps, "artefact", text)


def _provisions_of(ps: PolicySet, reg: str) -> Index:
    def build() -> Iterable[Named]:
        entries = ps.provisions(reg)
        for p in entries:
            label = p.provision.label
            aliases: tuple[str, ...] = (label, label.rstrip("、")) if label and label != p.citation else ()
            # a label the text does not print is cited marked (〔第11段〕); typed without the marks
            aliases += (unmarked(p.citation),) if unmarked(p.citation) != p.citation else ()
            yield Named(p.provision.id, p.citation, None, tuple(dict.fromkeys(a for a in aliases if a)))

    return _index(ps, f"provision:{reg}", build)


def provision_id(ps: PolicySet, regulation: str, text: str, asked: str | None = None) -> str:
    """A provision of `regulation` (an id or name) by id or label: 第九条, 第9条, 一(一)3, 二、4.
    `asked` is the text as the person typed it, for the message (central/第九十九条)."""
    reg = regulation_id(ps, regulation)
    if ps.has_provision(f"{reg}/{text}"):
        return text
    idx = _provisions_of(ps, reg)

    def full(it: Named) -> Named:  # shown as a ref a person can type back: central/第九条
        return Named(f"{reg}/{it.id}", f"{reg}/{it.zh}")

    return idx.resolve("provision", text, full, asked=asked or f"{reg}/{text}")


def _duties_of(ps: PolicySet, reg: str, prov: str) -> Index:
    entry = ps.provision_entry(f"{reg}/{prov}")
    return _index(
        ps,
        f"duty:{reg}/{prov}",
        lambda: (Named(d.id, d.summary.zh, d.summary.en) for d in entry.provision.duties),
    )


@dataclass(frozen=True)
class Ref:
    """A resolved reference: a duty (REG/PROVISION/DUTY) or a provision (REG/PROVISION)."""

    kind: str  # "duty" | "provision"
    ref: str


def parse_ref(ps: PolicySet, text: str, kinds: Sequence[str] = ("duty", "provision")) -> Ref:
    """`central/art_19/project-pool`, `central/第十九条/建立扶贫项目库`, `central/第十九条`,
    `武邑/一(一)3`: each part resolved in turn (regulation, provision, duty). With provisions
    allowed, a bare label (第十九条) is looked for in every regulation: found when one prints it."""
    if "duty" in kinds and ps.has_duty(text):
        return Ref("duty", text)
    if "provision" in kinds and ps.has_provision(text):
        return Ref("provision", text)
    parts = [p.strip() for p in unicodedata.normalize("NFKC", text).split("/")]
    if len(parts) == 1 and "provision" in kinds:
        return Ref("provision", _bare_provision(ps, text))
    if len(parts) == 2 and kinds == ("duty",):
        _not_a_duty(ps, text, parts)
    if not all(parts) or not (
        (len(parts) == 3 and "duty" in kinds) or (len(parts) == 2 and "provision" in kinds)
    ):
        pool = [d.ref for d in ps.all_duties()] if "duty" in kinds else []
        pool += [p.ref for p in ps.provisions()] if "provision" in kinds else []
        shapes = {"duty": "a duty is REG/PROVISION/DUTY", "provision": "a provision REG/PROVISION"}
        hint = ", ".join(shapes[k] for k in kinds)
        raise LookupFailure(" or ".join(kinds), text, suggest(text, pool), hint=hint)
    reg = regulation_id(ps, parts[0])
    prov = provision_id(ps, reg, parts[1], asked=text if len(parts) == 2 else f"{parts[0]}/{parts[1]}")
    base = f"{reg}/{prov}"
    if len(parts) == 2:
        return Ref("provision", base)

    def full(it: Named) -> Named:  # shown as its full id: central/art_19/project-pool (建立扶贫项目库)
        return Named(f"{base}/{it.id}", it.zh)

    duty = _duties_of(ps, reg, prov).resolve("duty", parts[2], full, asked=text)
    return Ref("duty", f"{base}/{duty}")


def _not_a_duty(ps: PolicySet, text: str, parts: list[str]) -> None:
    """REG/PROVISION where a duty is wanted: name the provision's duties, the ids that fit."""
    prov = ps.provision_entry(f"{regulation_id(ps, parts[0])}/{parts[1]}")
    duties = [Named(f"{prov.ref}/{d.id}", d.summary.zh) for d in prov.provision.duties]
    raise LookupFailure(
        "duty",
        text,
        [d.id for d in duties],
        [d.show(False) for d in duties],
        f"{prov.regulation.id}/{prov.citation} is a provision; a duty is REG/PROVISION/DUTY",
    )


def _bare_provision(ps: PolicySet, text: str) -> str:
    """A label with no regulation: found when exactly one regulation prints it."""
    items = [Named(p.ref, f"{p.regulation.id}/{p.citation}", None, (p.citation,)) for p in ps.provisions()]
    key = normalise(unmarked(text))
    found = [it for it in items if key in (normalise(unmarked(it.aliases[0])), normalise(it.id))]
    if len(found) == 1:
        return found[0].id
    if found:
        raise AmbiguousName("provision", text, [f.id for f in found], [f.show(True) for f in found])
    near = Index(items).near(text)
    hint = "give its regulation too: REG/第九条"
    raise LookupFailure("provision", text, [n.id for n in near], [n.show(True) for n in near], hint)


def duty_ref(ps: PolicySet, text: str) -> str:
    """A duty by its full id or by names: central/第十九条/建立扶贫项目库."""
    return parse_ref(ps, text, ("duty",)).ref


def duty_or_provision(ps: PolicySet, text: str) -> Ref:
    """A duty or a provision, by ids or names: central/第十九条, central/art_19/project-pool."""
    return parse_ref(ps, text)


__all__ = [
    "KINDS",
    "Index",
    "Kind",
    "Named",
    "Ref",
    "actor_id",
    "artefact_kind_id",
    "chinese_number",
    "duty_or_provision",
    "duty_ref",
    "normalise",
    "parse_ref",
    "place_id",
    "provision_id",
    "regulation_id",
    "resolve",
    "suggest",
    "topic_id",
]
