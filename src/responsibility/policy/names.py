"""Things of a policy set named for a reader, in one language (Chinese first, English on request):
regulations by the place they govern (中央, 山西, 武邑) or their title, duties by regulation and
article as printed with their summary (中央 第十九条「建立扶贫项目库」), bodies, places, topics
and artefact kinds by their names, and the controlled vocabularies by the one label table
(:mod:`responsibility.policy.labels`).

The terminal answers (cli/commands/_names.Words) and the checker's findings both name things
through :class:`Names`, so a body or an article reads the same in `owes` and in `check`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from responsibility.policy import labels as L
from responsibility.policy.lookup import regulation_name
from responsibility.policy.model import LEVEL_ORDER, ActorKind, Counterparty, Duty, Level, Owner, Text
from responsibility.policy.policyset import DutyEntry, PolicySet


def text_name(duty: Duty, actor: str) -> str | None:
    """The name `duty`'s text gives `actor`, as an owner (Owner.zh) or else as a counterparty
    (Counterparty.zh); None where it gives none (the catalogue's name is the text's, or the body
    is reached through its role). The one reading of it: :meth:`Names.named_at` words it, and
    the graph's answers carry it as `named` (`who`'s owners, `owes`'s rows)."""
    named = [(o.actor, o.zh) for o in duty.owners] + [(c.actor, c.zh) for c in duty.counterparties]
    return next((zh for a, zh in named if a == actor and zh), None)


def inferred_at(duty: Duty, actor: str) -> bool:
    """Whether `duty` holds `actor` only as an inferred owner (Owner.inferred): the text names no
    such body there, the encoder attributed the duty to it (the duty's or provision's note says
    why). False where the duty also names it otherwise, or does not hold it at all."""
    held = [o.inferred for o in duty.owners if o.actor == actor]
    held += [False for c in duty.counterparties if c.actor == actor]
    return bool(held) and all(held)


