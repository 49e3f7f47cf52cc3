"""The encoding of 武邑县落实脱贫攻坚责任制实施意见 (讨论稿): structure, key duties, traceability.

The expectations were read off the source text (policies/wuyi/source.txt), not off the YAML: each
assertion is a claim about what the draft says that the encoding must reproduce.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from responsibility.policy.fidelity import compare
from responsibility.policy.model import (
    Action,
    ActorKind,
    CounterpartyRole,
    Duty,
    Frequency,
    Level,
    Modality,
    Responsibility,
    Status,
    walk_provisions,
)
from responsibility.policy.policyset import PolicySet
from responsibility.semantics import applies

SOURCE = ROOT / "policies" / "wuyi" / "source.txt"
WUYI = "cn.hebei.hengshui.wuyi"
S11 = "sec_1__subsec_1__item_"
S12 = "sec_1__subsec_2__item_"
# The levels this county rule governs: the county itself, its townships and its villages.
LEVELS = {Level.county, Level.township, Level.village}


def duty(ps: PolicySet, provision: str, duty_id: str) -> Duty:
    return ps.duty(f"wuyi/{provision}/{duty_id}")


def owner_ids(d: Duty) -> set[str]:
    return {o.actor for o in d.owners}


def parties(d: Duty, role: CounterpartyRole) -> set[str]:
    return {c.actor for c in d.counterparties if c.role is role}


# --- structure ---------------------------------------------------------------------------------


def test_provisions_in_printed_order(shipped: PolicySet) -> None:
    ids = [p.id for p, _ in walk_provisions(shipped.regulation("wuyi"))]
    expected = (
        ["preamble"]
        + [f"{S11}{n}" for n in range(1, 16)]
        + [f"{S12}{n}" for n in range(1, 15)]
        + [f"sec_2__item_{n}" for n in range(1, 10)]
        + ["sec_3__content"]
    )
    assert ids == expected
    assert len(ids) == 40


def test_divisions_as_printed(shipped: PolicySet) -> None:
    reg = shipped.regulation("wuyi")
    assert reg.heading == ["武邑县落实脱贫攻坚责任制实施意见", "(讨论稿)"]
    top = [(d.id, d.label, d.title.zh) for d in reg.divisions]
    assert top == [
        ("sec_1", "一、", "明确责任"),
        ("sec_2", "二、", "合力攻坚"),
        ("sec_3", "三、", "严格奖惩"),
    ]
    subs = [(d.id, d.label, d.title.zh) for d in reg.divisions[0].divisions]
    assert subs == [("sec_1__subsec_1", "(一)", "县抓落实"), ("sec_1__subsec_2", "(二)", "乡(镇)、村实施")]
    assert not reg.divisions[0].provisions  # 一 holds only its two subsections


def test_item_labels(shipped: PolicySet) -> None:
    for prov, _ in walk_provisions(shipped.regulation("wuyi")):
        m = re.search(r"item_(\d+)$", prov.id)
        if m:
            assert prov.label == f"{m.group(1)}、", prov.id
        else:  # the preamble and the body of 三 carry no label
            assert prov.label is None, prov.id


def test_only_item_two_three_has_an_inferred_label(shipped: PolicySet) -> None:
    inferred = [p.id for p, _ in walk_provisions(shipped.regulation("wuyi")) if p.label_inferred]
    assert inferred == ["sec_2__item_3"]
    item = shipped.provision("wuyi", "sec_2__item_3")
    assert item.text.startswith("县委组织部要做好")
    assert item.note and "inferred" in item.note
    source = SOURCE.read_text("utf-8")
    assert "3、县委组织部" not in source and "\n县委组织部要做好" in source


def test_encoding_reproduces_the_source_text(shipped: PolicySet) -> None:
    assert compare(shipped.regulation("wuyi"), SOURCE.read_text("utf-8")) is None


def test_preamble_assigns_nothing(shipped: PolicySet) -> None:
    pre = shipped.provision("wuyi", "preamble")
    assert not pre.duties and pre.no_duty_reason
    assert "冀办字〔2017〕4号" in pre.text and "衡扶〔2017〕52号" in pre.text


def test_every_other_provision_assigns_duties(shipped: PolicySet) -> None:
    for prov, _ in walk_provisions(shipped.regulation("wuyi")):
        if prov.id != "preamble":
            assert prov.duties, prov.id


def test_duty_count(shipped: PolicySet) -> None:
    assert len(shipped.duties(regulation="wuyi")) == 185


# --- metadata ----------------------------------------------------------------------------------


def test_metadata_from_the_text(shipped: PolicySet) -> None:
    reg = shipped.regulation("wuyi")
    assert reg.status is Status.draft
    assert reg.level is Level.county
    assert reg.jurisdiction == WUYI
    assert reg.issuers == []  # the draft says 我县 and names no issuer
    assert reg.note and "我县" in reg.note
    assert reg.issued is None and reg.effective is None and reg.effective_note
    assert reg.implements == ["central"]


def test_parents_outside_the_library_are_cited(shipped: PolicySet) -> None:
    cites = {c.number: c for c in shipped.regulation("wuyi").cites}
    assert set(cites) == {"冀办字〔2017〕4号", "衡扶〔2017〕52号"}
    assert all(c.parent for c in cites.values())
    hebei, hengshui = cites["冀办字〔2017〕4号"], cites["衡扶〔2017〕52号"]
    assert hebei.title.zh == "河北省脱贫攻坚责任制实施细则"
    assert hebei.issuer is not None and hebei.issuer.zh == "省委办公厅、省政府办公厅"
    assert hengshui.title.zh == "衡水市落实脱贫攻坚责任制实施意见"
    assert hengshui.issuer is not None and hengshui.issuer.zh == "衡水市扶贫开发工作领导小组"


# --- actors ------------------------------------------------------------------------------------


def test_concrete_actors_have_role_place_and_level(shipped: PolicySet) -> None:
    own = shipped.regulation("wuyi").actors
    assert own, "Wuyi's actors are its own"
    for a in own:
        assert a.id.startswith("wuyi."), a.id
        if a.kind is ActorKind.concrete:
            assert a.role in shipped.actors and a.place in shipped.places, a.id


def test_county_bodies_sit_in_wuyi(shipped: PolicySet) -> None:
    for a in shipped.regulation("wuyi").actors:
        if a.kind is not ActorKind.role and a.level is Level.county:
            assert a.place == WUYI, a.id
    joint = shipped.actors["wuyi.county-committee-and-government"]
    assert joint.kind is ActorKind.composite
    assert joint.members == ["wuyi.county-committee", "wuyi.county-government"]
    city = shipped.actors["wuyi.hengshui-leading-group"]
    assert (city.place, city.level, city.role) == ("cn.hebei.hengshui", Level.city, "city.leading-group")


# Every department 二、3 names, with the words the text uses for it.
DEPARTMENTS = {
    "wuyi.organisation-department": "县委组织部",
    "wuyi.publicity-department": "县委宣传部",
    "wuyi.rural-work-committee": "县委农工委",
    "wuyi.finance-bureau": "县财政局",
    "wuyi.development-reform-bureau": "县发改局",
    "wuyi.agriculture-forestry-bureau": "县农林局",
    "wuyi.housing-construction-bureau": "县住建局",
    "wuyi.human-resources-bureau": "县人社局",
    "wuyi.civil-affairs-bureau": "民政局",
    "wuyi.health-commission": "卫计委",
    "wuyi.urban-management-bureau": "县城管局",
    "wuyi.education-bureau": "县教育局",
    "wuyi.water-bureau": "县水务局",
    "wuyi.power-supply-company": "县供电公司",
    "wuyi.transport-bureau": "县交通局",
    "wuyi.culture-bureau": "县文广新局",
}


def test_each_department_of_two_three_has_its_own_duty(shipped: PolicySet) -> None:
    item = shipped.provision("wuyi", "sec_2__item_3")
    for actor, name in DEPARTMENTS.items():
        assert name in item.text
        own = [d for d in item.duties if actor in owner_ids(d) and d.id not in LEAD_DUTIES]
        assert own, actor
        assert shipped.actors[actor].place == WUYI


LEAD_DUTIES = {"annual-work-plan", "regular-scheduling", "quarterly-report"}


def test_lead_departments_plan_each_year_and_report_each_quarter(shipped: PolicySet) -> None:
    plan = duty(shipped, "sec_2__item_3", "annual-work-plan")
    assert owner_ids(plan) == set(DEPARTMENTS)
    assert plan.frequency is Frequency.annual and plan.deadline == "每年初"
    assert plan.action is Action.formulate and plan.artefacts == ["work-plan"]
    report = duty(shipped, "sec_2__item_3", "quarterly-report")
    assert owner_ids(report) == set(DEPARTMENTS)
    for lead in LEAD_DUTIES:  # 各牵头部门: the kind the text names is 牵头, lead
        d = duty(shipped, "sec_2__item_3", lead)
        assert {o.responsibility for o in d.owners} == {Responsibility.lead}, lead
    assert report.frequency is Frequency.quarterly and "每季度" in report.quote
    assert parties(report, CounterpartyRole.reports_to) == {"wuyi.leading-group"}
    assert duty(shipped, "sec_2__item_3", "regular-scheduling").frequency is Frequency.periodic


def test_health_and_welfare_are_joint(shipped: PolicySet) -> None:
    d = duty(shipped, "sec_2__item_3", "medical-security")
    assert owner_ids(d) == {
        "wuyi.human-resources-bureau",
        "wuyi.civil-affairs-bureau",
        "wuyi.health-commission",
    }


# --- key duties, checked by hand against the text ----------------------------------------------


def test_first_responsible_persons(shipped: PolicySet) -> None:
    county = duty(shipped, f"{S11}2", "first-responsible")
    assert owner_ids(county) == {"wuyi.party-secretary", "wuyi.county-head"}
    assert {o.responsibility for o in county.owners} == {Responsibility.first_responsible_person}
    town = duty(shipped, f"{S12}2", "first-responsible")
    assert owner_ids(town) == {"township.party-secretary", "township.head"}


def test_county_letters_and_annual_report(shipped: PolicySet) -> None:
    sign = duty(shipped, f"{S11}3", "sign-letters")
    assert owner_ids(sign) == {"wuyi.county-committee-and-government"}
    assert parties(sign, CounterpartyRole.signs_with) == {"township.party-committee-and-government"}
    assert sign.artefacts == ["responsibility-letter"]
    assert sign.frequency is None  # the text does not say how often letters are signed
    report = duty(shipped, f"{S11}3", "annual-report")
    assert report.frequency is Frequency.annual
    assert parties(report, CounterpartyRole.reports_to) == {"wuyi.hengshui-leading-group"}
    assert report.artefacts == ["progress-report"]


def test_township_letters_and_annual_report(shipped: PolicySet) -> None:
    sign = duty(shipped, f"{S12}3", "sign-letters")
    assert parties(sign, CounterpartyRole.signs_with) == {"village.two-committees"}
    report = duty(shipped, f"{S12}3", "annual-report")
    assert report.frequency is Frequency.annual
    assert parties(report, CounterpartyRole.reports_to) == {"wuyi.leading-group"}


def test_special_funds_quantities(shipped: PolicySet) -> None:
    share = duty(shipped, f"{S11}4", "special-funds-one-percent")
    growth = duty(shipped, f"{S11}4", "special-funds-growth")
    for d in (share, growth):
        assert d.modality is Modality.obligation and d.action is Action.fund
        assert d.note and owner_ids(d) == {"wuyi.county-committee-and-government"}
    assert "1%以上" in share.quote and "1%" in (share.note or "")
    assert "增幅高于一般公共预算收入增幅" in growth.quote and "strictly higher" in (growth.note or "")


def test_reimbursement_rate(shipped: PolicySet) -> None:
    minimum = duty(shipped, f"{S11}9", "reimbursement-rate-minimum")
    full = duty(shipped, f"{S11}9", "reimbursement-rate-full")
    assert minimum.modality is Modality.obligation and "高于省考核验收最低要求" in minimum.quote
    assert full.modality is Modality.recommendation and "力争" in full.quote and "100%" in full.quote


def test_fund_supervision_is_primary(shipped: PolicySet) -> None:
    d = duty(shipped, f"{S11}9", "fund-supervision")
    assert [o.responsibility for o in d.owners] == [Responsibility.primary]


# The household exit procedure (一(二)9 then 一(二)4), step by step: (provision, duty, owners, action).
EXIT_STEPS = [
    (f"{S12}9", "propose-exit-list", {"village.two-committees"}, Action.propose),
    (f"{S12}9", "verify-exit-list", {"village.two-committees", "village.work-team"}, Action.verify),
    (f"{S12}9", "public-notice", {"village.two-committees"}, Action.disclose),
    (f"{S12}9", "submit-exit-list", {"village.two-committees"}, Action.report),
    (f"{S12}4", "review-exit-list", {"township.party-committee-and-government"}, Action.review),
    (f"{S12}4", "submit-exit-list", {"township.party-committee-and-government"}, Action.report),
    (f"{S12}4", "decide-exit-list", {"wuyi.leading-group"}, Action.approve),
]


@pytest.mark.parametrize(("provision", "duty_id", "owners", "action"), EXIT_STEPS)
def test_exit_procedure_step(
    shipped: PolicySet, provision: str, duty_id: str, owners: set[str], action: Action
) -> None:
    d = duty(shipped, provision, duty_id)
    assert owner_ids(d) == owners and d.action is action
    assert d.modality is Modality.obligation and "exit" in d.topics


def test_exit_procedure_steps_follow_the_text_order(shipped: PolicySet) -> None:
    """Within each provision, the steps' quotes appear in the text in procedure order."""
    for provision in (f"{S12}9", f"{S12}4"):
        text = shipped.provision("wuyi", provision).text
        quotes = [duty(shipped, p, d).quote for p, d, _, _ in EXIT_STEPS if p == provision]
        positions = [text.index(q) for q in quotes]
        if provision.endswith("4"):  # 报县扶贫开发领导小组审定: submission and decision share one clause
            positions = positions[:2]
        assert positions == sorted(positions), provision


