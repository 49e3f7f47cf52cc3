"""A duty to assess or supervise names its target only where the text names the body whose work
is assessed. 武邑 一(一)11 (对贫困村、贫困人口精准识别和精准退出情况进行检查考核) names what is
checked, not who: encoded with 乡(镇)、村 as targets, `chain` said 乡(镇) 接受…考核 县委和县政府,
a link the text does not give. The same words in central 第十五条 and 山西 第二十八条 carry no target."""

from __future__ import annotations

from functools import cache

import responsibility
from responsibility.graph.queries import chain
from responsibility.policy.policyset import PolicySet

CHECK = "对贫困村、贫困人口精准识别和精准退出情况进行检查考核"

# Targets of assess/supervise duties whose name the duty's quote does not contain, each read
# against the provision's text: the body is named in the same clause or sentence, outside the
# quoted excerpt (a shared subject or object the quote cuts off). A new one must be read too.
NAMED_OUTSIDE_THE_QUOTE = {
    ("central/art_16/supervise-guidance", "township.party-committee-and-government"),  # 乡、村落实…指导意见并监督实施
    ("central/art_16/supervise-guidance", "village.two-committees"),
    ("gansu/art_4/supervise-incident-mechanism", "county.party-committee-and-government"),  # 督促贫困县…机制的落实
    ("gansu/art_7/assess-cities-counties", "city.party-committee-and-government"),  # 市(州)、县(市、区)党委和政府: 市(州) shares the 党委和政府
    ("gansu/art_19/oversee-funds", "county.party-committee-and-government"),  # 所属县(市、区)…资金使用和管理
    ("gansu/art_19/oversee-targets", "county.party-committee-and-government"),
    ("shanxi/art_11/assess-cities-and-counties", "city.party-committee-and-government"),  # 11个设区市、58个贫困县(区)党委和政府: shared
    ("shanxi/art_11/third-party-evaluation", "city.party-committee-and-government"),  # …成效考核及第三方评估
    ("shanxi/art_11/third-party-evaluation", "county.party-committee-and-government"),
    ("shanxi/art_45/urge-policies", "village.poor-households"),  # 紧盯建档立卡贫困人口…督促政策落实
    ("wuyi/sec_1__subsec_1__item_14/hear-reports", "village.work-team"),  # 帮扶工作队和帮扶责任人的管理…听取汇报
    ("wuyi/sec_1__subsec_1__item_14/hear-reports", "village.assistance-cadre"),
    ("wuyi/sec_1__subsec_1__item_14/assess-village-cadres", "village.work-team"),  # 驻村干部的管理、专项考核
    ("wuyi/sec_1__subsec_2__item_7/enforce-discipline", "village.work-team"),  # 驻村干部和帮扶责任人管理,严格纪律要求
    ("wuyi/sec_1__subsec_2__item_7/enforce-discipline", "village.assistance-cadre"),
}


@cache
def shipped() -> PolicySet:
    return responsibility.load()


def _names(ps: PolicySet, actor: str, written: str | None) -> list[str]:
    a = ps.actors.get(actor)
    names = [written] if written else []
    if a is not None:
        names += [a.name.zh, *(alias.zh for alias in a.aliases)]
    return names


def test_the_words_of_central_15_carry_no_target_wherever_they_are_repeated() -> None:
    ps = shipped()
    repeated = [e for e in ps.all_duties() if e.duty.quote == CHECK]
    assert {e.regulation.id for e in repeated} >= {"central", "shanxi", "wuyi"}
    for entry in repeated:
        assert [c for c in entry.duty.counterparties if c.role.value == "target"] == [], entry.ref


def test_no_township_is_assessed_by_wuyi_11() -> None:
    ps = shipped()
    links = [
        link
        for line in chain(ps, "township.party-committee-and-government").lines
        for link in line.upward
    ]
    assert links, "the township has links upward (一(一)3's responsibility letters, 一(一)11's urging)"
    assert not [
        link for link in links if link.duty == "wuyi/sec_1__subsec_1__item_11/check-assess"
    ]


def test_every_other_unquoted_target_has_been_read_against_the_text() -> None:
    ps = shipped()
    unquoted = set()
    for entry in ps.all_duties():
        if entry.duty.action.value not in ("assess", "supervise"):
            continue
        for c in entry.duty.counterparties:
            names = _names(ps, c.actor, c.zh)
            if not any(name in entry.duty.quote for name in names):
                unquoted.add((entry.ref, c.actor))
                # named in the provision, at least: the encoding never supplies a body
                assert any(name[:2] in entry.provision.text for name in names), (entry.ref, c.actor)
    assert unquoted == NAMED_OUTSIDE_THE_QUOTE
