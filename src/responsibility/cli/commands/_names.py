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
from responsibility.policy.names import Names
from responsibility.policy.policyset import PolicySet


@dataclass(frozen=True)
class Words(Names):
    """The names and labels of one answer, in one language (policy/names.Names), with the
    duties of the graph's answers (DutyRef) and `compare`'s field values."""

    def cite(self, d: DutyRef) -> str:
        """山西 第五十条 — a duty's regulation and article as printed (articles are printed in
        Chinese in both languages: they are what the text says)."""
        return f"{self.regulation(d.regulation)} {d.article}"

    def summary(self, d: DutyRef) -> str:
        return self.pair(d.zh, d.en)

    def duty(self, ref: str) -> DutyRef:
        return duty_ref_of(self.ps.duty_entry(ref))

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
