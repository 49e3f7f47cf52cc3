"""`chain` answers line of regulations by line: a local regulation with the regulations it
implements and those governing its area (山西：中央 + 山西). The catalogue's roles (县长,
市级党委和政府) are shared by every regulation, so before the lines a county head answered, in one
table, to 山西's city leading group and to 甘肃's city Party committee and government.

Here: no line mixes two provinces; each link of a line comes from one of its regulations (over
every shipped actor, over generated policy sets, and in the printed table); the links the text
makes conditional carry their condition; `--regulation` picks one line; the JSON groups as the
table does; the site draws what the library answers."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from responsibility.cli.main import main
from responsibility.graph.queries import (
    Basis,
    ChainLine,
    Link,
    chain,
    regulation_line,
    regulation_lines,
)
from responsibility.policy.lookup import regulation_name
from responsibility.policy.model import (
    Action,
    Actor,
    Counterparty,
    CounterpartyRole,
    Duty,
    Level,
    Owner,
    Place,
    Provision,
    Regulation,
    Text,
)
from responsibility.policy.policyset import PolicySet
from responsibility.semantics import within
from responsibility.site import views as site_views
from responsibility.site.pages import SitePages
from responsibility.site.views import SiteViews, chain_edges


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def links(found: ChainLine) -> tuple[Link, ...]:
    return (*found.upward, *found.downward)


# -- the shipped policies ------------------------------------------------------------------------


def test_the_shipped_lines_are_each_local_rule_with_the_centre(shipped: PolicySet) -> None:
    assert [(line.heads, line.regulations, line.zh) for line in regulation_lines(shipped)] == [
        (("gansu",), ("central", "gansu"), "甘肃：中央 + 甘肃"),
        (("majiang",), ("central", "majiang"), "麻江：中央 + 麻江"),
        (("shanxi",), ("central", "shanxi"), "山西：中央 + 山西"),
        (("wuyi",), ("central", "wuyi"), "武邑：中央 + 武邑"),
    ]


def test_no_section_of_the_county_head_s_chain_mixes_gansu_and_shanxi(shipped: PolicySet) -> None:
    result = chain(shipped, "county.head")
    assert [found.line.heads for found in result.lines] == [("gansu",), ("majiang",), ("shanxi",), ("wuyi",)]
    for found in result.lines:
        regulations = {k.regulation for k in links(found)}
        assert not {"gansu", "shanxi"} <= regulations, found.line.zh
        assert regulations <= set(found.line.regulations), found.line.zh
    # not vacuous: both provinces' links are there, each in its own line
    by_line = {found.line.heads[0]: {k.regulation for k in links(found)} for found in result.lines}
    assert "gansu" in by_line["gansu"] and "shanxi" in by_line["shanxi"]


def test_the_shanxi_line_holds_article_24_and_the_central_article_5(shipped: PolicySet) -> None:
    (found,) = chain(shipped, "county.head", regulation="shanxi").lines
    assert found.line.zh == "山西：中央 + 山西"
    up = {(k.lower, k.relation, k.upper, k.duty): k for k in found.upward}
    own = up[("county.head", "assessed-by", "city.leading-group", "shanxi/art_24/assess-non-poor-counties")]
    assert own.basis == Basis.stated and own.depth == 1
    central = up[
        (
            "province.party-committee-and-government",
            "assessed-by",
            "central.leading-group",
            "central/art_5/assess-provinces",
        )
    ]
    assert central.basis == Basis.inherited and central.via[-1] == "implements:central"
    # 甘肃's city Party committee and government is no 山西 county head's assessor
    assert not any(k.regulation == "gansu" for k in found.upward)
    assert "central.party-central-committee-and-state-council" in found.top


def test_the_centre_governs_a_line_whose_rule_names_no_parent(shipped: PolicySet) -> None:
    # 麻江's reported practice implements nothing, yet the central measure governs 麻江 too: its
    # links are in the line, marked as a governing regulation's, not as carried out by 麻江
    (found,) = chain(shipped, "county.head", regulation="majiang").lines
    assert found.line.regulations == ("central", "majiang")
    assert found.upward and all(k.regulation == "central" for k in found.upward)
    assert all(k.basis == Basis.governing and k.via[-1] == "governs:central" for k in found.upward)


@pytest.mark.parametrize("regulation", ["central", "gansu", "majiang", "shanxi", "wuyi"])
def test_a_line_is_its_regulation_with_what_it_implements_and_what_governs_its_area(
    shipped: PolicySet, regulation: str
) -> None:
    line = regulation_line(shipped, regulation)
    reg = shipped.regulations[regulation]
    area = reg.jurisdiction
    expected = {regulation, *reg.implements} | {
        r.id for r in shipped.regulations.values() if within(shipped, area, r.jurisdiction)
    }
    assert set(line.regulations) == expected
    assert line.heads == (regulation,) and line.area == area


def test_every_link_of_every_shipped_actor_comes_from_a_regulation_of_its_line(shipped: PolicySet) -> None:
    lines_seen = 0
    for actor in sorted(shipped.actors):
        for found in chain(shipped, actor).lines:
            lines_seen += 1
            assert found.upward or found.downward  # a line is listed only where the actor has a link
            for k in links(found):
                assert k.regulation in found.line.regulations, (actor, found.line.zh, k)
    assert lines_seen > len(shipped.actors)  # not vacuous: most bodies stand in several lines


def test_a_body_with_a_place_stands_only_in_the_lines_of_its_area(shipped: PolicySet) -> None:
    # 武邑县人民政府 is in 河北: 山西's and 甘肃's lines are not its own, though the centre's links
    # are in them
    result = chain(shipped, "wuyi.county-government")
    assert [found.line.heads for found in result.lines] == [("wuyi",)]
    (shanxi,) = chain(shipped, "wuyi.county-government", regulation="shanxi").lines
    assert shanxi.line.heads == ("shanxi",) and not shanxi.upward and not shanxi.downward


def test_below_a_national_body_a_line_places_bodies_in_its_own_area(shipped: PolicySet) -> None:
    # 台盟中央 sits at 中国, above every line; 甘肃's rule gives it its links, and walking down
    # 甘肃's line the bodies answering to it stand in 甘肃 (not at 中国, where 山西's would be too)
    result = chain(shipped, "gansu.taimeng-central")
    assert [found.line.heads for found in result.lines] == [("gansu",)]
    (found,) = result.lines
    assert found.downward
    for k in found.downward:
        for place in (k.lower_place, k.upper_place):
            assert place is None or within(shipped, place, "cn.gansu") or place == "cn", k
    placed = {(k.lower, k.lower_place) for k in found.downward}
    assert ("province.party-committee-and-government", "cn.gansu") in placed


# -- conditions ----------------------------------------------------------------------------------


def test_every_link_carries_its_duty_s_condition(shipped: PolicySet) -> None:
    conditional = 0
    for actor in sorted(shipped.actors):
        for found in chain(shipped, actor).lines:
            for k in links(found):
                cond = shipped.duty(k.duty).condition
                if cond is None:
                    assert k.condition is None, k
                else:
                    conditional += 1
                    assert k.condition is not None and (k.condition.zh, k.condition.en) == (cond.zh, cond.en)
    assert conditional  # not vacuous: 山西 第五十条's 约谈 and 问责 hold only on their conditions


def test_a_conditional_link_shows_its_condition_in_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "chain", "city.principal-leaders", "--regulation", "shanxi")
    header = next(line for line in out.splitlines() if line.startswith("层次"))
    assert header.split()[-1] == "条件"
    rows = [line for line in out.splitlines() if "山西 第五十条" in line]
    assert rows and all(
        line.rstrip().endswith(
            ("未完成年度脱贫目标任务以及工作中出现问题", "不负责任、情节严重、贻误工作、造成不良影响")
        )
        for line in rows
    )
    unconditional = [line for line in out.splitlines() if "山西 第十七条" in line]
    assert unconditional and all(line.rstrip().endswith("-") for line in unconditional)
    english = run(capsys, "chain", "city.principal-leaders", "--regulation", "shanxi", "--lang", "en")
    assert "missing the annual targets or problems in the work" in english


def test_the_site_marks_a_conditional_relation_and_names_its_condition(shipped: PolicySet) -> None:
    views = SiteViews(shipped, "p").chain("city.principal-leaders").diagrams
    (shanxi,) = [v for v in views if any(n.zh == "山西：中央 + 山西" for n in v.lines)]
    assert any("（有条件）" in rels for _, rels, _ in shanxi.arrows)
    assert any("（条件：未完成年度脱贫目标任务以及工作中出现问题" in p for p in shanxi.phrases)
    assert not any("条件" in p for v in views if v is not shanxi for p in v.phrases)


# -- the command line ----------------------------------------------------------------------------

SECTION = re.compile(r"^【(.+?)：(.+)】$")


def sections(out: str) -> list[tuple[str, list[str], list[str]]]:
    """(line name, its regulations' names, its table rows) of each section of `chain`'s table."""
    found: list[tuple[str, list[str], list[str]]] = []
    for line in out.splitlines():
        m = SECTION.match(line)
        if m:
            found.append((m.group(1), m.group(2).split(" + "), []))
        elif found and re.match(r"^\d+\s", line):
            found[-1][2].append(line)
    return found


@pytest.mark.parametrize(
    "actor", ["county.head", "city.principal-leaders", "武邑县人民政府", "central.party-central-committee"]
)
def test_every_row_of_a_section_cites_a_regulation_of_its_line(
    capsys: pytest.CaptureFixture[str], shipped: PolicySet, actor: str
) -> None:
    out = run(capsys, "chain", actor)
    found = sections(out)
    assert found
    names = {regulation_name(shipped, r) for r in shipped.regulations}
    for title, regulations, rows in found:
        assert rows, title
        for row in rows:
            cited = next(n for n in names if f"  {n} " in row)  # the 条款 column: 山西 第二十四条
            assert cited in regulations, (title, row)


def test_the_county_head_s_answer_begins_with_gansu_s_line(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "chain", "county.head")
    assert out.startswith("县长\n\n【甘肃：中央 + 甘肃】\n\n向上\n层次  下级")
    assert [title for title, _, _ in sections(out)] == ["甘肃", "麻江", "山西", "武邑"]


def test_regulation_picks_one_line_by_id_or_name(capsys: pytest.CaptureFixture[str]) -> None:
    by_id = run(capsys, "chain", "county.head", "--regulation", "shanxi")
    assert [(t, r) for t, r, _ in sections(by_id)] == [("山西", ["中央", "山西"])]
    assert run(capsys, "chain", "县长", "--regulation", "山西") == by_id


def test_an_unknown_regulation_is_a_usage_error_with_the_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["chain", "county.head", "--regulation", "nope"]) == 2
    err = capsys.readouterr().err
    assert "--regulation" in err and "unknown regulation 'nope'" in err and "shanxi" in err
    assert "Traceback" not in err
    assert main(["chain", "county.head", "--regulation", "shanxii"]) == 2
    assert "did you mean shanxi" in capsys.readouterr().err


def test_json_groups_as_the_table_does(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "chain", "county.head", "--format", "json"))
    table = run(capsys, "chain", "county.head")
    assert [line["line"]["display"].split("：")[0] for line in data["lines"]] == [
        title for title, _, _ in sections(table)
    ]
    for line in data["lines"]:
        assert {k["regulation"] for k in line["upward"] + line["downward"]} <= set(
            line["line"]["regulations"]
        )
        assert all("condition" in k for k in line["upward"])
    assert data["regulation"] is None


def test_the_answer_is_the_same_every_time(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "chain", "county.head") == run(capsys, "chain", "county.head")


# -- the site draws the library's lines ----------------------------------------------------------


def test_the_site_draws_each_line_the_library_answers(shipped: PolicySet) -> None:
    answer = chain(shipped, "county.head")
    drawn = chain_edges(shipped, "county.head")
    assert [line for line, _ in drawn] == [found.line for found in answer.lines]
    for (_, edges), found in zip(drawn, answer.lines, strict=True):
        # every link the library answers, the bodies' own place in their body beside them
        expected = {(k.lower, k.relation, k.upper) for k in (*found.upward, *found.downward)}
        part_of = {("county.head", "part-of", "county.government"), ("wuyi.county-head", "part-of", "wuyi.county-government")}
        assert {e[:3] for e in edges} - part_of == expected
    views = SiteViews(shipped, "p").chain("county.head").diagrams
    named = [n.zh for v in views for n in v.lines]
    assert sorted(named) == sorted(found.line.zh for found in answer.lines)
    # 武邑's line draws 武邑县县长's chain, in bold, named beside the diagram
    (wuyi,) = [v for v in views if [n.zh for n in v.lines] == ["武邑：中央 + 武邑"]]
    assert wuyi.focus == ("wuyi.county-head",) and wuyi.bodies == ("武邑县县长",)


# -- generated policy sets -----------------------------------------------------------------------

ROLES = [
    Actor(id=f"{lv.value}.body", name=Text(zh=f"{lv.value}机构"), level=lv)
    for lv in (Level.central, Level.province, Level.county)
]
CHAIN = [CounterpartyRole.reports_to, CounterpartyRole.signs_with, CounterpartyRole.supervised_by]


@st.composite
def regional_sets(draw: st.DrawFn) -> PolicySet:
    """A centre, provinces and counties, each maybe with a rule of its own that implements the
    rule above it or nothing; the duties' owners and counterparties are the shared roles."""
    places = [Place(id="cn", name=Text(zh="中国"), level=Level.central)]
    regs: list[Regulation] = []
    serial = iter(range(10_000))

    def rule(rid: str, level: Level, area: str, parent: str | None) -> Regulation:
        duties = [
            Duty(
                id=f"d{next(serial)}",
                summary=Text(zh="职责"),
                owners=[Owner(actor=draw(st.sampled_from(ROLES)).id)],
                action=Action.report,
                condition=draw(st.none() | st.just(Text(zh="有条件的"))),
                counterparties=[
                    Counterparty(role=draw(st.sampled_from(CHAIN)), actor=draw(st.sampled_from(ROLES)).id)
                ],
                quote="职责",
            )
            for _ in range(draw(st.integers(1, 3)))
        ]
        implements = [parent] if parent is not None and draw(st.booleans()) else []
        provision = Provision(id="art_1", text="职责", duties=duties)
        return Regulation(
            id=rid,
            title=Text(zh=rid),
            level=level,
            jurisdiction=area,
            implements=implements,
            provisions=[provision],
        )

    regs.append(rule("r-cn", Level.central, "cn", None))
    for p in range(draw(st.integers(1, 3))):
        province = f"cn.p{p}"
        places.append(Place(id=province, name=Text(zh=f"省{p}"), level=Level.province, parent="cn"))
        parent = "r-cn"
        if draw(st.booleans()):
            regs.append(rule(f"r-p{p}", Level.province, province, "r-cn"))
            parent = f"r-p{p}"
        for c in range(draw(st.integers(0, 2))):
            county = f"{province}.c{c}"
            places.append(Place(id=county, name=Text(zh=f"县{p}{c}"), level=Level.county, parent=province))
            if draw(st.booleans()):
                regs.append(rule(f"r-p{p}c{c}", Level.county, county, parent))
    return PolicySet(regs, ROLES, places, [], [])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regional_sets())