def test_exit_procedure_counterparties(shipped: PolicySet) -> None:
    propose = duty(shipped, f"{S12}9", "propose-exit-list")
    # The household whose exit is proposed is the list's target; its consent (认可) is a condition
    # of submission, not an upward approval and not a duty of the household's.
    assert parties(propose, CounterpartyRole.target) == {"village.poor-households"}
    assert parties(propose, CounterpartyRole.approved_by) == set()
    assert not any(
        "village.poor-households" in owner_ids(d) for d in shipped.provision("wuyi", f"{S12}9").duties
    )
    assert parties(propose, CounterpartyRole.reviewed_by) == {"village.work-team", "township.government"}
    village_submit = duty(shipped, f"{S12}9", "submit-exit-list")
    assert parties(village_submit, CounterpartyRole.reviewed_by) == {"township.government"}
    assert village_submit.condition is not None and "公示无异议" in village_submit.condition.zh
    assert "拟退出贫困户认可" in village_submit.condition.zh
    assert "public-notice" in duty(shipped, f"{S12}9", "public-notice").artefacts
    township_submit = duty(shipped, f"{S12}4", "submit-exit-list")
    assert parties(township_submit, CounterpartyRole.approved_by) == {"wuyi.leading-group"}


def test_weekly_meeting_and_quarterly_observation(shipped: PolicySet) -> None:
    weekly = duty(shipped, f"{S12}7", "weekly-meeting")
    assert weekly.frequency is Frequency.weekly and "周例会" in weekly.quote
    quarterly = duty(shipped, f"{S12}7", "quarterly-observation")
    assert quarterly.frequency is Frequency.quarterly and "每季度" in quarterly.quote
    manage = duty(shipped, f"{S12}7", "manage-village-cadres")
    assert [o.responsibility for o in manage.owners] == [Responsibility.cooperating]