@dataclass(frozen=True)
class Names:
    """The names and labels of one answer, in one language (`zh` or `en`)."""

    ps: PolicySet
    lang: str = "zh"

    @property
    def zh(self) -> bool:
        return self.lang == "zh"

    def pick(self, zh: str, en: str) -> str:
        """One of two wordings of the same sentence, by language."""
        return zh if self.zh else en

    # -- words of the label table ----------------------------------------------------------------

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

    def list_of(self, names: list[str]) -> str:
        return ("、" if self.zh else ", ").join(names)

    def levels(self, levels: frozenset[Level] | set[Level]) -> str:
        """县级/市级 (county/city): levels in the order of the hierarchy, by their labels."""
        ordered = sorted(levels, key=lambda lv: (LEVEL_ORDER.get(lv, 99), str(lv)))
        return "/".join(self.label(L.LEVEL_LABEL, lv) for lv in ordered)

    # -- things of the policy set ----------------------------------------------------------------

    def regulation(self, reg: str) -> str:
        """中央, 山西, 武邑 (Central, Shanxi Province): see lookup.regulation_name."""
        return regulation_name(self.ps, reg, self.lang)

    def title(self, reg: str) -> str:
        """A regulation's title: 《武邑县脱贫攻坚责任制实施细则(讨论稿)》, or in English as given."""
        r = self.ps.regulations.get(reg)
        if r is None:
            return reg
        return f"《{r.title.zh}》" if self.zh else self.text(r.title)

    def quoted(self, zh: str | None, en: str | None) -> str:
        """A summary or a title as a name in a sentence: 「建立扶贫项目库」, “establish a project pool”."""
        text = self.pair(zh, en)
        return f"「{text}」" if self.zh else f"“{text}”"

    def named_duty(self, entry: DutyEntry) -> str:
        """中央 第十九条「建立扶贫项目库」: a duty by its regulation, its article as printed (in
        both languages: it is what the text says) and its summary."""
        cite = " ".join(p for p in (self.regulation(entry.regulation.id), entry.citation) if p)
        return cite + ("" if self.zh else " ") + self.duty_summary(entry)

    def named_ref(self, ref: str) -> str:
        """A duty id named as :meth:`named_duty` names it (the id itself when there is no such duty)."""
        return self.named_duty(self.ps.duty_entry(ref)) if self.ps.has_duty(ref) else ref

    def duty_summary(self, entry: DutyEntry) -> str:
        return self.quoted(entry.duty.summary.zh, entry.duty.summary.en)

    def actor(self, actor: str) -> str:
        a = self.ps.actors.get(actor)
        return self.pair(a.name.zh, a.name.en) if a else actor

    def as_named(self, actor: str, written: str | None, with_id: bool = True, inferred: bool = False) -> str:
        """A body at a provision, as that text names it, then — where the catalogue names it
        otherwise — the catalogue's name and id: 省级领导（省级领导干部，province.leaders）. The
        one way every face names an owner or a counterparty of a duty (Owner.zh, Counterparty.zh
        hold the text's name), so a reader finds the words of the text and can tell which body of
        the catalogue they mean. `with_id=False` leaves the id out where the catalogue's page is
        one click away (the site, the 责任清单). In English the text's (Chinese) name is not
        shown: the catalogue's English name is the body's only English name.

        `inferred`: the text names no such body there (Owner.inferred), so the name stands in
        the mark of what the text does not print, 〔省级党委和政府〕 (labels.inferred), in every
        language."""
        if inferred:
            return L.inferred(self.as_named(actor, written, with_id))
        a = self.ps.actors.get(actor)
        if a is None:
            return written or actor
        catalogue = self.pair(a.name.zh, a.name.en)
        if not self.zh or not written or written == a.name.zh:
            return catalogue
        return f"{written}（{catalogue}，{actor}）" if with_id else f"{written}（{catalogue}）"

    def owner(self, o: Owner) -> str:
        """A duty's owner as the text names it there (县委、县政府), with the catalogue's name
        and id after it where they differ (:meth:`as_named`)."""
        return self.as_named(o.actor, o.zh, inferred=o.inferred)

    def owners(self, owners: list[Owner], with_id: bool = True) -> str:
        """A duty's owners in one cell or sentence, each as :meth:`as_named` names it — except
        that a name the text gives several of them at once is printed once, with the catalogue's
        names of the bodies it covers after it: 武邑 二、〔3〕's 各牵头部门 is sixteen departments,
        各牵头部门（武邑县委组织部、武邑县委宣传部、…）, not 各牵头部门（…，id） sixteen times.
        Such a group leaves out the ids (one per body would make the cell as long again); `who`
        gives each owner a row with its id, and `--format json` every id."""
        shared = Counter(o.zh for o in owners if o.zh)
        parts: list[str] = []
        grouped: dict[str, list[str]] = {}
        for o in owners:
            written = o.zh
            if not self.zh or written is None or shared[written] < 2 or o.inferred:
                parts.append(self.as_named(o.actor, written, with_id, o.inferred))
                continue
            if written not in grouped:
                grouped[written] = []
                parts.append(written)  # the group's place: where the text's name first stands
            grouped[written].append(self.actor(o.actor))
        return self.list_of([f"{p}（{'、'.join(grouped[p])}）" if p in grouped else p for p in parts])

    def counterparty(self, c: Counterparty) -> str:
        """A duty's counterparty as the text names it there (:meth:`as_named`)."""
        return self.as_named(c.actor, c.zh)

    def named_at(self, ref: str, actor: str, with_id: bool = True) -> str:
        """`actor` as the duty `ref` names it, as owner or counterparty (:meth:`as_named`); its
        catalogue name when the duty does not name it (a body reached through its role)."""
        if not self.ps.has_duty(ref):
            return self.as_named(actor, None, with_id)
        duty = self.ps.duty(ref)
        return self.as_named(actor, text_name(duty, actor), with_id, inferred_at(duty, actor))

    def place(self, place: str | None) -> str:
        p = self.ps.places.get(place or "")
        return self.pair(p.name.zh, p.name.en) if p else (place or "-")

    def body(self, body: str, written: str | None = None, inferred: bool = False) -> str:
        """A body that owes artefacts: a concrete actor by its name; a role type at a place
        (ROLE@PLACE, as the evidence check keys it) as 示例县的县级党委和政府 (county Party
        committee and government of Example County). `written`: the name the duty's text gives
        the role there (:meth:`as_named`); `inferred`, that the text names no such body there."""
        role, at, place = body.partition("@")
        actor = self.ps.actors.get(role)
        if not at or (actor is not None and actor.kind == ActorKind.concrete):
            return self.as_named(role, written, inferred=inferred)
        who, where = self.as_named(role, written, inferred=inferred), self.place(place)
        return self.pick(f"{where}的{who}", f"{who} of {where}")

    def topic(self, topic: str) -> str:
        t = self.ps.topics.get(topic)
        return self.pair(t.name.zh, t.name.en) if t else (topic or self.headers("no topic")[0])

    def artefact(self, kind: str) -> str:
        k = self.ps.artefact_kinds.get(kind)
        return self.pair(k.name.zh, k.name.en) if k else kind


__all__ = ["Names", "inferred_at", "text_name"]
