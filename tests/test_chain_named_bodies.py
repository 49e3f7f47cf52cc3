"""`chain` shows each link under the body the text names, once, whichever body is asked about.

A newcomer found: 县级党委和政府主要负责人's chain had townships answer to 县级党委 alone (中央
第十六条, 山西 第三十六条 每年向县委、县政府报告), though the texts name 县级党委和政府 /
县委、县政府 — the walk showed the part it passed through, not the duty's body; and the 村两委's
chain in 武邑's line showed the county as three bodies (县级党委和政府, 县委和县政府, 武邑县委 and
武邑县人民政府), 中央 第十二条 listed three times, 省级党委和政府 with and without @河北省."""

from __future__ import annotations

from collections import Counter

import pytest

from responsibility.cli.main import main
from responsibility.graph.queries import ChainLine, Link, chain
from responsibility.policy.policyset import PolicySet

SUPERVISE = "central/art_16/supervise-guidance"  # 县级党委和政府 监督指导意见的实施
REPORT = "shanxi/art_36/annual-report"  # 乡(镇)党政主要负责人 每年向县委、县政府报告
MANAGE = "central/art_12/manage-poor-counties"  # 省级党委和政府 加强对贫困县的管理


def only(ps: PolicySet, actor: str, regulation: str) -> ChainLine:
    (found,) = chain(ps, actor, regulation).lines
    return found


# -- 1. a link inherited downward shows the text's body ------------------------------------------


@pytest.mark.parametrize("actor", ["county.principal-leaders", "county.head", "county.party-secretary"])
def test_the_townships_answer_to_the_body_the_text_names(shipped: PolicySet, actor: str) -> None:
    found = only(shipped, actor, "shanxi")
    uppers = {k.duty: k.upper for k in found.downward if k.duty in (SUPERVISE, REPORT)}
    assert uppers == {SUPERVISE: "county.party-committee-and-government", REPORT: "county.party-committee-and-government"}


def test_a_link_reads_the_same_whichever_body_is_asked(shipped: PolicySet) -> None:
    rows = {
        actor: {(k.lower, k.relation, k.upper, k.duty) for k in only(shipped, actor, "shanxi").downward}
        for actor in ("county.principal-leaders", "county.head", "county.party-committee-and-government")
    }
    shared = rows["county.principal-leaders"] & rows["county.head"]
    assert shared and shared <= rows["county.party-committee-and-government"]


# -- 3. one county, one name, each duty once ----------------------------------------------------


def test_the_villages_see_wuyi_s_county_as_one_body(shipped: PolicySet) -> None:
    found = only(shipped, "village.two-committees", "wuyi")
    names = {k.lower for k in found.upward} | {k.upper for k in found.upward}
    assert "wuyi.county-committee-and-government" in names
    assert "county.party-committee-and-government" not in names
    # 中央 第十二条 once, from 武邑县委和县政府 to 河北's provincial leadership
    (manage,) = [k for k in found.upward if k.duty == MANAGE]
    assert (manage.lower, manage.upper, manage.upper_place) == (
        "wuyi.county-committee-and-government",
        "province.party-committee-and-government",
        "cn.hebei",
    )


def test_no_duty_is_listed_twice_for_one_relation(shipped: PolicySet) -> None:
    found = only(shipped, "village.two-committees", "wuyi")
    # the county's own rows: 武邑县委 and 武邑县人民政府 answer as its members, not again
    county = {k for k in found.upward if shipped.actors[k.lower].level == "county"}
    counts = Counter((k.relation, k.upper, k.duty) for k in county)
    assert counts and max(counts.values()) == 1
    assert {k.lower for k in county if k.duty in (MANAGE, "wuyi/sec_1__subsec_1__item_3/annual-report")} == {
        "wuyi.county-committee-and-government"
    }


def test_the_provincial_leadership_is_placed_alike_in_the_line(shipped: PolicySet) -> None:
    found = only(shipped, "village.two-committees", "wuyi")
    places = {k.upper_place for k in found.upward if k.upper == "province.party-committee-and-government"}
    places |= {k.lower_place for k in found.upward if k.lower == "province.party-committee-and-government"}
    assert places == {"cn.hebei"}


