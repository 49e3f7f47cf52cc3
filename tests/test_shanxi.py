"""The encoding of 山西省脱贫攻坚责任制实施细则 (shanxi): structure, metadata, hand-checked duties,
and traceability to the central measure.

The expectations were read off the source text (policies/shanxi/source.txt), not off the YAML.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import responsibility
from conftest import ROOT
from regulation_helpers import chinese_numeral, implemented_refs, uncovered
from responsibility.policy.fidelity import compare
from responsibility.policy.model import (
    Action,
    ActorKind,
    CounterpartyRole,
    Duty,
    Frequency,
    Level,
    Modality,
    Provision,
    Responsibility,
    Status,
    walk_provisions,
)
from responsibility.policy.policyset import PolicySet

SOURCE = ROOT / "policies" / "shanxi" / "source.txt"
SHIPPED = responsibility.load()

# Chapters as printed (titles without the spaces and line breaks the source puts in them).
CHAPTERS = {
    "chp_1": ("第一章", "总则", range(1, 4)),
    "chp_2": ("第二章", "省级责任", range(4, 17)),
    "chp_3": ("第三章", "市级责任", range(17, 26)),
    "chp_4": ("第四章", "县级责任", range(26, 36)),
    "chp_5": ("第五章", "乡村实施", range(36, 44)),
    "chp_6": ("第六章", "合力攻坚", range(44, 49)),
    "chp_7": ("第七章", "奖惩", range(49, 51)),
    "chp_8": ("第八章", "附则", range(51, 54)),
}


def prov(ps: PolicySet, n: int) -> Provision:
    return ps.provision("shanxi", f"art_{n}")


def duty(ps: PolicySet, n: int, duty_id: str) -> Duty:
    return ps.duty(f"shanxi/art_{n}/{duty_id}")


def owner_ids(d: Duty) -> list[str]:
    return [o.actor for o in d.owners]


def parties(d: Duty) -> list[tuple[CounterpartyRole, str]]:
    return [(c.role, c.actor) for c in d.counterparties]


# --- structure ------------------------------------------------------------------------------


def test_fifty_three_articles_in_order(shipped: PolicySet) -> None:
    reg = shipped.regulation("shanxi")
    assert [p.id for p, _ in walk_provisions(reg)] == [f"art_{n}" for n in range(1, 54)]
    assert reg.provisions == []
    assert reg.heading == ["山西省脱贫攻坚责任制实施细则"]


def test_eight_chapters_with_their_articles(shipped: PolicySet) -> None:
    reg = shipped.regulation("shanxi")
    assert [d.id for d in reg.divisions] == list(CHAPTERS)
    for div in reg.divisions:
        label, title, arts = CHAPTERS[div.id]
        assert (div.label, div.title.zh) == (label, title)
        assert [p.id for p in div.provisions] == [f"art_{n}" for n in arts]
        assert div.divisions == []


def test_article_labels(shipped: PolicySet) -> None:
    assert prov(shipped, 30).label == "第三十条"
    for n in range(1, 54):
        p = prov(shipped, n)
        assert p.label == f"第{chinese_numeral(n)}条"
        assert not p.label_inferred


def test_encoding_reproduces_the_source_text(shipped: PolicySet) -> None:
    assert compare(shipped.regulation("shanxi"), SOURCE.read_text("utf-8")) is None


def test_run_on_labels_are_split_off(shipped: PolicySet) -> None:
    # The source runs the next label onto the end of an article (…制定本实施细则。第二条); the
    # text never cites an article by number, so no provision text may contain a label.
    label = re.compile(r"第[一二三四五六七八九十]+[条章]")
    for p, _ in walk_provisions(shipped.regulation("shanxi")):
        assert not label.search(p.text), p.id
        assert p.text == p.text.strip() and "\n" not in p.text
    assert prov(shipped, 1).text.endswith("制定本实施细则。")
    assert prov(shipped, 2).text.startswith("本实施细则适用于")
    assert prov(shipped, 45).text.endswith("不脱贫不脱钩。")
    assert prov(shipped, 46).text.startswith("驻晋部队")


# --- metadata -------------------------------------------------------------------------------


def test_metadata_from_the_text(shipped: PolicySet) -> None:
    reg = shipped.regulation("shanxi")
    assert (reg.level, reg.jurisdiction, reg.status) == (Level.province, "cn.shanxi", Status.in_force)
    assert reg.issuers == []  # the text names none
    assert reg.note and "issuers" in reg.note
    assert reg.issued is None and reg.effective is None  # 自印发之日起施行, no date printed
    assert reg.effective_note and "印发" in reg.effective_note
    assert reg.scope is not None and (reg.scope.cities, reg.scope.counties) == (11, 58)
    assert reg.implements == ["central"]


def test_cited_documents(shipped: PolicySet) -> None:
    reg = shipped.regulation("shanxi")
    cites = {c.number: c for c in reg.cites}
    assert set(cites) == {"晋发〔2016〕23号", "国开发〔2014〕12号", "晋脱贫攻坚组〔2016〕8号"}
    assert cites["晋发〔2016〕23号"].parent  # 根据…实施意见…制定本实施细则
    assert not cites["国开发〔2014〕12号"].parent and not cites["晋脱贫攻坚组〔2016〕8号"].parent
    # 厅字〔2016〕33号 is the central measure, in the library: implemented, not cited
    assert "厅字〔2016〕33号" in prov(shipped, 1).text
    assert "厅字〔2016〕33号" not in cites


def test_undefined_mechanisms_are_recorded(shipped: PolicySet) -> None:
    mechanisms = {m.name.zh: m.defined for m in shipped.regulation("shanxi").mechanisms}
    assert mechanisms["八大工程20项行动"] is False
    assert mechanisms["“双组长”"] is True
    assert mechanisms["必须作为、提倡作为和禁止作为事项"] is False


def test_own_actors(shipped: PolicySet) -> None:
    reg = shipped.regulation("shanxi")
    ids = {a.id for a in reg.actors}
    assert {
        "shanxi.discipline-supervision-commission",
        "shanxi.investment-company",
        "shanxi.stationed-troops",
        "shanxi.departments-and-units",
        "shanxi.special-leading-groups",
    } <= ids
    for a in reg.actors:
        assert a.id.startswith("shanxi.")
        if a.kind is ActorKind.concrete:
            assert a.place == "cn.shanxi" and a.role in shipped.actors
    assert shipped.actors["shanxi.discipline-supervision-commission"].name.zh == "省纪委监委"
    assert shipped.actors["shanxi.stationed-troops"].role == "all.military"


# --- provisions without duties --------------------------------------------------------------


def test_only_purpose_scope_and_commencement_assign_nothing(shipped: PolicySet) -> None:
    empty = {p.id for p, _ in walk_provisions(shipped.regulation("shanxi")) if not p.duties}
    assert empty == {"art_1", "art_2", "art_51", "art_53"}


# --- hand-checked duties --------------------------------------------------------------------


def test_article_4_province_overall_and_letter(shipped: PolicySet) -> None:
    overall = duty(shipped, 4, "overall-responsibility")
    assert [(o.actor, o.responsibility) for o in overall.owners] == [
        ("province.party-committee-and-government", Responsibility.overall)
    ]
    assert overall.owners[0].zh == "省委、省政府"
    sign = duty(shipped, 4, "sign-letter")
    assert owner_ids(sign) == ["province.principal-leaders"]
    assert parties(sign) == [(CounterpartyRole.signs_with, "central.party-central-committee")]
    assert sign.artefacts == ["responsibility-letter"] and sign.frequency is None
    report = duty(shipped, 4, "annual-report")
    assert report.frequency is Frequency.annual and report.artefacts == ["progress-report"]
    assert parties(report) == [(CounterpartyRole.reports_to, "central.party-central-committee")]


def test_article_5_names_the_investment_company(shipped: PolicySet) -> None:
    d = duty(shipped, 5, "use-investment-company")
    assert parties(d) == [(CounterpartyRole.target, "shanxi.investment-company")]
    assert d.implements == ["central/art_10/financing-entity"]
    assert duty(shipped, 5, "integrate-fiscal-funds").modality is Modality.recommendation  # 积极推动


def test_article_9_inspections(shipped: PolicySet) -> None:
    annual = duty(shipped, 9, "comprehensive-inspection")
    assert annual.frequency is Frequency.annual and "原则上每年一次" in annual.quote
    assert annual.note and "原则上" in annual.note
    assert annual.local_addition and annual.implements == []
    special = duty(shipped, 9, "special-inspection")
    assert special.frequency is Frequency.as_needed and "不定期" in special.quote
    targets = {a for _, a in parties(annual)}
    assert targets == {
        "city.party-committee-and-government",
        "county.party-committee-and-government",
        "shanxi.departments-and-units",
    }


def test_article_10_provincial_leaders_assistance_letters(shipped: PolicySet) -> None:
    double = duty(shipped, 10, "principal-leaders-double-sign")
    assert owner_ids(double) == ["province.principal-leaders"]
    assert double.artefacts == ["assistance-responsibility-letter"] and double.local_addition
    assist = duty(shipped, 10, "assist-linked-county")
    assert [(o.actor, o.responsibility) for o in assist.owners] == [
        ("province.leaders", Responsibility.assistance)
    ]


def test_article_13_exit_chain(shipped: PolicySet) -> None:
    approve = duty(shipped, 13, "submit-for-approval")
    assert parties(approve) == [(CounterpartyRole.approved_by, "province.government")]
    national = duty(shipped, 13, "report-national-counties")
    assert parties(national) == [(CounterpartyRole.reports_to, "central.leading-group")]


def test_article_16_supervisory_bodies(shipped: PolicySet) -> None:
    p = prov(shipped, 16)
    assert [owner_ids(d) for d in p.duties] == [
        ["shanxi.discipline-supervision-commission"],
        ["shanxi.discipline-supervision-commission"],
        ["province.audit-office"],
    ]
    assert [d.action for d in p.duties] == [Action.supervise, Action.investigate, Action.audit]
    assert all(d.owners[0].responsibility is Responsibility.supervisory for d in p.duties)


def test_signing_chain_runs_upwards(shipped: PolicySet) -> None:
    # 市 → 省脱贫攻坚领导小组 (art 17), 县 → 市脱贫攻坚领导小组 (art 26), 乡镇 → 县(区)领导小组 (art 36)
    chain = {17: "province.leading-group", 26: "city.leading-group", 36: "county.leading-group"}
    for n, group in chain.items():
        d = duty(shipped, n, "sign-letter")
        assert parties(d) == [(CounterpartyRole.signs_with, group)], n
        report = duty(shipped, n, "annual-report")
        assert report.frequency is Frequency.annual and "每年" in report.quote


def test_kinds_of_responsibility_as_named(shipped: PolicySet) -> None:
    expected = {
        (17, "principal-responsibility"): Responsibility.principal,  # 主体责任
        (26, "first-responsible-person"): Responsibility.first_responsible_person,  # 第一责任人
        (34, "fund-supervision"): Responsibility.primary,  # 首要责任
        (36, "specific-responsibility"): Responsibility.specific,  # 具体责任
        (41, "data-accuracy"): Responsibility.direct,  # 直接责任
    }
    for (n, did), kind in expected.items():
        assert duty(shipped, n, did).owners[0].responsibility is kind, (n, did)
    assert owner_ids(duty(shipped, 34, "fund-supervision")) == ["county.government"]


def test_modalities_follow_the_wording(shipped: PolicySet) -> None:
    assert duty(shipped, 35, "no-extravagance").modality is Modality.prohibition  # 严禁
    assert duty(shipped, 49, "promote-in-place").modality is Modality.permission  # 可以就地提级
    assert duty(shipped, 49, "incentives").modality is Modality.permission
    assert duty(shipped, 49, "promote-leaders").action is Action.select  # 晋升职务时优先考虑
    troops = duty(shipped, 46, "designated-assistance")
    assert troops.condition is not None and troops.condition.zh == "有条件的"
    assert troops.modality is Modality.obligation and owner_ids(troops) == ["shanxi.stationed-troops"]
    for e in SHIPPED.duties(regulation="shanxi"):
        if e.duty.modality is Modality.permission:
            assert "可以" in e.provision.text, e.ref
        if e.duty.modality is Modality.prohibition:
            assert "严禁" in e.duty.quote, e.ref


def test_township_submits_and_county_approves_village_exit(shipped: PolicySet) -> None:
    submit = duty(shipped, 40, "submit-village-exit")
    # 第四十条 says 报 (submit); the approval (批准退出) is 第三十三条's own duty.
    assert parties(submit) == [(CounterpartyRole.reports_to, "county.leading-group")]
    assert duty(shipped, 33, "approve-village-exit").action is Action.approve
    assert duty(shipped, 40, "approve-household-exit").action is Action.approve


def test_subjectless_articles_say_their_owner_is_inferred(shipped: PolicySet) -> None:
    for n in (9, 50):
        p = prov(shipped, n)
        assert p.note and "inferred" in p.note.lower()
    for did in ("commend-top-counties", "promote-leaders", "promote-in-place"):
        note = duty(shipped, 49, did).note
        assert note and "inferred" in note.lower(), did


def test_frequencies_are_grounded_in_the_quote() -> None:
    for e in SHIPPED.duties(regulation="shanxi"):
        f = e.duty.frequency
        if f is Frequency.annual:
            assert "每年" in e.duty.quote, e.ref
        if f is Frequency.as_needed:
            assert any(w in e.duty.quote for w in ("及时", "根据需要", "不定期", "立整立改")), e.ref
        assert f not in {Frequency.semiannual, Frequency.quarterly, Frequency.monthly, Frequency.weekly}


# --- traceability to the central measure ----------------------------------------------------


def test_every_duty_is_traced_or_a_local_addition() -> None:
    for e in SHIPPED.duties(regulation="shanxi"):
        assert bool(e.duty.implements) != e.duty.local_addition, e.ref


def test_parents_are_central_duties_owned_below_the_centre() -> None:
    for e in SHIPPED.duties(regulation="shanxi"):
        for ref in e.duty.implements:
            assert ref.startswith("central/"), (e.ref, ref)
            parent = SHIPPED.duty(ref)
            assert any(SHIPPED.actors[o.actor].level is not Level.central for o in parent.owners), ref


def test_central_duties_at_governed_levels_are_covered() -> None:
    """Each central duty that applies to Shanxi (its levels and below, 各级 and society: the
    checker's answer, semantics.applies) is implemented or declared not to be."""
    assert uncovered(SHIPPED, SHIPPED.regulation("shanxi"), "central") == set()


def test_not_implemented_is_honest() -> None:
    reg = SHIPPED.regulation("shanxi")
    declared = [ni.duty for ni in reg.not_implemented]
    assert len(declared) == len(set(declared))
    assert not set(declared) & implemented_refs(reg)  # never both
    assert all(ni.reason.strip() for ni in reg.not_implemented)
    assert set(declared) == {
        "central/art_16/supervise-guidance",
        "central/art_16/tailored-guidance",
        *(f"central/art_20/{d}" for d in (
            "hands-on-leadership", "docking-mechanism", "focus-on-results", "strengthen-cooperation",
            "eastern-input", "western-docking", "western-use-resources",
        )),
        "central/art_26/publicise-contributors",
        "central/art_26/commend-contributors",
        "central/art_27/implementing-rules",
        "central/art_27/other-provinces-may-apply",
    }  # fmt: skip


def test_hand_checked_links(shipped: PolicySet) -> None:
    links = {
        (4, "annual-report"): ["central/art_9/annual-report"],
        (18, "coordinate-cross-county"): ["central/art_13/coordinate-cross-county"],
        (26, "first-responsible-person"): ["central/art_14/first-responsible-person"],
        (28, "guide-registration-and-exit"): [
            "central/art_15/guide-registration",
            "central/art_15/guide-exit",
        ],
        (34, "project-pool"): ["central/art_19/project-pool"],
        (46, "participate"): ["central/art_22/participate"],
        (50, "pursue-liability"): ["central/art_25/hold-accountable"],
    }
    for (n, did), parents in links.items():
        assert duty(shipped, n, did).implements == parents, (n, did)
    # Shanxi additions the brief singles out have no central parent
    for n, did in (
        (9, "comprehensive-inspection"),
        (10, "leaders-sign-assistance-letter"),
        (49, "commend-top-counties"),
    ):
        assert duty(shipped, n, did).local_addition, (n, did)


_TRACED = sorted(e.ref for e in SHIPPED.duties(regulation="shanxi") if e.duty.implements)


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(_TRACED), min_size=1, max_size=8))
def test_dropping_links_uncovers_exactly_the_orphaned_parents(dropped: set[str]) -> None:
    """The coverage check is sensitive: removing some duties' links uncovers exactly the parents
    that no remaining duty implements."""
    remaining = {
        ref for e in SHIPPED.duties(regulation="shanxi") if e.ref not in dropped for ref in e.duty.implements
    }
    lost = {ref for d in dropped for ref in SHIPPED.duty(d).implements} - remaining
    assert uncovered(SHIPPED, SHIPPED.regulation("shanxi"), "central", remaining) == lost


def test_counts(shipped: PolicySet) -> None:
    duties = shipped.duties(regulation="shanxi")
    assert len(duties) == sum(len(p.duties) for p, _ in walk_provisions(shipped.regulation("shanxi")))
    assert len(duties) >= 190
    assert (
        sum(e.duty.local_addition for e in duties) > len(duties) // 2
    )  # the 细则 adds far more than it copies


@pytest.mark.parametrize("n", range(36, 44))
def test_townships_and_villages_are_local_additions(shipped: PolicySet, n: int) -> None:
    # the central measure assigns nothing to townships or villages
    for d in prov(shipped, n).duties:
        assert d.local_addition and d.implements == [], (n, d.id)
