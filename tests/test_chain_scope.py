"""`chain` keeps to the places a regulation governs, also through role types that no concrete
body fills (a 河北 county's chain never shows a 山西 or 贵州 link)."""

from __future__ import annotations

import pytest

from responsibility.graph.queries import chain
from responsibility.policy.policyset import PolicySet
from responsibility.semantics import within


def _reaches(ps: PolicySet, regulation: str, place: str | None) -> bool:
    area = ps.regulations[regulation].jurisdiction
    return place is None or within(ps, place, area) or within(ps, area, place)


def test_wuyi_county_government_sees_only_links_of_rules_that_reach_wuyi(shipped: PolicySet) -> None:
    (result,) = chain(shipped, "wuyi.county-government").lines
    regulations = {link.regulation for link in (*result.upward, *result.downward)}
    assert regulations <= {"central", "wuyi"}, regulations
    assert {"central", "wuyi"} <= regulations  # not vacuous


@pytest.mark.parametrize("actor", ["wuyi.county-government", "wuyi.party-secretary", "wuyi.county-committee"])
def test_every_link_comes_from_a_regulation_reaching_both_ends(shipped: PolicySet, actor: str) -> None:
    links = tuple(k for found in chain(shipped, actor).lines for k in (*found.upward, *found.downward))
    assert links
    for link in links:
        # followed from a concrete body, every role type stands somewhere (no placeless role
        # through which any regulation's links would apply)
        assert link.lower_place is not None and link.upper_place is not None, link
        reg = link.regulation
        for place in (link.lower_place, link.upper_place):
            assert _reaches(shipped, reg, place), (link, place)
