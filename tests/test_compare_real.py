"""compare on the shipped policies: concrete bodies are compared by the roles they fill."""

from __future__ import annotations

import responsibility
from responsibility.graph.queries import compare

PS = responsibility.load()


def _changes(a: str, b: str) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    out = {}
    for t in compare(PS, a, b).topics:
        for c in t.changed:
            out[(c.a.id, c.b.id)] = [(f.field, f.a, f.b) for f in c.changes]
    return out


def test_wuyi_county_committee_and_government_is_not_a_new_owner() -> None:
    changes = _changes("central", "wuyi")
    # 一(一)11 carries out 第十五条 with the same owner (武邑 县委和县政府 fills 县级党委和政府)
    pair = ("central/art_15/check-exit", "wuyi/sec_1__subsec_1__item_11/check-assess")
    assert pair not in changes or all(f[0] != "owners" for f in changes[pair])


def test_a_real_reassignment_is_reported() -> None:
    changes = _changes("central", "wuyi")
    # 第十九条 gives disclosure to the county government; 武邑 一(一)10 to 县委、县政府
    owners = [
        f
        for f in changes[
            ("central/art_19/disclosure-system", "wuyi/sec_1__subsec_1__item_10/disclose-projects")
        ]
        if f[0] == "owners"
    ]
    assert owners == [("owners", "county.government", "county.party-committee-and-government")]
