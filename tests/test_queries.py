"""The queries on the fixture policy set and on the shipped central measure, and their commands."""

from __future__ import annotations

import json

import pytest

from graph_support import fixture_args, fixture_set
from responsibility.cli.commands._names import labelled
from responsibility.cli.main import main
from responsibility.core.errors import LookupFailure
from responsibility.graph.queries import (
    Basis,
    TraceStatus,
    as_data,
    chain,
    compare,
    owes,
    trace,
    walk_tree,
    who,
)
from responsibility.policy.policyset import PolicySet

# -- who -----------------------------------------------------------------------------------------


def test_who_lists_owners_with_members_and_concrete_instances() -> None:
    result = who(fixture_set(), "fx-central/art_5/principal")
    assert result.kind == "duty"
    (owner,) = result.duties[0].owners
    assert (owner.actor.id, owner.responsibility) == ("county.party-committee-and-government", "principal")
    assert [m.id for m in owner.members] == ["county.party-committee", "county.government"]
    assert [i.zh for i in owner.instances] == ["武邑县委", "武邑县人民政府"]


def test_who_on_a_provision_covers_its_duties_in_order() -> None:
    result = who(fixture_set(), "fx-central/art_3")
    assert result.kind == "provision"
    assert [d.duty.id for d in result.duties] == [
        "fx-central/art_3/overall",
        "fx-central/art_3/sign-letter",
        "fx-central/art_3/annual-report",
    ]


def test_who_on_the_central_measure(shipped: PolicySet) -> None:
    result = who(shipped, "central/art_9/annual-report")
    assert [(o.actor.id, o.responsibility) for o in result.duties[0].owners] == [
        ("province.principal-leaders", "general")
    ]


# -- owes ----------------------------------------------------------------------------------------


def _owed(result) -> dict[str, tuple[str, Basis]]:  # type: ignore[no-untyped-def]
    return {o.duty.id: (o.owner, o.basis) for g in result.groups for o in g.duties}


def test_a_concrete_actor_owes_its_role_s_duties_as_inherited() -> None:
    got = _owed(owes(fixture_set(), "fx.wuyi.county-government"))
    assert got["fx-central/art_5/project-pool"] == ("county.party-committee-and-government", Basis.inherited)
    assert got["fx-wuyi/sec_1__item_2/project-pool"] == ("fx.wuyi.county-government", Basis.stated)
    assert got["fx-wuyi/sec_1__item_1/principal"] == (
        "fx.wuyi.county",
        Basis.stated,
    )  # a member of 县委、县政府
    assert "fx-wuyi/sec_1__item_2/township-report" not in got  # the township's, not the county's
    assert not any(k.startswith("fx-hebei/") for k in got)  # the Hebei rule assigns counties nothing


def test_owes_marks_local_duties_that_carry_out_an_inherited_one() -> None:
    result = owes(fixture_set(), "fx.wuyi.county-government")
    pool = next(o for g in result.groups for o in g.duties if o.duty.id == "fx-central/art_5/project-pool")
    assert pool.implemented_by == ("fx-wuyi/sec_1__item_2/project-pool",)


def test_role_duties_apply_only_within_the_regulation_s_jurisdiction() -> None:
    # The Hebei rule's city duty reaches no concrete actor outside Hebei; a role owes it everywhere.
    assert "fx-hebei/art_1/city-report" in _owed(owes(fixture_set(), "city.party-committee"))
    town = _owed(owes(fixture_set(), "fx.wuyi.town-a.committee"))
    assert set(town) == {"fx-central/art_6/report-to-county", "fx-wuyi/sec_1__item_2/township-report"}


def test_owes_groups_by_topic_and_filters() -> None:
    result = owes(fixture_set(), "county.government", topic="reporting")
    assert [g.topic for g in result.groups] == ["reporting"]
    assert result.total == 1
    by_reg = owes(fixture_set(), "province.principal-leaders", regulation="fx-hebei")
    assert {o.duty.id for g in by_reg.groups for o in g.duties} == {
        "fx-hebei/art_1/sign-letter",
        "fx-hebei/art_1/report",
    }
    assert [g.topic for g in by_reg.groups] == ["reporting", "responsibility-system"]