def test_in_generated_sets_a_line_keeps_to_one_branch_and_its_own_links(ps: PolicySet) -> None:
    lines = regulation_lines(ps)
    implemented = {p for r in ps.regulations.values() for p in r.implements}
    assert sorted(h for line in lines for h in line.heads) == sorted(set(ps.regulations) - implemented)
    for line in lines:
        # the regulations of a line govern nested areas: never two provinces, never two counties
        areas = [ps.regulations[r].jurisdiction for r in line.regulations]
        for a in areas:
            for b in areas:
                assert within(ps, a, b) or within(ps, b, a), (line.zh, a, b)
    for role in ROLES:
        for found in chain(ps, role.id).lines:
            for k in links(found):
                assert k.regulation in found.line.regulations
                assert (k.condition is None) == (ps.duty(k.duty).condition is None)


def test_a_page_draws_a_bounded_number_of_diagrams_and_counts_the_rest(
    shipped: PolicySet, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a township's role answers to each county's own committee: over a nationwide corpus its page
    # would draw a diagram per county rule; here 县长's three diagrams stand for those
    monkeypatch.setattr(site_views, "CHAIN_DIAGRAMS", 1)
    section = SiteViews(shipped, "p").chain("county.head")
    assert [[n.zh for n in d.lines] for d in section.diagrams] == [["甘肃：中央 + 甘肃"]]
    assert section.hidden == 3  # 麻江's and 武邑's (one diagram), 山西's
    page = dict(SitePages(shipped, "p").pages())["p/actors/county.head.md"]
    assert "另有 3 条规定线的责任链未在此画出" in page
