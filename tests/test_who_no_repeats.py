"""`who` names each body that shares a duty once (a newcomer saw 武邑县委、武邑县人民政府 twice
for 县委和县政府: its members were listed again as its 'instances')."""

from __future__ import annotations

import pytest

import responsibility
from responsibility.graph.queries import who
from responsibility.policy.model import ActorKind
from responsibility.policy.policyset import PolicySet


@pytest.fixture(scope="module")
def ps() -> PolicySet:
    return responsibility.load()


def test_no_owner_lists_a_body_twice(ps: PolicySet) -> None:
    for reg in ps.regulations:
        for e in ps.duties(reg):
            for d in who(ps, e.ref).duties:
                for o in d.owners:
                    shared = [m.id for m in o.members] + [i.id for i in o.instances]
                    assert len(shared) == len(set(shared)), (e.ref, o.actor.id, shared)
                    if ps.actors[o.actor.id].kind == ActorKind.concrete:
                        assert not o.instances, (e.ref, o.actor.id)


def test_the_county_committee_and_government_lists_its_two_members(ps: PolicySet) -> None:
    (duty,) = [d for d in who(ps, "wuyi/一(一)3").duties if "签订" in d.duty.zh]
    (owner,) = duty.owners
    assert [m.id for m in owner.members] == ["wuyi.county-committee", "wuyi.county-government"]
    assert owner.instances == ()