def test_county_government_owes_the_central_county_duties(shipped: PolicySet) -> None:
    result = owes(shipped, "county.government", regulation="central")
    owed = {o.duty.id for g in result.groups for o in g.duties}
    assert "central/art_19/project-pool" in owed
    assert "central/art_9/annual-report" not in owed  # the provinces'
    expected = {e.ref for e in shipped.duties("central", actor="county.government")}
    assert owed == expected


# -- chain ---------------------------------------------------------------------------------------


def test_chain_from_a_township_climbs_through_the_county_and_city_to_the_centre() -> None:
    # a 武邑 body stands in 武邑's line only: 武邑's rule with the two it implements
    (county,) = chain(fixture_set(), "fx.wuyi.town-a.committee").lines
    assert county.line.regulations == ("fx-central", "fx-hebei", "fx-wuyi")
    steps = {(k.lower, k.lower_place, k.relation, k.upper, k.upper_place) for k in county.upward}
    wuyi, hengshui = "cn.hebei.hengshui.wuyi", "cn.hebei.hengshui"
    assert (
        "fx.wuyi.town-a.committee",
        f"{wuyi}.fx-town-a",
        "reports-to",
        "fx.wuyi.county-committee",
        wuyi,
    ) in steps
    assert (
        "fx.wuyi.town-a.committee",
        f"{wuyi}.fx-town-a",
        "signs-with",
        "fx.wuyi.county-government",
        wuyi,
    ) in steps
    # 武邑 carries out the centre's report-to-city itself, to the city leading group: its own link
    # stands in the line instead of the centre's, and the line ends there
    assert ("fx.wuyi.county-government", wuyi, "reports-to", "city.leading-group", hengshui) in steps
    assert not any(k.duty == "fx-central/art_5/report-to-city" for k in county.upward)
    # the province's line (河北 with the centre) climbs through the city and province to the centre
    (result,) = chain(fixture_set(), "fx.wuyi.town-a.committee", regulation="fx-hebei").lines
    steps = {(k.lower, k.lower_place, k.relation, k.upper, k.upper_place) for k in result.upward}
    assert (
        "city.party-committee-and-government",
        hengshui,
        "reports-to",
        "province.party-committee-and-government",
        "cn.hebei",
    ) in steps
    assert (
        "province.party-committee-and-government",
        "cn.hebei",
        "assessed-by",
        "central.leading-group",
        "cn",
    ) in steps
    assert "central.party-central-committee-and-state-council" in result.top
    depth = {k.upper: k.depth for k in result.upward}
    assert (
        depth["fx.wuyi.county-committee"]
        < depth["city.party-committee-and-government"]
        < depth["central.leading-group"]
    )


def test_chain_marks_stated_and_inherited_links() -> None:
    (result,) = chain(fixture_set(), "fx.wuyi.county-government", regulation="fx-wuyi").lines
    up = {(k.upper, k.duty): k for k in result.upward}
    stated = up[("city.leading-group", "fx-wuyi/sec_1__item_1/annual-report")]
    assert stated.basis == Basis.stated and stated.via == ("member:fx.wuyi.county",)
    # fx-wuyi carries out the central report-to-city itself, so the parent's link is not inherited
    assert not any(k.duty == "fx-central/art_5/report-to-city" for k in result.upward)
    down = {(k.lower, k.relation) for k in result.downward}
    assert down == {("fx.wuyi.town-a.committee", "signs-with"), ("fx.wuyi.town-b.committee", "signs-with")}


def test_chain_inherits_links_from_the_parent_regulation() -> None:
    (result,) = chain(fixture_set(), "county.government", regulation="fx-hebei").lines
    # the role's own link (武邑县人民政府, one of 河北's county governments, has its own beside it)
    (link,) = [k for k in result.upward if k.depth == 1 and k.lower == "county.government"]
    assert (link.upper, link.duty, link.basis) == (
        "city.party-committee-and-government",
        "fx-central/art_5/report-to-city",
        Basis.inherited,
    )
    assert link.via[-1] == "implements:fx-central"


