"""How the terminal answers name things: regulations by the place they govern (中央, 山西, 武邑),
duties by article as printed (山西 第五十条), bodies, artefact kinds and the controlled
vocabularies by their Chinese names, with the id beside them to type back."""

from __future__ import annotations

from responsibility.graph.queries import DutyRef
from responsibility.policy.labels import FREQUENCY_LABEL, MODALITY_LABEL, RESPONSIBILITY_LABEL
from responsibility.policy.lookup import _short
from responsibility.policy.model import Frequency, Level, Modality, Responsibility
from responsibility.policy.policyset import PolicySet


def regulation_name(ps: PolicySet, reg: str) -> str:
    """The short name people use: 中央 for the centre, else the place without 省/市/县 (山西, 武邑)."""
    r = ps.regulations.get(reg)
    place = ps.places.get(r.jurisdiction) if r else None
    if r is None or place is None:
        return reg
    if place.level == Level.central:
        return "中央"
    return (_short(place.name.zh) or (place.name.zh,))[0]


def cite(ps: PolicySet, d: DutyRef) -> str:
    """山西 第五十条 — a duty's regulation and article as printed."""
    return f"{regulation_name(ps, d.regulation)} {d.article}"


def actor_name(ps: PolicySet, actor: str) -> str:
    a = ps.actors.get(actor)
    return a.name.zh if a else actor


def artefact_name(ps: PolicySet, kind: str) -> str:
    k = ps.artefact_kinds.get(kind)
    return k.name.zh if k else kind


def _vocabulary(field: str, value: str) -> str:
    """A value of a controlled field as the text says it: obligation → 应当."""
    try:
        if field == "responsibility":
            return RESPONSIBILITY_LABEL[Responsibility(value)][0]
        if field == "modality":
            return MODALITY_LABEL[Modality(value)][0]
        if field == "frequency":
            return FREQUENCY_LABEL[Frequency(value)][0]
    except (KeyError, ValueError):
        pass
    return value


# The fields `compare` reports, with their Chinese names.
FIELD_NAMES = {
    "owners": "责任主体",
    "responsibility": "责任类型",
    "modality": "约束",
    "frequency": "频次",
    "artefacts": "材料",
}


def field_value(ps: PolicySet, field: str, value: str) -> str:
    """A `compare` field value ("a, b" of ids or vocabulary values) in Chinese names, 、-separated."""
    if value == "-":
        return value
    parts = value.split(", ")
    if field == "owners":
        return "、".join(actor_name(ps, p) for p in parts)
    if field == "artefacts":
        return "、".join(artefact_name(ps, p) for p in parts)
    return "、".join(_vocabulary(field, p) for p in parts)