def test_village_records_archive_and_notices(shipped: PolicySet) -> None:
    record = duty(shipped, f"{S12}12", "record-assistance")
    assert record.artefacts == ["assistance-record"] and "一事一记录" in record.quote
    up = duty(shipped, f"{S12}12", "report-to-township")
    assert up.frequency is Frequency.periodic
    assert parties(up, CounterpartyRole.reports_to) == {"township.party-committee-and-government"}
    onward = duty(shipped, f"{S12}12", "township-report-to-county")
    assert parties(onward, CounterpartyRole.reports_to) == {"wuyi.leading-group-office"}
    book = duty(shipped, f"{S12}13", "village-archive-book")
    assert book.artefacts == ["village-archive"] and "一本清" in book.quote
    board = duty(shipped, f"{S12}14", "notice-board")
    assert board.artefacts == ["notice-board"] and owner_ids(board) == {"village.two-committees"}
    # 一(二)14 names no subject: the owner is inferred, and the provision says so
    assert shipped.provision("wuyi", f"{S12}14").note


def test_discipline_and_audit(shipped: PolicySet) -> None:
    d = duty(shipped, f"{S11}15", "discipline-supervision")
    assert owner_ids(d) == {"wuyi.discipline-commission"}
    assert d.owners[0].zh == "县纪委、监察委"
    assert owner_ids(duty(shipped, f"{S11}15", "follow-up-audit")) == {"wuyi.audit-bureau"}