def test_chain_downward_lists_who_answers_to_the_centre(shipped: PolicySet) -> None:
    result = chain(shipped, "central.party-central-committee")
    assert result.lines  # the centre stands in every line
    for found in result.lines:
        assert {(k.lower, k.relation) for k in found.downward if k.depth == 1} == {
            ("province.principal-leaders", "signs-with"),
            ("province.principal-leaders", "reports-to"),
            # to 党中央、国务院, of which 党中央 is a member
            ("central.leading-group", "reports-to"),
        }, found.line.zh
    province = chain(shipped, "province.party-committee-and-government")
    for found in province.lines:
        assert ("assessed-by", "central.leading-group") in {(k.relation, k.upper) for k in found.upward}


# -- trace ---------------------------------------------------------------------------------------


def test_trace_gives_the_tree_and_each_regulation_s_status() -> None:
    result = trace(fixture_set(), "fx-central/art_5/project-pool")
    assert [n.duty.id for _, n in walk_tree(result.tree)] == ["fx-wuyi/sec_1__item_2/project-pool"]
    status = {r.regulation: (r.status, r.reason) for r in result.regulations}
    assert status == {
        "fx-hebei": (TraceStatus.not_implemented, "由县级实施意见规定"),
        "fx-wuyi": (TraceStatus.implemented, None),
    }


def test_trace_reports_missing_and_not_addressed() -> None:
    township = {
        r.regulation: r.status for r in trace(fixture_set(), "fx-central/art_6/report-to-county").regulations
    }
    assert township["fx-hebei"] == TraceStatus.missing
    report = {
        r.regulation: r.status for r in trace(fixture_set(), "fx-central/art_3/annual-report").regulations
    }
    assert report == {"fx-hebei": TraceStatus.implemented, "fx-wuyi": TraceStatus.not_addressed}


def test_trace_follows_implements_through_levels() -> None:
    result = trace(fixture_set(), "fx-central/art_4/report-to-province")
    assert [(d, n.duty.id) for d, n in walk_tree(result.tree)] == [(1, "fx-hebei/art_1/city-report")]


# -- compare -------------------------------------------------------------------------------------


def test_compare_per_topic() -> None:
    result = compare(fixture_set(), "fx-central", "fx-hebei")
    topics = {t.topic: t for t in result.topics}
    (change,) = topics["reporting"].changed
    assert (change.a.id, change.b.id) == ("fx-central/art_3/annual-report", "fx-hebei/art_1/report")
    assert [(c.field, c.a, c.b) for c in change.changes] == [("frequency", "annual", "semiannual")]
    assert [d.id for d in topics["publicity"].added] == ["fx-hebei/art_1/publicity"]
    assert "fx-central/art_5/project-pool" in [d.id for d in topics["project-management"].dropped]
    assert topics["responsibility-system"].same == 2


def test_compare_matches_concrete_owners_by_role() -> None:
    result = compare(fixture_set(), "fx-central", "fx-wuyi")
    changed = {(c.a.id, c.b.id): c.changes for t in result.topics for c in t.changed}
    # 县政府 (a concrete county government) against 县级党委和政府: an owner change
    pool = changed[("fx-central/art_5/project-pool", "fx-wuyi/sec_1__item_2/project-pool")]
    assert [(c.field, c.b) for c in pool] == [("owners", "county.government")]


def test_compare_matrix_counts_duties_by_owner_level() -> None:
    result = compare(fixture_set(), "fx-central", "fx-hebei")
    rows = {(m.topic, m.regulation): m.counts for m in result.matrix}
    assert rows[("reporting", "fx-central")]["province"] == 1
    assert rows[("reporting", "fx-central")]["county"] == 1
    assert rows[("reporting", "fx-hebei")] == {
        "central": 0,
        "province": 1,
        "city": 1,
        "county": 0,
        "township": 0,
        "village": 0,
        "all": 0,
        "society": 0,
    }


