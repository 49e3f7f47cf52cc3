"""How the terminal answers name things, in the language asked for (`--lang`, Chinese first),
every word taken from the one label table (:mod:`responsibility.policy.labels`): regulations by
the place they govern (中央, 山西, 武邑), duties by regulation and article as printed (山西
第五十条) with their summary, bodies, places, topics and artefact kinds by their names, and the
controlled vocabularies (应当, 每年, 主体责任, 报告 …) by their labels.

JSON answers keep the ids as the machine keys and add, with :func:`labelled`, the same words: a
`<field>_label` beside every vocabulary value and a `display` in every bilingual object."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from responsibility.graph.queries import DutyRef, duty_ref_of
from responsibility.policy import labels as L
from responsibility.policy.lookup import regulation_name
from responsibility.policy.model import Owner, Text
from responsibility.policy.policyset import PolicySet


@dataclass(frozen=True)
class Words:
    """The names and labels of one answer, in one language."""

    ps: PolicySet
    lang: str = "zh"

    def label(self, table: dict[Any, tuple[str, str]], value: object) -> str:
        return "-" if value is None or value == "" else L.say(table, value, self.lang)

    def headers(self, *keys: str) -> list[str]:
        return [L.say(L.COLUMN_LABEL, k, self.lang) for k in keys]

    def text(self, t: Text | None) -> str:
        return "-" if t is None else L.in_lang(t.zh, t.en, self.lang) or "-"

    def pair(self, zh: str | None, en: str | None) -> str:
        return L.in_lang(zh, en, self.lang) or "-"

    def count(self, n: int, noun: str) -> str:
        return L.count(n, noun, self.lang)

    # -- things of the policy set -------------------------------------------------------------

    def regulation(self, reg: str) -> str:
        """中央, 山西, 武邑 (Central, Shanxi Province): see lookup.regulation_name."""
        return regulation_name(self.ps, reg, self.lang)

    def cite(self, d: DutyRef) -> str:
        """山西 第五十条 — a duty's regulation and article as printed (articles are printed in
        Chinese in both languages: they are what the text says)."""
        return f"{self.regulation(d.regulation)} {d.article}"

    def summary(self, d: DutyRef) -> str:
        return self.pair(d.zh, d.en)

    def duty(self, ref: str) -> DutyRef:
        return duty_ref_of(self.ps.duty_entry(ref))

    def actor(self, actor: str) -> str:
        a = self.ps.actors.get(actor)
        return self.pair(a.name.zh, a.name.en) if a else actor

    def owner(self, o: Owner) -> str:
        """A duty's owner as the text names it there (县委和县政府), or its catalogue name."""
        a = self.ps.actors.get(o.actor)
        if a is None:
            return o.zh or o.actor
        return self.pair(o.zh or a.name.zh, a.name.en)

    def place(self, place: str | None) -> str:
        p = self.ps.places.get(place or "")
        return self.pair(p.name.zh, p.name.en) if p else (place or "-")

    def topic(self, topic: str) -> str:
        t = self.ps.topics.get(topic)
        return self.pair(t.name.zh, t.name.en) if t else (topic or self.headers("no topic")[0])

    def artefact(self, kind: str) -> str:
        k = self.ps.artefact_kinds.get(kind)
        return self.pair(k.name.zh, k.name.en) if k else kind

    def field_value(self, field: str, value: str) -> str:
        """A `compare` field value ("a, b" of ids or vocabulary values) in names, 、-separated."""
        if value == "-":
            return value
        parts = value.split(", ")
        name = {"owners": self.actor, "artefacts": self.artefact}.get(field)
        if name is None:
            table = L.FIELD_VOCABULARY.get(field, {})
            return "、".join(self.label(table, p) for p in parts)
        return "、".join(name(p) for p in parts) if self.lang == "zh" else ", ".join(name(p) for p in parts)

    def list_of(self, names: list[str]) -> str:
        return ("、" if self.lang == "zh" else ", ").join(names)


def words(ps: PolicySet, args: argparse.Namespace) -> Words:
    return Words(ps, getattr(args, "lang", "zh"))


# The fields of a JSON answer whose values are controlled vocabulary, with the tables that label
# them (tried in turn: `status` is a parent duty's status in `trace`, a regulation's elsewhere).
VOCABULARY_FIELDS: dict[str, tuple[dict[Any, tuple[str, str]], ...]] = {
    "action": (L.ACTION_LABEL,),
    "modality": (L.MODALITY_LABEL,),
    "frequency": (L.FREQUENCY_LABEL,),
    "responsibility": (L.RESPONSIBILITY_LABEL,),
    "role": (L.ROLE_LABEL,),
    "relation": (L.RELATION_LABEL,),
    "level": (L.LEVEL_LABEL,),
    "status": (L.STATUS_LABEL, L.REGULATION_STATUS_LABEL),
    "basis": (L.BASIS_LABEL,),
    "kind": (L.ACTOR_KIND_LABEL,),
    "field": (L.FIELD_LABEL,),
}


def labelled(data: Any, lang: str) -> Any:
    """JSON data with the words of the tables added, ids untouched: beside each vocabulary value
    (`"modality": "obligation"`) its label (`"modality_label": "应当"`), and in each object
    holding a text in both languages (`zh`, `en`) a `display`: the one in `lang` (the other,
    marked [zh]/[en], when it is missing)."""
    if isinstance(data, list):
        return [labelled(x, lang) for x in data]
    if not isinstance(data, dict):
        return data
    out = {k: labelled(v, lang) for k, v in data.items()}
    for key, value in data.items():
        for table in VOCABULARY_FIELDS.get(key, ()):
            if isinstance(value, str) and any(str(k) == value for k in table):
                out[f"{key}_label"] = L.say(table, value, lang)
                break
    if "zh" in data and "en" in data and "display" not in data:
        zh, en = data["zh"], data["en"]
        if isinstance(zh, str | None) and isinstance(en, str | None):
            out["display"] = L.in_lang(zh, en, lang)
    return out