# -- 2. a joint role finds the bodies filling its members in a line -----------------------------

WUYI_REPORT = "wuyi/sec_1__subsec_1__item_3/annual-report"  # 每年向市扶贫开发工作领导小组报告


def test_the_principal_leaders_are_wuyi_s_secretary_and_head_in_its_line(shipped: PolicySet) -> None:
    found = only(shipped, "county.principal-leaders", "wuyi")
    assert found.bodies == ("wuyi.county-head", "wuyi.party-secretary")
    reports = {(k.lower, k.upper) for k in found.upward if k.duty == WUYI_REPORT}
    assert reports == {
        ("wuyi.county-head", "wuyi.hengshui-leading-group"),
        ("wuyi.party-secretary", "wuyi.hengshui-leading-group"),
    }


def test_the_joint_role_answers_as_its_member_does(shipped: PolicySet) -> None:
    joint = only(shipped, "county.principal-leaders", "wuyi")
    head = only(shipped, "county.head", "wuyi")
    assert rows(head.upward) <= rows(joint.upward)
    assert rows(head.downward) <= rows(joint.downward)


def rows(links: tuple[Link, ...]) -> set[tuple[str, str, str, str]]:
    return {(k.lower, k.relation, k.upper, k.duty) for k in links}


def test_the_table_names_the_bodies_of_a_joint_role(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["chain", "county.principal-leaders", "--regulation", "wuyi"]) == 0
    out = capsys.readouterr().out
    assert "本规定线中的具体机构：武邑县县长、武邑县委书记" in out
    assert "武邑 一(一)3" in out


# -- 4. a line without links reads the same, asked for or not -----------------------------------


def test_an_empty_line_asked_for_is_named_as_without_links(shipped: PolicySet) -> None:
    asked = chain(shipped, "province.leading-group", "majiang")
    assert asked.lines == () and [line.heads for line in asked.without] == [("majiang",)]
    every = chain(shipped, "province.leading-group")
    assert ("majiang",) in [line.heads for line in every.without]


def test_the_table_says_so_the_same_way(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["chain", "province.leading-group", "--regulation", "majiang"]) == 0
    out = capsys.readouterr().out
    assert "以下规定线中无链接：【麻江：中央 + 麻江】" in out
    assert "向上" not in out and "向下" not in out


def test_a_line_a_body_stands_outside_still_says_so(shipped: PolicySet) -> None:
    (found,) = chain(shipped, "wuyi.county-head", "shanxi").lines
    assert not found.stands


# -- 5. the JSON answer carries the words its rows print ----------------------------------------


def test_json_links_carry_the_names_and_citation_the_table_prints(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    capsys.readouterr()
    assert main(["chain", "county.head", "--regulation", "wuyi", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (line,) = data["lines"]
    (link,) = [k for k in line["upward"] if k["duty"] == WUYI_REPORT]
    assert (link["lower_label"], link["upper_label"], link["article_label"], link["regulation_label"]) == (
        "武邑县县长",
        "衡水市扶贫开发工作领导小组",
        "武邑 一(一)3",
        "武邑",
    )
    assert link["duty_label"] == "每年向市扶贫开发工作领导小组报告扶贫脱贫进展情况"
    placed = [k for k in line["upward"] if k["upper"] == "province.party-committee-and-government"]
    assert placed and all(k["upper_label"] == "省级党委和政府 @河北省" for k in placed)
    assert line["bodies_label"] == ["武邑县县长"]
    assert "衡水市扶贫开发工作领导小组" in line["top_label"]


def test_json_labels_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    capsys.readouterr()
    assert main(["chain", "county.head", "--regulation", "wuyi", "--format", "json", "--lang", "en"]) == 0
    (line,) = json.loads(capsys.readouterr().out)["lines"]
    assert line["bodies_label"] == ["Head of Wuyi County"]
