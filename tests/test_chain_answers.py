"""What `chain` answers a county official, line by line, and that every face gives that answer.

Read as a county official, the per-line chain answered wrongly: a parent duty that a province
declines (`not_implemented`) dropped its link, though the central measure binds everywhere, and a
line with no link left vanished unsaid; asking about a role (县长) hid the body filling it in a
line (武邑县县长); 县长 answered upward through 县级政府 but downward had no one, though townships
sign with 县级政府; 台盟中央's table walked down the whole of 甘肃 while its page drew only who
answers to it directly; 县长 was not one of the county's principal leaders, so 山西 第二十六条's
letter and yearly report were missing from its chain; the README's fixture examples loaded the
fixtures on top of the shipped policies."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT
from graph_support import fixture_set
from responsibility.cli.main import main
from responsibility.graph.queries import Basis, ChainLine, Link, chain, regulation_line
from responsibility.policy.policyset import PolicySet
from responsibility.site import views as site_views
from responsibility.site.views import SiteViews, chain_edges


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def keys(links: tuple[Link, ...]) -> set[tuple[str, str, str, str]]:
    return {(k.lower, k.relation, k.upper, k.duty) for k in links}


def only(ps: PolicySet, actor: str, regulation: str) -> ChainLine:
    (found,) = chain(ps, actor, regulation).lines
    return found


# -- 1. a declined parent duty keeps its link ---------------------------------------------------

SUPERVISE = "central/art_16/supervise-guidance"  # 县级党委和政府 监督指导意见的实施 (of 乡、村)


@pytest.mark.parametrize("province", ["shanxi", "gansu"])
def test_a_central_duty_a_province_declines_still_links_its_villages(shipped: PolicySet, province: str) -> None:
    assert SUPERVISE in {n.duty for n in shipped.regulations[province].not_implemented}
    found = only(shipped, "village.two-committees", province)
    (link,) = [k for k in found.upward if k.duty == SUPERVISE]
    assert (link.lower, link.relation, link.upper) == (
        "village.two-committees",
        "supervised-by",
        "county.party-committee-and-government",
    )
    assert link.basis == Basis.declined and link.via[-1] == f"not-implemented:{province}"
    # the chain climbs on from the county, to the top
    assert link.depth == 1 and len(found.upward) > 1
    assert "central.party-central-committee-and-state-council" in found.top


def test_every_line_of_the_villages_chain_is_answered(shipped: PolicySet) -> None:
    result = chain(shipped, "village.two-committees")
    assert [found.line.heads for found in result.lines] == [("gansu",), ("majiang",), ("shanxi",), ("wuyi",)]
    assert result.without == ()


def test_a_duty_the_line_carries_out_gives_way_to_its_own(shipped: PolicySet) -> None:
    # 山西 第八条 carries out the central 第十二条 (加强对贫困县的管理): its own link, not the centre's
    up = keys(only(shipped, "county.government", "shanxi").upward)
    assert ("county.government", "supervised-by", "province.party-committee-and-government", "shanxi/art_8/manage-poor-counties") in up
    assert not any(duty == "central/art_12/manage-poor-counties" for *_, duty in up)


def test_the_table_marks_a_declined_link(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "chain", "village.two-committees", "--regulation", "shanxi")
    row = next(line for line in out.splitlines() if "中央 第十六条" in line)
    assert "上级规定（本级未承接）" in row and "县级党委和政府" in row
    assert "顶端：" in out
    english = run(capsys, "chain", "village.two-committees", "--regulation", "shanxi", "--lang", "en")
    assert "governing (not restated here)" in english


def test_lines_without_a_link_are_named(shipped: PolicySet, capsys: pytest.CaptureFixture[str]) -> None:
    result = chain(shipped, "shanxi.cppcc")  # 省政协: duties, but no chain relation
    assert result.lines == () and result.without == (regulation_line(shipped, "shanxi"),)
    out = run(capsys, "chain", "shanxi.cppcc")
    assert out.endswith("以下规定线中无链接：【山西：中央 + 山西】\n")


def test_a_body_outside_the_line_is_said_to_be(shipped: PolicySet, capsys: pytest.CaptureFixture[str]) -> None:
    found = only(shipped, "wuyi.county-government", "shanxi")
    assert not found.stands and not found.upward and not found.downward
    out = run(capsys, "chain", "wuyi.county-government", "--regulation", "shanxi")
    assert "不在本规定线的地域内（山西省）" in out and "向上" not in out
    assert found.line.heads not in {f.line.heads for f in chain(shipped, "wuyi.county-government").without}


# -- 2. a role in a line is the body filling it there -------------------------------------------


def test_the_county_head_in_wuyi_s_line_is_wuyi_s_county_head(shipped: PolicySet) -> None:
    role = only(shipped, "county.head", "wuyi")
    body = only(shipped, "wuyi.county-head", "wuyi")
    assert role.bodies == ("wuyi.county-head",)
    assert keys(role.upward) == keys(body.upward) and keys(role.downward) == keys(body.downward)
    assert (
        "wuyi.county-head",
        "reports-to",
        "wuyi.hengshui-leading-group",
        "wuyi/sec_1__subsec_1__item_3/annual-report",
    ) in keys(role.upward)


def test_the_table_names_the_body_filling_the_role(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "chain", "county.head", "--regulation", "wuyi")
    assert "本规定线中的具体机构：武邑县县长" in out
    assert re.search(r"^1 +武邑县县长 +向…报告 +衡水市扶贫开发工作领导小组 .*武邑 一\(一\)3", out, re.M)


def test_in_a_wider_line_the_role_and_its_bodies_both_answer() -> None:
    # 河北's line covers every county of 河北, 武邑县人民政府 one of them
    found = only(fixture_set(), "county.government", "fx-hebei")
    assert found.bodies == ("fx.wuyi.county-government",)
    lowers = {k.lower for k in found.upward if k.depth == 1}
    assert lowers == {"county.government", "fx.wuyi.county-government"}


# -- 3. downward through the body it is part of, under that body's name ---------------------------


def test_the_county_head_lists_who_answers_to_its_government(shipped: PolicySet) -> None:
    found = only(shipped, "county.head", "shanxi")
    down = keys(found.downward)
    # under the body the text names (县委、县政府), not the 县级政府 the walk passed through
    assert (
        "township.principal-leaders",
        "reports-to",
        "county.party-committee-and-government",
        "shanxi/art_36/annual-report",
    ) in down
    # answering to a body is not answering to each of its parts: no row names 县长 the upper
    assert all(k.upper != "county.head" and "part-of:county.government" in k.via for k in found.downward)


def test_wuyi_s_county_head_has_its_government_s_direct_subordinates(shipped: PolicySet) -> None:
    head = only(shipped, "wuyi.county-head", "wuyi")
    government = only(shipped, "wuyi.county-government", "wuyi")
    assert (
        "township.party-committee-and-government",
        "signs-with",
        "wuyi.county-committee-and-government",
        "wuyi/sec_1__subsec_1__item_3/sign-letters",
    ) in keys(head.downward)
    assert keys(head.downward) <= keys(government.downward)


def test_an_office_is_not_signed_with_in_its_group_s_place(shipped: PolicySet) -> None:
    # 山西 第三十六条: the townships' leaders sign with the county leading group, not its office
    found = only(shipped, "county.leading-group-office", "shanxi")
    assert ("township.principal-leaders", "signs-with", "county.leading-group", "shanxi/art_36/sign-letter") in keys(
        found.downward
    )
    assert {k.upper for k in found.downward} == {"county.leading-group"}


# -- 4. one answer: the table's links are what the page draws ------------------------------------


def test_the_taimeng_centre_answers_its_direct_subordinates_and_is_its_top(shipped: PolicySet) -> None:
    found = only(shipped, "gansu.taimeng-central", "gansu")
    assert not found.upward and found.top == ("gansu.taimeng-central",)
    assert {k.depth for k in found.downward} == {1}
    assert {(k.lower, k.relation) for k in found.downward} == {
        ("all.leading-groups", "reports-to"),
        ("all.leading-groups", "supervised-by"),
        ("province.party-committee-and-government", "supervised-by"),
    }


def test_every_page_draws_exactly_the_links_the_table_lists(shipped: PolicySet) -> None:
    for actor in sorted(shipped.actors):
        answer = chain(shipped, actor).lines
        drawn = chain_edges(shipped, actor)
        assert [line for line, _ in drawn] == [found.line for found in answer], actor
        for (_, edges), found in zip(drawn, answer, strict=True):
            links = {(k.lower, k.relation, k.upper) for k in (*found.upward, *found.downward)}
            arrows = {e[:3] for e in edges if e[1] != "part-of"}
            assert arrows == links, (actor, found.line.zh)


def test_a_page_draws_the_body_filling_the_role_in_bold(shipped: PolicySet) -> None:
    found = only(shipped, "county.head", "wuyi")
    assert site_views.chain_starts(found, "county.head") == ("wuyi.county-head",)
    (view,) = [v for v in SiteViews(shipped, "p").chain("county.head").diagrams if any(n.zh == "武邑：中央 + 武邑" for n in v.lines)]
    assert view.focus == ("wuyi.county-head",) and view.bodies == ("武邑县县长",)
    assert ("wuyi.county-head", "隶属", "wuyi.county-government") in view.arrows


# -- 5. the county head is one of the county's principal leaders ----------------------------------


def test_the_principal_leaders_are_the_secretary_and_the_county_head(shipped: PolicySet) -> None:
    leaders = shipped.actors["county.principal-leaders"]
    assert leaders.members == ["county.party-secretary", "county.head"]
    # grounded in 武邑's text, which names the two where the central 第十四条 says 主要负责人
    quote = "县委书记和政府县长是本地脱贫攻坚第一责任人"
    assert leaders.note is not None and quote in leaders.note
    first = shipped.duty_entry("wuyi/sec_1__subsec_1__item_2/first-responsible")
    assert quote in first.provision.text
    assert first.duty.implements == ["central/art_14/first-responsible-person"]
    assert "县级党委和政府主要负责人是第一责任人" in shipped.duty_entry(first.duty.implements[0]).provision.text


def test_shanxi_s_article_26_is_in_the_county_head_s_line(shipped: PolicySet) -> None:
    up = keys(only(shipped, "county.head", "shanxi").upward)
    assert ("county.head", "signs-with", "city.leading-group", "shanxi/art_26/sign-letter") in up
    assert ("county.head", "reports-to", "city.party-committee-and-government", "shanxi/art_26/annual-report") in up


# -- 6. the README's fixture examples read the fixtures alone -------------------------------------


def test_readme_fixture_examples_leave_the_shipped_regulations_out(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    commands = [ln[2:] for ln in readme.splitlines() if ln.startswith("$ ") and "tests/fixtures/graph" in ln]
    assert len(commands) >= 4
    for cmd in commands:
        argv = shlex.split(cmd)[1:]
        assert "--no-shipped" in argv and "policies/catalogue" in argv, cmd
        out = run(capsys, *[str(ROOT / a) if a.startswith(("tests/", "policies/")) else a for a in argv])
        assert "(fx-central)" not in out and "(central)" not in out, cmd
        if argv[0] == "chain":
            assert "武邑县委 (" not in out, cmd  # one 武邑县委: the fixture's
