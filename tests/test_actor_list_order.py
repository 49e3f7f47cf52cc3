"""An actor's 责任清单 holds the duties it owes in document order, whichever way it is computed."""

from __future__ import annotations

import responsibility
from responsibility.graph.queries import owes
from responsibility.graph.responsibility_list import actor_rows

PS = responsibility.load()


def test_every_actors_list_is_its_owed_duties_in_document_order() -> None:
    checked = 0
    for actor in PS.actors:
        owed = {d.duty.id for group in owes(PS, actor).groups for d in group.duties}
        expected: dict[str, list[str]] = {}
        for e in PS.all_duties():  # the plain reading: every duty, in order, kept when owed
            if e.ref in owed:
                expected.setdefault(e.regulation.id, []).append(e.ref)
        got = {reg: [r.duty for r in rows] for reg, rows in actor_rows(PS, actor).items()}
        assert got == expected, actor
        assert list(got) == list(expected), actor  # the sheets in the same order too
        checked += bool(owed)
    assert checked > 50
