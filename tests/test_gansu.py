"""The encoding of 甘肃省脱贫攻坚责任制实施办法 (gansu): structure, metadata, duties, traceability.

The expectations were read off the source text (policies/gansu/source.txt) by hand, not off the
YAML: each assertion is a claim about what the measure says that the encoding must reproduce.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from regulation_helpers import chinese_numeral, uncovered
from responsibility.policy.fidelity import compare
from responsibility.policy.model import (
    Action,
    CounterpartyRole,
    Duty,
    Frequency,
    Level,
    Modality,
    Provision,
    Responsibility,
    walk_provisions,
)
from responsibility.policy.policyset import PolicySet
from responsibility.semantics import applies

SOURCE = ROOT / "policies" / "gansu" / "source.txt"

# The levels this measure governs: it assigns duties to the province, cities, counties and (in
# 第二十四、二十六、二十八条) townships, villages and village work teams.
LEVELS = frozenset({Level.province, Level.city, Level.county, Level.township, Level.village})

CHAPTERS = {
    "chp_1": ("第一章", "总则", range(1, 4)),
    "chp_2": ("第二章", "省负总责", range(4, 13)),
    "chp_3": ("第三章", "行业责任", range(13, 19)),
    "chp_4": ("第四章", "市县责任", range(19, 28)),
    "chp_5": ("第五章", "帮扶责任", range(28, 32)),
    "chp_6": ("第六章", "奖惩", range(32, 34)),
    "chp_7": ("第七章", "附则", range(34, 37)),
}


def prov(ps: PolicySet, n: int) -> Provision:
    return ps.provision("gansu", f"art_{n}")


def duty(ps: PolicySet, n: int, duty_id: str) -> Duty:
    return ps.duty(f"gansu/art_{n}/{duty_id}")


def owner_ids(d: Duty) -> list[str]:
    return [o.actor for o in d.owners]


def roles(d: Duty) -> list[tuple[CounterpartyRole, str]]:
    return [(c.role, c.actor) for c in d.counterparties]


def in_scope(ps: PolicySet) -> list[str]:
    gansu = ps.regulation("gansu")
    return sorted(e.ref for e in ps.duties(regulation="central") if applies(ps, e.duty, gansu))


def test_chinese_numeral_helper() -> None:
    assert [chinese_numeral(n) for n in (1, 10, 16, 20, 33, 36)] == [
        "一",
        "十",
        "十六",
        "二十",
        "三十三",
        "三十六",
    ]


# --- structure and text ------------------------------------------------------------------------


def test_thirty_six_articles_in_seven_chapters(shipped: PolicySet) -> None:
    reg = shipped.regulation("gansu")
    assert [p.id for p, _ in walk_provisions(reg)] == [f"art_{n}" for n in range(1, 37)]
    assert reg.provisions == []
    assert [d.id for d in reg.divisions] == list(CHAPTERS)
    for div in reg.divisions:
        label, title, arts = CHAPTERS[div.id]
        assert (div.label, div.title.zh) == (label, title)
        assert [p.id for p in div.provisions] == [f"art_{n}" for n in arts]


def test_labels_as_printed(shipped: PolicySet) -> None:
    for n in range(1, 37):
        p = prov(shipped, n)
        assert p.label == f"第{chinese_numeral(n)}条"
        assert not p.label_inferred
    assert shipped.regulation("gansu").heading == ["甘肃省脱贫攻坚责任制实施办法"]


def test_encoding_reproduces_the_source(shipped: PolicySet) -> None:
    assert compare(shipped.regulation("gansu"), SOURCE.read_text("utf-8")) is None


def test_article_33_keeps_its_seven_items_and_chapter_7_is_split_off(shipped: PolicySet) -> None:
    text = prov(shipped, 33).text
    items = re.findall(r"^\(([一二三四五六七])\)", text, flags=re.M)
    assert items == list("一二三四五六七")  # one a line, though the source runs them together
    assert "附则" not in text  # the chapter heading printed after (七) belongs to chp_7
    assert text.endswith("(七)发生重大涉贫事件,造成不良社会影响的。")


@pytest.mark.parametrize("n", [1, 2, 3, 36])
def test_articles_without_duties_say_why(shipped: PolicySet, n: int) -> None:
    p = prov(shipped, n)
    assert p.duties == [] and p.no_duty_reason


def test_every_other_article_assigns_duties(shipped: PolicySet) -> None:
    for n in range(4, 36):
        assert prov(shipped, n).duties, n


# --- metadata ----------------------------------------------------------------------------------


def test_metadata(shipped: PolicySet) -> None:
    reg = shipped.regulation("gansu")
    assert (reg.level, reg.jurisdiction, reg.status.value) == (Level.province, "cn.gansu", "in-force")
    assert str(reg.effective) == "2017-03-09"
    assert "2017年3月9日" in prov(shipped, 36).text
    assert reg.issued is None and reg.document_number is None
    assert reg.issuers == []  # the text names no issuer ...
    assert reg.note and "names no issuing body" in reg.note  # ... and the note says so
    assert reg.implements == ["central"]


def test_scope_counts_come_from_the_text(shipped: PolicySet) -> None:
    reg = shipped.regulation("gansu")
    assert reg.scope is not None
    text = prov(shipped, 2).text
    cities = int(re.search(r"(\d+)个市州\(除嘉峪关市外\)", text).group(1))  # type: ignore[union-attr]
    contiguous = int(re.search(r"(\d+)个集中连片特困县", text).group(1))  # type: ignore[union-attr]
    scattered = int(re.search(r"(\d+)个插花型贫困县", text).group(1))  # type: ignore[union-attr]
    assert (reg.scope.cities, reg.scope.counties) == (cities, contiguous + scattered) == (13, 75)
    assert reg.scope.note and "58" in reg.scope.note and "17" in reg.scope.note
    assert "嘉峪关" in reg.scope.note


def test_cites_every_document_named_and_nothing_else(shipped: PolicySet) -> None:
    reg = shipped.regulation("gansu")
    source = SOURCE.read_text("utf-8")
    named = set(re.findall(r"《([^》]+)》", source))
    # The central notice is in the library (implements: [central]); the others are cited.
    central_notice = "中共中央办公厅、国务院办公厅关于印发〈脱贫攻坚责任制实施办法〉的通知"
    assert {c.title.zh for c in reg.cites} == named - {central_notice}
    for c in reg.cites:
        assert c.number is None or c.number in source
    parent = {c.id: c for c in reg.cites}["gansu-decision-2016-9"]
    assert parent.number == "甘发〔2016〕9号" and parent.parent


def test_mechanisms_are_named_in_the_text_and_left_undefined(shipped: PolicySet) -> None:
    reg = shipped.regulation("gansu")
    source = SOURCE.read_text("utf-8")
    names = {m.id: m.name.zh for m in reg.mechanisms}
    for key in ("wall-chart-853", "exit-acceptance-4342", "seven-batches", "two-ensures"):
        assert key in names
    for m in reg.mechanisms:
        assert not m.defined, m.id
        assert m.name.zh in source, m.id


def test_own_actors_are_prefixed(shipped: PolicySet) -> None:
    reg = shipped.regulation("gansu")
    assert reg.actors and all(a.id.startswith("gansu.") for a in reg.actors)
    assert shipped.actors["gansu.standing-committee-members"].part_of == "province.party-committee"
    taimeng = shipped.actors["gansu.taimeng-central"]
    assert (taimeng.role, taimeng.place) == ("society.democratic-parties", "cn")


# --- duties checked by hand --------------------------------------------------------------------


def test_article_4_bundle_is_split(shipped: PolicySet) -> None:
    ids = [d.id for d in prov(shipped, 4).duties]
    for wanted in (
        "overall",
        "one-leader-responsibility",
        "five-level-secretaries",
        "policy-measures",
        "rolling-plan",
        "key-tasks",
        "guide-cities-counties",
        "supervise-county-mechanisms",
        "supervise-incident-mechanism",
        "keep-leaders-stable",
    ):
        assert wanted in ids
    overall = duty(shipped, 4, "overall")
    assert overall.owners[0].responsibility is Responsibility.overall
    assert overall.owners[0].zh == "省委省政府"
    assert "guidance-plan" in duty(shipped, 4, "rolling-plan").artefacts
    assert duty(shipped, 4, "supervise-incident-mechanism").local_addition


def test_article_5_letters_and_annual_report(shipped: PolicySet) -> None:
    sign = duty(shipped, 5, "sign-letter")
    assert owner_ids(sign) == ["province.principal-leaders"]
    assert roles(sign) == [(CounterpartyRole.signs_with, "central.party-central-committee")]
    report = duty(shipped, 5, "annual-report")
    assert report.frequency is Frequency.annual
    assert roles(report) == [(CounterpartyRole.reports_to, "central.party-central-committee")]
    for d in ("leaders-in-charge-sign", "cities-sign", "departments-sign"):
        letter = duty(shipped, 5, d)
        assert roles(letter) == [(CounterpartyRole.signs_with, "province.party-committee-and-government")]
        assert letter.frequency is None  # the text does not say how often
    assert owner_ids(duty(shipped, 5, "cities-sign")) == ["city.principal-leaders"]


def test_article_6_meetings_are_periodic(shipped: PolicySet) -> None:
    meetings = duty(shipped, 6, "periodic-meetings")
    assert meetings.frequency is Frequency.periodic  # 定期, no period given
    assert "gansu.standing-committee-members" in owner_ids(meetings)


def test_article_7_leading_group(shipped: PolicySet) -> None:
    p = prov(shipped, 7)
    assert {o for d in p.duties for o in owner_ids(d)} == {"province.leading-group"}
    accept = duty(shipped, 7, "county-exit-acceptance")
    assert accept.action is Action.verify
    assert (CounterpartyRole.target, "county.party-committee-and-government") in roles(accept)
    # the report to 省委省政府 is the closing clause's own duty; the acceptance's words name no one
    assert all(role is not CounterpartyRole.reports_to for role, _ in roles(accept))
    report = duty(shipped, 7, "report")
    assert (CounterpartyRole.reports_to, "province.party-committee-and-government") in roles(report)
    assess = duty(shipped, 7, "assess-cities-counties")
    assert {a for _, a in roles(assess)} == {
        "city.party-committee-and-government",
        "county.party-committee-and-government",
    }
    assert duty(shipped, 7, "report").frequency is None  # 有关情况: no frequency in the text


def test_article_8_office_and_853(shipped: PolicySet) -> None:
    assert {o for d in prov(shipped, 8).duties for o in owner_ids(d)} == {"province.leading-group-office"}
    chart = duty(shipped, 8, "wall-chart-853")
    assert "“853”" in chart.quote and chart.note and "not defined" in chart.note


def test_article_11_supervisory_bodies(shipped: PolicySet) -> None:
    p = prov(shipped, 11)
    assert [owner_ids(d) for d in p.duties] == [
        ["province.discipline-commission"],
        ["gansu.procuratorate"],
        ["province.audit-office"],
    ]
    assert [d.action for d in p.duties] == [Action.supervise, Action.investigate, Action.audit]


def test_article_18_departments_report_yearly_to_the_leading_group(shipped: PolicySet) -> None:
    report = duty(shipped, 18, "annual-report")
    assert owner_ids(report) == ["province.departments"]
    assert report.frequency is Frequency.annual
    assert roles(report) == [(CounterpartyRole.reports_to, "province.leading-group")]


def test_article_21_budget_and_yearly_audit(shipped: PolicySet) -> None:
    audit = duty(shipped, 21, "annual-audit")
    assert audit.frequency is Frequency.annual and audit.action is Action.audit
    assert owner_ids(audit) == [
        "city.party-committee-and-government",
        "county.party-committee-and-government",
    ]
    assert "audit-report" in audit.artefacts


def test_article_22_prohibits_formalism(shipped: PolicySet) -> None:
    assert duty(shipped, 22, "no-formalism").modality is Modality.prohibition


def test_county_kinds_of_responsibility(shipped: PolicySet) -> None:
    kinds = {
        (23, "principal"): Responsibility.principal,
        (23, "first-responsible"): Responsibility.first_responsible_person,
        (24, "direct-exit"): Responsibility.direct,
        (25, "primary-fund-responsibility"): Responsibility.primary,
    }
    for (n, d), kind in kinds.items():
        assert duty(shipped, n, d).owners[0].responsibility is kind, (n, d)
    assert owner_ids(duty(shipped, 23, "first-responsible")) == ["county.principal-leaders"]


def test_article_28_work_teams_debrief_to_township(shipped: PolicySet) -> None:
    debrief = duty(shipped, 28, "team-debrief")
    assert owner_ids(debrief) == ["village.work-team"]
    assert roles(debrief) == [
        (CounterpartyRole.reports_to, "township.party-committee"),
        (CounterpartyRole.assessed_by, "township.party-committee"),
    ]


def test_article_32_commendation_is_permitted(shipped: PolicySet) -> None:
    assert duty(shipped, 32, "commend").modality is Modality.permission
    assert duty(shipped, 32, "cadre-selection-basis").modality is Modality.permission


def test_article_33_liability_condition_lists_all_items(shipped: PolicySet) -> None:
    liability = duty(shipped, 33, "pursue-liability")
    assert liability.action is Action.hold_accountable
    assert liability.condition is not None
    for item in "一二三四五六七":
        assert f"({item})" in liability.condition.zh


def test_article_35_interpretation(shipped: PolicySet) -> None:
    interpret = duty(shipped, 35, "interpret")
    assert owner_ids(interpret) == ["province.leading-group-office"]
    assert interpret.action is Action.interpret


# --- the exit procedure (第七、十六、二十、二十四条) ---------------------------------------------


def test_exit_steps_in_order(shipped: PolicySet) -> None:
    # Step 1: provincial departments set sector standards and guidance.
    assert "sector-standard" in duty(shipped, 16, "sector-standards").artefacts
    assert "guidance-opinion" in duty(shipped, 16, "guidance-opinion").artefacts
    # Step 2: sector departments of all three levels accept item by item under local arrangement.
    single = duty(shipped, 16, "single-item-acceptance")
    assert owner_ids(single) == ["province.departments", "gansu.city-departments", "county.departments"]
    assert single.action is Action.verify
    assert "recognition-opinion" in duty(shipped, 16, "recognition-opinion").artefacts
    # The city guides the counties' exit work; the county is its object, not an owner (第二十条).
    guide = duty(shipped, 20, "guide-registration-exit")
    assert (CounterpartyRole.target, "county.party-committee-and-government") in roles(guide)
    assert {d.id for d in prov(shipped, 20).duties} == {
        "guide-registration-exit",
        "check-assess",
        "exit-acceptance-4342",
        "review-exits",
    }
    # The county answers directly for exits (第二十四条), which names no reviewer or approver ...
    direct = duty(shipped, 24, "direct-exit")
    assert direct.owners[0].responsibility is Responsibility.direct and roles(direct) == []
    # ... the city reviews and vouches, as its own layer (第二十条 names no body above it) ...
    review = duty(shipped, 20, "review-exits")
    assert review.action is Action.review and review.local_addition
    assert all(role is CounterpartyRole.target for role, _ in roles(review))
    # ... and county exits go to the leading group for acceptance (第七条).
    assert owner_ids(duty(shipped, 7, "county-exit-acceptance")) == ["province.leading-group"]


def test_no_exit_duty_borrows_an_approver(shipped: PolicySet) -> None:
    # No article on exits names a body that approves them: 第七条 gives the leading group the
    # acceptance of county exits as its own duty, and 第二十、二十四、二十八条 name no approver.
    approvers = {
        c.actor
        for e in shipped.duties(regulation="gansu")
        if "exit" in e.duty.topics
        for c in e.duty.counterparties
        if c.role in (CounterpartyRole.approved_by, CounterpartyRole.reviewed_by)
    }
    assert approvers == set()
    acceptance = duty(shipped, 7, "county-exit-acceptance")
    assert acceptance.action is Action.verify and owner_ids(acceptance) == ["province.leading-group"]


# --- traceability --------------------------------------------------------------------------------


def test_every_duty_is_linked_or_a_local_addition(shipped: PolicySet) -> None:
    for e in shipped.duties(regulation="gansu"):
        assert bool(e.duty.implements) != e.duty.local_addition, e.ref
        assert all(ref.startswith("central/") for ref in e.duty.implements), e.ref


def test_every_central_duty_at_our_levels_is_implemented_or_waived(shipped: PolicySet) -> None:
    assert len(in_scope(shipped)) > 40  # the property is not vacuous (chapters 3 and 4 of central)
    assert uncovered(shipped, shipped.regulation("gansu"), "central") == set()


def test_waivers_are_in_scope_and_not_also_implemented(shipped: PolicySet) -> None:
    reg = shipped.regulation("gansu")
    implemented = {r for e in shipped.duties(regulation="gansu") for r in e.duty.implements}
    scope = set(in_scope(shipped))
    for waiver in reg.not_implemented:
        assert waiver.duty in scope and waiver.duty not in implemented, waiver.duty
    assert {w.duty for w in reg.not_implemented} == {
        "central/art_13/coordinate-cross-county",
        "central/art_15/guide-exit",
        "central/art_15/check-exit",
        "central/art_16/guidance-opinions",
        "central/art_16/supervise-guidance",
        "central/art_18/stabilise-grassroots-cadres",
        "central/art_20/eastern-input",
        "central/art_21/focus-on-registered-poor",
        "central/art_21/refine-measures",
        "central/art_21/urge-implementation",
        "central/art_21/genuine-assistance",
        "central/art_22/participate",
        "central/art_22/designated-assistance",
        "central/art_23/talent-and-intellect",
        "central/art_23/democratic-supervision",
        "central/art_24/support-and-participate",
        "central/art_27/implementing-rules",
        "central/art_27/other-provinces-may-apply",
    }


def test_hand_checked_links(shipped: PolicySet) -> None:
    links = {
        (4, "overall"): "central/art_9/overall",
        (5, "sign-letter"): "central/art_9/sign-letter",
        (4, "keep-leaders-stable"): "central/art_12/keep-county-leaders-stable",
        (19, "oversee-projects"): "central/art_13/supervise-implementation",
        (23, "principal"): "central/art_14/principal-responsibility",
        (24, "direct-exit"): "central/art_16/authentic-exit",
        (25, "project-pool"): "central/art_19/project-pool",
        (33, "pursue-liability"): "central/art_25/hold-accountable",
    }
    for (n, d), parent in links.items():
        assert parent in duty(shipped, n, d).implements, (n, d)


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_coverage_check_catches_a_dropped_link(shipped: PolicySet, data: st.DataObject) -> None:
    """Removing every trace of one in-scope central duty makes exactly that duty uncovered."""
    ref = data.draw(st.sampled_from(in_scope(shipped)))
    reg = shipped.regulation("gansu").model_copy(deep=True)
    reg.not_implemented = [w for w in reg.not_implemented if w.duty != ref]
    for p, _ in walk_provisions(reg):
        for d in p.duties:
            d.implements = [r for r in d.implements if r != ref]
    assert uncovered(shipped, reg, "central") == {ref}