# -- unknown ids, determinism, the commands ------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "near"),
    [
        (lambda ps: who(ps, "fx-central/art_5/projectpool"), "fx-central/art_5/project-pool"),
        (lambda ps: owes(ps, "county.goverment"), "county.government"),
        (lambda ps: owes(ps, "county.government", topic="planing"), "planning"),
        (lambda ps: chain(ps, "fx.wuyi.county-govt"), "fx.wuyi.county-government"),
        (lambda ps: chain(ps, "county.government", regulation="fx-hebie"), "fx-hebei"),
        (lambda ps: trace(ps, "fx-central/art_3/anual-report"), "fx-central/art_3/annual-report"),
        (lambda ps: compare(ps, "fx-central", "fx-wuyi2"), "fx-wuyi"),
    ],
)
def test_unknown_ids_name_the_nearest(call, near: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LookupFailure) as err:
        call(fixture_set())
    assert near in err.value.suggestions


@pytest.mark.parametrize(
    "argv",
    [
        ["who", "fx-central/art_5"],
        ["owes", "fx.wuyi.county-government"],
        ["chain", "fx.wuyi.town-a.committee"],
        ["trace", "fx-central/art_5/project-pool"],
        ["compare", "fx-central", "fx-wuyi"],
    ],
)
def test_commands_print_json_equal_to_the_query_and_deterministic_tables(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, *fixture_args(), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    query = {"who": who, "owes": owes, "chain": chain, "trace": trace, "compare": compare}[argv[0]]
    # the query's data, ids untouched, with the words of the label table beside them (chain adds
    # the words its rows print: the bodies as named, the citation, as `_label` fields)
    assert _within(labelled(as_data(query(fixture_set(), *argv[1:])), "zh"), data)
    if argv[0] != "chain":
        assert data == labelled(as_data(query(fixture_set(), *argv[1:])), "zh")
    assert _unlabelled(data) == as_data(query(fixture_set(), *argv[1:]))
    assert main([*argv, *fixture_args()]) == 0
    first = capsys.readouterr().out
    assert main([*argv, *fixture_args()]) == 0
    assert capsys.readouterr().out == first


def _within(part: object, whole: object) -> bool:
    """Whether every key of `part` is in `whole` with a value within its own (lists item by item)."""
    if isinstance(part, dict) and isinstance(whole, dict):
        return all(k in whole and _within(v, whole[k]) for k, v in part.items())
    if isinstance(part, list) and isinstance(whole, list):
        return len(part) == len(whole) and all(_within(a, b) for a, b in zip(part, whole, strict=True))
    return part == whole


def _unlabelled(data: object) -> object:
    if isinstance(data, list):
        return [_unlabelled(x) for x in data]
    if isinstance(data, dict):
        return {k: _unlabelled(v) for k, v in data.items() if not k.endswith("_label") and k != "display"}
    return data


def test_chain_table_shows_places(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chain", "fx.wuyi.town-a.committee", "--regulation", "fx-hebei", *fixture_args()]) == 0
    out = capsys.readouterr().out
    assert "甲镇党委" in out and "市级党委和政府 @衡水市" in out and "接受…考核" in out


def test_unknown_id_on_the_command_line_exits_2_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["trace", "fx-central/art_5/projectpool", *fixture_args()]) == 2
    err = capsys.readouterr().err
    assert "unknown duty 'fx-central/art_5/projectpool'" in err and "fx-central/art_5/project-pool" in err
    assert "Traceback" not in err


def test_wuyi_county_government_owes_the_central_county_duties_but_not_shanxi_s(shipped: PolicySet) -> None:
    result = owes(shipped, "wuyi.county-government")
    got = {o.duty.id: o.basis for g in result.groups for o in g.duties}
    assert got["central/art_19/project-pool"] == Basis.inherited  # county.government's, applied to 武邑
    assert not any(ref.startswith(("shanxi/", "gansu/")) for ref in got)  # they govern other provinces
    assert any(ref.startswith("wuyi/") and basis == Basis.stated for ref, basis in got.items())


def test_trace_of_the_project_pool_across_the_shipped_rules(shipped: PolicySet) -> None:
    result = trace(shipped, "central/art_19/project-pool")
    status = {r.regulation: r.status for r in result.regulations}
    assert status["wuyi"] == TraceStatus.implemented
    tree = {n.duty.regulation for _, n in walk_tree(result.tree)}
    assert {r for r, s in status.items() if s == TraceStatus.implemented} == tree
