"""The export contract: the whole policy set as one JSON document.

Other tools depend on this shape; keys listed in the README are always present (null or []
when empty). Output is deterministic: regulations sorted by id, provisions and duties in
document order, object keys sorted.
"""

from __future__ import annotations

import json
from typing import Any

from responsibility.policy.model import Counterparty, Duty, Owner, Provision, Regulation, Text
from responsibility.policy.policyset import PolicySet, citations, provision_paths

FORMAT_VERSION = 1


def _text(t: Text | None) -> dict[str, str | None] | None:
    return None if t is None else {"zh": t.zh, "en": t.en}


def _owner(ps: PolicySet, o: Owner) -> dict[str, Any]:
    actor = ps.actors[o.actor]
    return {
        "id": o.actor,
        "zh": o.zh or actor.name.zh,
        "en": actor.name.en,
        "level": actor.level.value,
        "responsibility": o.responsibility.value,
        # the text names no such body here: `zh` is then the catalogue's name, not the text's
        "inferred": o.inferred,
    }


def _counterparty(ps: PolicySet, c: Counterparty) -> dict[str, Any]:
    actor = ps.actors[c.actor]
    return {"role": c.role.value, "id": c.actor, "zh": c.zh or actor.name.zh, "en": actor.name.en}


def duty_record(ps: PolicySet, reg: Regulation, prov: Provision, d: Duty) -> dict[str, Any]:
    return {
        "id": f"{reg.id}/{prov.id}/{d.id}",
        "summary": _text(d.summary),
        "owners": [_owner(ps, o) for o in d.owners],
        "action": d.action.value,
        "object": _text(d.object),
        "modality": d.modality.value,
        "condition": _text(d.condition),
        "frequency": d.frequency.value if d.frequency else None,
        "deadline": d.deadline,
        "counterparties": [_counterparty(ps, c) for c in d.counterparties],
        "artefacts": list(d.artefacts),
        "topics": list(d.topics),
        "implements": list(d.implements),
        "local_addition": d.local_addition,
        "quote": d.quote,
        "note": d.note,
    }


def regulation_record(ps: PolicySet, reg: Regulation) -> dict[str, Any]:
    provisions = []
    cites = citations(reg)
    for prov, div, _ in provision_paths(reg):
        provisions.append(
            {
                "id": prov.id,
                "label": prov.label,
                "citation": cites[prov.id],
                "label_inferred": prov.label_inferred,
                "chapter": div.id if div else None,
                "chapter_title": _text(div.title) if div else None,
                "text": prov.text,
                "no_duty_reason": prov.no_duty_reason,
                "duties": [duty_record(ps, reg, prov, d) for d in prov.duties],
            }
        )
    return {
        "id": reg.id,
        "title": _text(reg.title),
        "level": reg.level.value,
        "status": reg.status.value,
        "jurisdiction": reg.jurisdiction,
        "document_number": reg.document_number,
        "issued": reg.issued.isoformat() if reg.issued else None,
        "effective": reg.effective.isoformat() if reg.effective else None,
        "issuers": list(reg.issuers),
        "implements": list(reg.implements),
        "cites": [c.model_dump(mode="json") for c in reg.cites],
        "not_implemented": [n.model_dump(mode="json") for n in reg.not_implemented],
        "provisions": provisions,
    }


def export(ps: PolicySet) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "regulations": [regulation_record(ps, r) for r in ps.regulations.values()],
    }


def dumps(data: Any) -> str:
    """Canonical JSON: sorted keys, UTF-8 text kept as is, trailing newline."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