def test_rewards_are_obligations_here(shipped: PolicySet) -> None:
    commend = duty(shipped, "sec_3__content", "commend")
    assert commend.modality is Modality.obligation  # central 第二十五条 says 可以; Wuyi does not
    assert owner_ids(commend) == {"wuyi.county-committee-and-government", "wuyi.leading-group"}


def test_frequencies_are_grounded_in_the_quote(shipped: PolicySet) -> None:
    words = {
        Frequency.annual: ("每年",),
        Frequency.quarterly: ("每季度",),
        Frequency.weekly: ("周例会",),
        Frequency.periodic: ("定期",),
        Frequency.as_needed: ("及时", "适时", "视情况", "一事一记录"),
    }
    for e in shipped.duties(regulation="wuyi"):
        f = e.duty.frequency
        if f in words:
            assert any(w in e.duty.quote for w in words[f]), e.ref
        assert f not in {Frequency.monthly, Frequency.semiannual, Frequency.once}, e.ref


def test_modalities(shipped: PolicySet) -> None:
    ds = shipped.duties(regulation="wuyi")
    assert not any(e.duty.modality in {Modality.permission, Modality.prohibition} for e in ds)
    recs = sorted(e.ref for e in ds if e.duty.modality is Modality.recommendation)
    assert recs == [f"wuyi/{S11}9/reimbursement-rate-full", f"wuyi/{S12}6/encourage-training"]


