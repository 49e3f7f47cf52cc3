"""The encoding of 脱贫攻坚责任制实施办法 (central): structure, key duties, and fidelity to its text.

The expectations here were read off the source text (policies/central/source.txt), not off the
YAML: each assertion is a claim about what the measure says that the encoding must reproduce.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from regulation_helpers import chinese_numeral
from responsibility.policy.fidelity import compare
from responsibility.policy.model import (
    Action,
    CounterpartyRole,
    Duty,
    Frequency,
    Modality,
    Provision,
    Responsibility,
    walk_provisions,
)
from responsibility.policy.policyset import PolicySet

SOURCE = ROOT / "policies" / "central" / "source.txt"

# Chapters as printed: 第一章 总则 (1-3) … 第七章 附则 (27-29).
CHAPTERS = {
    "chp_1": ("第一章", "总则", range(1, 4)),
    "chp_2": ("第二章", "中央统筹", range(4, 9)),
    "chp_3": ("第三章", "省负总责", range(9, 13)),
    "chp_4": ("第四章", "市县落实", range(13, 20)),
    "chp_5": ("第五章", "合力攻坚", range(20, 25)),
    "chp_6": ("第六章", "奖惩", range(25, 27)),
    "chp_7": ("第七章", "附则", range(27, 30)),
}


def prov(ps: PolicySet, n: int) -> Provision:
    return ps.provision("central", f"art_{n}")


def duty(ps: PolicySet, n: int, duty_id: str) -> Duty:
    return ps.duty(f"central/art_{n}/{duty_id}")


def owner_ids(d: Duty) -> list[str]:
    return [o.actor for o in d.owners]


def test_chinese_numeral_helper() -> None:
    numerals = [chinese_numeral(n) for n in (1, 9, 10, 14, 20, 29)]
    assert numerals == ["一", "九", "十", "十四", "二十", "二十九"]


# --- structure ------------------------------------------------------------------------------


def test_twenty_nine_articles_in_order(shipped: PolicySet) -> None:
    reg = shipped.regulation("central")
    ids = [p.id for p, _ in walk_provisions(reg)]
    assert ids == [f"art_{n}" for n in range(1, 30)]
    assert reg.provisions == []  # no preamble: the body starts at 第一章


def test_seven_chapters_with_their_articles(shipped: PolicySet) -> None:
    reg = shipped.regulation("central")
    assert [d.id for d in reg.divisions] == list(CHAPTERS)
    for div in reg.divisions:
        label, title, arts = CHAPTERS[div.id]
        assert (div.label, div.title.zh) == (label, title)
        assert [p.id for p in div.provisions] == [f"art_{n}" for n in arts]
        assert div.divisions == []


def test_article_labels(shipped: PolicySet) -> None:
    assert prov(shipped, 9).label == "第九条"
    for n in range(1, 30):
        p = prov(shipped, n)
        assert p.label == f"第{chinese_numeral(n)}条"
        assert not p.label_inferred


def test_encoding_reproduces_the_source_text(shipped: PolicySet) -> None:
    assert compare(shipped.regulation("central"), SOURCE.read_text("utf-8")) is None


def test_dates_as_printed(shipped: PolicySet) -> None:
    reg = shipped.regulation("central")
    # 第二十九条: 自2016年10月11日起施行; heading: 2016年10月17日印发.
    assert str(reg.effective) == "2016-10-11"
    assert str(reg.issued) == "2016-10-17"


# --- provisions without duties --------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 29])
def test_articles_that_assign_nothing_say_why(shipped: PolicySet, n: int) -> None:
    p = prov(shipped, n)
    assert p.duties == []
    assert p.no_duty_reason


def test_every_other_article_assigns_duties(shipped: PolicySet) -> None:
    for n in range(4, 29):
        p = prov(shipped, n)
        assert p.duties, p.id
        assert p.no_duty_reason is None


def test_every_quote_is_in_its_provision(shipped: PolicySet) -> None:
    for entry in shipped.duties(regulation="central"):
        assert entry.duty.quote in entry.provision.text, entry.ref


# --- chapter 2: the centre --------------------------------------------------------------------


def test_article_4_is_the_centre_jointly(shipped: PolicySet) -> None:
    for d in prov(shipped, 4).duties:
        assert owner_ids(d) == ["central.party-central-committee-and-state-council"]
    assert duty(shipped, 4, "formulate-guidelines").owners[0].responsibility is Responsibility.lead


def test_article_5_leading_group(shipped: PolicySet) -> None:
    p = prov(shipped, 5)
    assert {o for d in p.duties for o in owner_ids(d)} == {"central.leading-group"}
    assess = duty(shipped, 5, "assess-provinces")
    assert assess.action is Action.assess
    assert [(c.role, c.actor) for c in assess.counterparties] == [
        (CounterpartyRole.target, "province.party-committee-and-government")
    ]
    mechanisms = [d for d in p.duties if d.action is Action.establish]
    assert len(mechanisms) == 4  # 扶贫成效考核、贫困县约束、督查巡查、贫困退出
    assert duty(shipped, 5, "inspection-tours").action is Action.inspect
    assert duty(shipped, 5, "third-party-evaluation").action is Action.assess
    report = duty(shipped, 5, "report-to-centre")
    assert report.action is Action.report
    assert report.counterparties[0].role is CounterpartyRole.reports_to
    # 向党中央、国务院报告: both, as one joint recipient
    assert report.counterparties[0].actor == "central.party-central-committee-and-state-council"
    assert report.frequency is None  # the text gives none
    assert report.note and "有关情况" in report.note


def test_article_8_three_supervisory_bodies(shipped: PolicySet) -> None:
    p = prov(shipped, 8)
    owners = [owner_ids(d) for d in p.duties]
    assert owners == [["central.discipline-commission"], ["central.procuratorate"], ["central.audit-office"]]
    assert [d.action for d in p.duties] == [Action.supervise, Action.investigate, Action.audit]
    assert all(d.owners[0].responsibility is Responsibility.supervisory for d in p.duties)


# --- chapter 3: provinces ---------------------------------------------------------------------


def test_article_9_duties(shipped: PolicySet) -> None:
    p = prov(shipped, 9)
    assert len(p.duties) >= 5
    overall = duty(shipped, 9, "overall")
    assert overall.owners[0].actor == "province.party-committee-and-government"
    assert overall.owners[0].responsibility is Responsibility.overall
    sign = duty(shipped, 9, "sign-letter")
    assert sign.action is Action.sign
    assert owner_ids(sign) == ["province.principal-leaders"]
    assert (CounterpartyRole.signs_with, "central.party-central-committee") in [
        (c.role, c.actor) for c in sign.counterparties
    ]
    assert "responsibility-letter" in sign.artefacts
    report = duty(shipped, 9, "annual-report")
    assert report.frequency is Frequency.annual
    assert report.action is Action.report
    assert "progress-report" in report.artefacts
    assert report.counterparties[0].role is CounterpartyRole.reports_to


def test_article_12_county_leaders_kept_in_post(shipped: PolicySet) -> None:
    keep = duty(shipped, 12, "keep-county-leaders-stable")
    assert "不脱贫不调整、不摘帽不调离" in keep.quote
    assert owner_ids(keep) == ["province.party-committee-and-government"]
    assert keep.counterparties[0].actor == "county.principal-leaders"
    assert "cadre-stability" in keep.topics


def test_chapter_3_duties_belong_to_the_province(shipped: PolicySet) -> None:
    for n in range(9, 13):
        for d in prov(shipped, n).duties:
            assert all(o.startswith("province.") for o in owner_ids(d)), (n, d.id)


# --- chapter 4: cities and counties -----------------------------------------------------------


def test_article_13_is_the_city(shipped: PolicySet) -> None:
    for d in prov(shipped, 13).duties:
        assert owner_ids(d) == ["city.party-committee-and-government"]


def test_article_14_principal_and_first_responsible(shipped: PolicySet) -> None:
    first = duty(shipped, 14, "first-responsible-person")
    assert [(o.actor, o.responsibility) for o in first.owners] == [
        ("county.principal-leaders", Responsibility.first_responsible_person)
    ]
    principal = duty(shipped, 14, "principal-responsibility")
    assert [(o.actor, o.responsibility) for o in principal.owners] == [
        ("county.party-committee-and-government", Responsibility.principal)
    ]
    assert "implementation-plan" in duty(shipped, 14, "implementation-plan").artefacts


def test_articles_15_to_18_are_the_county_party_committee_and_government(shipped: PolicySet) -> None:
    for n in range(15, 19):
        for d in prov(shipped, n).duties:
            assert owner_ids(d) == ["county.party-committee-and-government"], (n, d.id)


def test_article_19_is_the_county_government_alone(shipped: PolicySet) -> None:
    pool = duty(shipped, 19, "project-pool")
    assert owner_ids(pool) == ["county.government"]
    assert pool.artefacts == ["project-pool"]
    assert pool.action is Action.establish
    for d in prov(shipped, 19).duties:
        assert owner_ids(d) == ["county.government"]
    funds = duty(shipped, 19, "fund-supervision")
    assert funds.owners[0].responsibility is Responsibility.primary  # 首要责任
    assert {d.action for d in prov(shipped, 19).duties} >= {Action.integrate, Action.supervise}


# --- chapter 5: joint effort ------------------------------------------------------------------


def test_article_20_east_and_west(shipped: PolicySet) -> None:
    hands_on = duty(shipped, 20, "hands-on-leadership")
    assert "必须" in hands_on.quote and hands_on.modality is Modality.obligation
    assert owner_ids(hands_on) == ["all.cooperation-principal-leaders"]
    east = duty(shipped, 20, "eastern-input")
    assert owner_ids(east) == ["all.eastern-regions"] and east.action is Action.fund
    assert "应当" in east.quote
    assert {o for d in prov(shipped, 20).duties for o in owner_ids(d)} == {
        "all.cooperation-principal-leaders",
        "all.eastern-regions",
        "all.western-regions",
    }


def test_article_22_conditional_designated_assistance(shipped: PolicySet) -> None:
    conditional = [d for d in prov(shipped, 22).duties if d.condition is not None]
    assert len(conditional) == 1
    assert conditional[0].condition is not None and conditional[0].condition.zh == "有条件的"
    assert conditional[0].modality is Modality.obligation  # 有条件的应当承担
    assert owner_ids(conditional[0]) == ["all.military"]


def test_article_24_names_three_kinds_of_society_actor(shipped: PolicySet) -> None:
    owners = {o for d in prov(shipped, 24).duties for o in owner_ids(d)}
    assert owners == {"society.private-enterprises", "society.social-organisations", "society.individuals"}


# --- chapter 6: rewards and penalties ---------------------------------------------------------


def test_article_25_commendation_is_a_permission(shipped: PolicySet) -> None:
    commend = duty(shipped, 25, "commend")
    assert commend.modality is Modality.permission
    assert commend.action is Action.commend
    assert set(owner_ids(commend)) == {
        "all.party-committees-and-governments",
        "all.leading-groups",
        "central.organs",
    }
    liable = duty(shipped, 25, "hold-accountable")
    assert liable.action is Action.hold_accountable
    assert liable.condition is not None


def test_article_26_commendation_has_no_may(shipped: PolicySet) -> None:
    assert "可以" not in prov(shipped, 26).text
    for d in prov(shipped, 26).duties:
        assert d.modality is Modality.obligation
        assert d.counterparties[0].actor == "society.social-assistance-providers"


def test_permissions_only_where_the_text_says_may(shipped: PolicySet) -> None:
    duties = shipped.duties(regulation="central")
    permissions = {e.ref for e in duties if e.duty.modality is Modality.permission}
    assert permissions == {
        "central/art_25/commend",
        "central/art_25/basis-for-promotion",
        "central/art_27/other-provinces-may-apply",
    }
    for ref in permissions:
        assert "可以" in shipped.duty_entry(ref).provision.text


# --- chapter 7: supplementary -----------------------------------------------------------------


def test_article_27_implementing_rules(shipped: PolicySet) -> None:
    rules = duty(shipped, 27, "implementing-rules")
    assert owner_ids(rules) == ["province.party-committee-and-government"]
    assert rules.modality is Modality.obligation
    assert rules.topics == ["legislation"]
    assert rules.artefacts == ["policy-document"]
    assert rules.frequency is None  # the text gives no frequency or deadline
    assert duty(shipped, 27, "other-provinces-may-apply").modality is Modality.permission


def test_article_28_interpretation(shipped: PolicySet) -> None:
    interp = duty(shipped, 28, "interpret")
    assert owner_ids(interp) == ["central.leading-group-office"]
    assert interp.action is Action.interpret


# --- frequencies only where the text gives them -----------------------------------------------


def test_annual_and_as_needed_are_grounded_in_the_quote(shipped: PolicySet) -> None:
    for e in shipped.duties(regulation="central"):
        if e.duty.frequency is Frequency.annual:
            assert "每年" in e.duty.quote, e.ref
        if e.duty.frequency is Frequency.as_needed:
            assert "及时" in e.duty.quote, e.ref
    # the measure never prints a period shorter than a year
    shorter = {Frequency.semiannual, Frequency.quarterly, Frequency.monthly, Frequency.weekly}
    unprinted = shorter | {Frequency.periodic}
    assert not any(e.duty.frequency in unprinted for e in shipped.duties(regulation="central"))


# --- ids are a contract: local encodings link to them ------------------------------------------

DUTY_IDS = {
    4: ["formulate-guidelines", "major-policies", "improve-institutions", "plan-major-projects",
        "coordinate-major-issues"],
    5: ["coordinate", "establish-assessment-mechanism", "establish-constraint-mechanism",
        "establish-inspection-mechanism", "establish-exit-mechanism", "assess-provinces",
        "inspection-tours", "third-party-evaluation", "report-to-centre"],
    6: ["big-data-platform", "information-sharing", "statistics-monitoring"],
    7: ["sector-resources", "supporting-policies"],
    8: ["discipline-supervision", "job-crime", "follow-up-audit"],
    9: ["overall", "cascade-responsibility", "policy-measures", "rolling-plan", "sign-letter",
        "annual-report"],
    10: ["adjust-spending", "fund-growth-mechanism", "financing-entity", "input-matches-tasks",
         "coordinate-resources", "mobilise-society"],
    11: ["supervise-funds-projects", "audit-funds-projects", "correct-violations"],
    12: ["manage-poor-counties", "implement-assessment-mechanism", "implement-constraint-mechanism",
         "implement-exit-mechanism", "keep-county-leaders-stable"],
    13: ["coordinate-cross-county", "supervise-implementation"],
    14: ["principal-responsibility", "implementation-plan", "allocate-resources", "implement-policies",
         "first-responsible-person"],
    15: ["guide-registration", "guide-exit", "check-identification", "check-exit"],
    16: ["guidance-opinions", "supervise-guidance", "tailored-guidance", "authentic-exit"],
    17: ["guide-publicity", "motivate-poor-people", "deliver-to-households"],
    18: ["party-building", "village-party-organisations", "select-grassroots-cadres",
         "stabilise-grassroots-cadres"],
    19: ["project-pool", "integrate-funds", "disclosure-system", "fund-supervision"],
    20: ["hands-on-leadership", "docking-mechanism", "focus-on-results", "strengthen-cooperation",
         "eastern-input", "western-docking", "western-use-resources"],
    21: ["focus-on-registered-poor", "refine-measures", "urge-implementation", "genuine-assistance",
         "no-unhooking"],
    22: ["participate", "designated-assistance"],
    23: ["talent-and-intellect", "democratic-supervision"],
    24: ["support-and-participate"],
    25: ["commend", "basis-for-promotion", "hold-accountable"],
    26: ["publicise-contributors", "commend-contributors"],
    27: ["implementing-rules", "other-provinces-may-apply"],
    28: ["interpret"],
}  # fmt: skip


def test_duty_ids_are_stable(shipped: PolicySet) -> None:
    for n in range(1, 30):
        assert [d.id for d in prov(shipped, n).duties] == DUTY_IDS.get(n, []), n
    assert sum(len(v) for v in DUTY_IDS.values()) == 93