# --- traceability ------------------------------------------------------------------------------


def _levels(ps: PolicySet, d: Duty) -> set[Level]:
    return {ps.actors[o.actor].level for o in d.owners}


def test_every_duty_is_linked_or_a_local_addition(shipped: PolicySet) -> None:
    for e in shipped.duties(regulation="wuyi"):
        assert bool(e.duty.implements) != e.duty.local_addition, e.ref
        assert all(ref.startswith("central/") for ref in e.duty.implements), e.ref


def test_central_duties_at_wuyis_levels_are_covered(shipped: PolicySet) -> None:
    """Coverage: each central duty that applies to 武邑 (semantics.applies: owned at county,
    township or village level, at every level, or by society) is implemented by a Wuyi duty or
    listed in not_implemented with a reason."""
    reg = shipped.regulation("wuyi")
    implemented = {ref for e in shipped.duties(regulation="wuyi") for ref in e.duty.implements}
    excused = {ni.duty for ni in reg.not_implemented}
    assert all(ni.reason.strip() for ni in reg.not_implemented)
    applicable = {e.ref for e in shipped.duties(regulation="central") if applies(shipped, e.duty, reg)}
    at_our_levels = {e.ref for e in shipped.duties(regulation="central") if _levels(shipped, e.duty) & LEVELS}
    assert len(at_our_levels) == 24  # central 第十四条 to 第十九条
    assert at_our_levels < applicable  # and the duties of every level and of society (第二十条-第二十六条)
    assert applicable - implemented - excused == set()
    # an excuse is only for a duty truly left out
    assert excused & implemented == set()
    assert excused == {
        "central/art_16/supervise-guidance",
        "central/art_16/tailored-guidance",
        *(
            f"central/art_20/{d}"
            for d in (
                "hands-on-leadership",
                "docking-mechanism",
                "focus-on-results",
                "strengthen-cooperation",
                "eastern-input",
                "western-docking",
                "western-use-resources",
            )
        ),
        "central/art_21/focus-on-registered-poor",
        "central/art_21/genuine-assistance",
        "central/art_21/no-unhooking",
    }


def test_links_never_reach_central_or_provincial_duties(shipped: PolicySet) -> None:
    """A county does not carry out the centre's, the province's or the city's own duties: those
    counterparts are local additions with a note."""
    for e in shipped.duties(regulation="wuyi"):
        for ref in e.duty.implements:
            parent_levels = _levels(shipped, shipped.duty(ref))
            # central 第二十五条's owners include central organs beside 各级党委和政府: one owner at a
            # level that reaches the county is enough
            assert parent_levels & (LEVELS | {Level.all, Level.society}), (e.ref, ref)


def test_hand_checked_links(shipped: PolicySet) -> None:
    def links(provision: str, duty_id: str) -> set[str]:
        return set(duty(shipped, provision, duty_id).implements)

    assert links(f"{S11}1", "principal") == {"central/art_14/principal-responsibility"}
    assert links(f"{S11}2", "first-responsible") == {"central/art_14/first-responsible-person"}
    assert links(f"{S11}11", "check-assess") == {
        "central/art_15/check-identification",
        "central/art_15/check-exit",
    }
    assert links(f"{S11}7", "project-pool") == {"central/art_19/project-pool"}
    assert links("sec_3__content", "pursue-liability") == {"central/art_25/hold-accountable"}
    assert duty(shipped, f"{S11}3", "annual-report").local_addition  # central 第九条 is the province's
    assert duty(shipped, f"{S11}4", "special-funds-one-percent").local_addition
