"""The domain's questions, answered once (semantics.py), and the faces that read them."""

from __future__ import annotations

from pathlib import Path

import pytest

import responsibility
from check_helpers import BASE, PARENT, check, codes
from conftest import ROOT
from responsibility import semantics
from responsibility.core.errors import PolicyError
from responsibility.graph import checks as graphchecks
from responsibility.graph.queries import chain, compare, trace
from responsibility.policy.policyset import PolicySet
from responsibility.semantics import ParentStatus, parent_status
from responsibility.site.pages import Paths, build_pages

EXCERPT = ROOT / "tests" / "fixtures" / "excerpt"


# -- applicability -------------------------------------------------------------------------------


def test_all_level_and_society_duties_apply_to_a_county(shipped: PolicySet) -> None:
    wuyi = shipped.regulation("wuyi")
    assert semantics.applies(shipped, shipped.duty("central/art_25/hold-accountable"), wuyi)  # 各级
    assert semantics.applies(shipped, shipped.duty("central/art_24/support-and-participate"), wuyi)
    assert not semantics.applies(shipped, shipped.duty("central/art_9/overall"), wuyi)  # province only
    assert "各级" in semantics.applicability_reason(shipped, shipped.duty("central/art_25/commend"), wuyi)


def test_parent_status_gives_each_status_with_a_reason(shipped: PolicySet) -> None:
    wuyi, shanxi = shipped.regulation("wuyi"), shipped.regulation("shanxi")
    implemented = parent_status(shipped, shipped.duty_entry("central/art_14/implementation-plan"), wuyi)
    assert implemented.status == ParentStatus.implemented and implemented.duties
    declined = parent_status(shipped, shipped.duty_entry("central/art_20/eastern-input"), shanxi)
    assert declined.status == ParentStatus.not_implemented and "东西部" in declined.reason
    above = parent_status(shipped, shipped.duty_entry("central/art_9/overall"), wuyi)
    assert above.status == ParentStatus.not_addressed and "above wuyi" in above.reason


def test_excerpt_duties_beyond_the_received_text_are_not_assessed() -> None:
    ps = responsibility.load([EXCERPT])
    reg = ps.regulation("fx-excerpt")
    got = parent_status(ps, ps.duty_entry("central/art_10/adjust-spending"), reg)
    assert got.status == ParentStatus.not_assessed and got.reason.startswith(
        "未收录 not in the received text"
    )
    assert parent_status(ps, ps.duty_entry("central/art_9/overall"), reg).status == ParentStatus.implemented
    # a duty that does not reach its level stays not addressed, excerpt or not
    central_only = parent_status(ps, ps.duty_entry("central/art_4/formulate-guidelines"), reg)
    assert central_only.status == ParentStatus.not_addressed
    rows = {r.regulation: r for r in trace(ps, "central/art_10/adjust-spending").regulations}
    assert rows["fx-excerpt"].status == "not-assessed"


def test_the_site_says_not_in_the_received_text() -> None:
    ps = responsibility.load([EXCERPT])
    pages = build_pages(ps)
    reg_page = pages["policies/regulations/fx-excerpt.md"]
    assert '未收录 <span class="rsp-en" lang="en">not in the received text</span>' in reg_page
    assert "**缺失" not in reg_page
    duty_page = pages[Paths("policies").duty("central/art_10/adjust-spending")]
    # the status table is written as HTML rows (the site renders large tables itself)
    rows = [r for line in duty_page.splitlines() for r in line.split("<tr>") if "regulations/fx-excerpt/" in r]
    assert rows, "the duty page names the excerpt's status"
    assert all('未收录 <span class="rsp-en" lang="en">not in the received text</span>' in r for r in rows)
    assert not any("缺失" in r for r in rows)


def test_an_excerpt_checks_clean() -> None:
    from responsibility.checks.runner import Options, run

    report = run(Options(paths=[EXCERPT]))
    assert report.findings == [] and report.checked == ["fx-excerpt"]


@pytest.mark.parametrize(
    ("coverage", "message"),
    [
        ("{kind: excerpt}", "an excerpt lists the provisions received"),
        ("{kind: full, received: [art_1]}", "`received` is for an excerpt"),
        ("{kind: excerpt, received: [art_99]}", "unknown provision of fx-excerpt 'art_99'"),
    ],
)
def test_bad_coverage_is_a_positioned_error(tmp_path: Path, coverage: str, message: str) -> None:
    text = (EXCERPT / "fx-excerpt.yaml").read_text("utf-8")
    start = text.index("coverage:")
    end = text.index("places:")
    (tmp_path / "fx-excerpt.yaml").write_text(text[:start] + f"coverage: {coverage}\n" + text[end:], "utf-8")
    with pytest.raises(PolicyError) as exc:
        responsibility.load([tmp_path])
    assert any(message in str(d) for d in exc.value.diagnostics), exc.value.diagnostics


# -- places and roles ----------------------------------------------------------------------------


def test_within_follows_the_catalogue_and_dotted_ids(shipped: PolicySet) -> None:
    assert semantics.within(shipped, "cn.hebei.hengshui.wuyi", "cn.hebei")
    assert not semantics.within(shipped, "cn.hebei.hengshui.wuyi", "cn.shanxi")
    assert semantics.within(shipped, "cn.shanxi.nowhere.uncatalogued", "cn.shanxi")  # a fact row's place
    assert not semantics.within(shipped, "cn.shanxidistrict", "cn.shanxi")
    assert not semantics.within(shipped, None, "cn")


def test_role_of_maps_concrete_bodies_and_concrete_composites(shipped: PolicySet) -> None:
    assert semantics.role_of(shipped, "wuyi.party-secretary") == "county.party-secretary"
    assert semantics.role_of(shipped, "county.government") == "county.government"
    composite = next(
        a.id
        for a in shipped.actors.values()
        if a.id.startswith("wuyi.") and a.kind == "composite" and a.members
    )
    assert semantics.role_of(shipped, composite) != composite  # 武邑县委和县政府 → 县级党委和政府
    assert semantics.same_owner(shipped, ["wuyi.party-secretary"], ["county.party-secretary"])
    assert not semantics.same_owner(shipped, ["county.government"], ["county.party-committee"])


# -- accountability through membership -----------------------------------------------------------


def test_members_of_a_body_answer_through_it(shipped: PolicySet) -> None:
    flagged = {f.message.split("'")[1] for f in graphchecks.unaccountable_owners(shipped)}
    for member in ("wuyi.party-secretary", "wuyi.county-head", "township.party-secretary", "township.head"):
        assert member not in flagged, member
        steps = semantics.accountability_closure(shipped, member)
        assert any(s.startswith("part-of:") for path in steps.values() for s in path), member
    # a body the text places under no one is still reported
    assert {"wuyi.discipline-commission", "shanxi.peoples-congress"} <= flagged


def test_chain_goes_up_through_the_body(shipped: PolicySet) -> None:
    (found,) = chain(shipped, "wuyi.party-secretary").lines  # 武邑's line
    up = found.upward
    assert up and any(any(v.startswith("part-of:") for v in link.via) for link in up)
    # who answers to the committee answers, through it, to its secretary: links pass down
    # part-of (duties do not: the secretary owns none of the committee's)
    assert found.downward and all(any(v.startswith("part-of:") for v in k.via) for k in found.downward)


# -- artefact satisfaction ------------------------------------------------------------------------


def test_satisfies_is_a_relation_not_an_equivalence(shipped: PolicySet) -> None:
    assert semantics.satisfies(shipped, "rolling-plan", "implementation-plan")
    assert semantics.satisfies(shipped, "annual-plan", "implementation-plan")
    assert not semantics.satisfies(shipped, "implementation-plan", "rolling-plan")
    assert not semantics.satisfies(shipped, "rolling-plan", "annual-plan")
    assert {"rolling-plan", "annual-plan", "implementation-plan"} <= semantics.satisfying(
        shipped, "implementation-plan"
    )


def _catalogue(tmp_path: Path, kinds: str) -> Path:
    d = tmp_path / "county"
    d.mkdir()
    (d / "fx-kinds.yaml").write_text(f"kind: catalogue\nid: fx-kinds\nartefact_kinds:\n{kinds}", "utf-8")
    return d


def test_c006_accepts_a_kind_that_satisfies_the_parents(tmp_path: Path) -> None:
    d = _catalogue(
        tmp_path, "- {id: fx-pool-ledger, name: {zh: 项目库台账}, satisfies: [project-pool]}\n"
        "- {id: fx-other, name: {zh: 其他材料}}\n"
    )  # fmt: skip
    base = (BASE / "fx-county.yaml").read_text("utf-8")
    (d / "fx-county.yaml").write_text(
        base.replace("artefacts: [project-pool]", "artefacts: [fx-pool-ledger]")
    )
    assert "C006" not in codes(check(d))
    (d / "fx-county.yaml").write_text(base.replace("artefacts: [project-pool]", "artefacts: [fx-other]"))
    assert "C006" in codes(check(d))


def test_a_satisfies_cycle_is_an_error(tmp_path: Path) -> None:
    d = _catalogue(
        tmp_path,
        "- {id: fx-a, name: {zh: 甲}, satisfies: [fx-b]}\n- {id: fx-b, name: {zh: 乙}, satisfies: [fx-a]}\n",
    )
    with pytest.raises(PolicyError) as exc:
        responsibility.load([d])
    assert any("satisfies itself" in str(x) for x in exc.value.diagnostics)


def _provinces(tmp_path: Path, art_a: str, art_b: str) -> PolicySet:
    for name, art in (("fx-prov-a", art_a), ("fx-prov-b", art_b)):
        (tmp_path / f"{name}.yaml").write_text(
            f"""kind: regulation
id: {name}
title: {{zh: {name}}}
level: province
jurisdiction: cn.shanxi
implements: [central]
provisions:
- id: art_1
  text: 省委、省政府制定脱贫攻坚规划。
  duties:
  - id: plan
    summary: {{zh: 制定规划}}
    owners: [{{actor: province.party-committee-and-government}}]
    action: formulate
    artefacts: [{art}]
    implements: [central/art_9/rolling-plan]
    quote: 省委、省政府制定脱贫攻坚规划
""",
            "utf-8",
        )
    return responsibility.load([tmp_path])


def test_compare_does_not_pair_a_rolling_plan_with_an_annual_plan(tmp_path: Path) -> None:
    ps = _provinces(tmp_path, "rolling-plan", "annual-plan")
    topics = compare(ps, "fx-prov-a", "fx-prov-b").topics
    assert [d.id for t in topics for d in t.dropped] == ["fx-prov-a/art_1/plan"]
    assert [d.id for t in topics for d in t.added] == ["fx-prov-b/art_1/plan"]
    assert sum(t.same for t in topics) == 0


def test_compare_pairs_plans_of_one_kind(tmp_path: Path) -> None:
    ps = _provinces(tmp_path, "rolling-plan", "rolling-plan")
    topics = compare(ps, "fx-prov-a", "fx-prov-b").topics
    assert sum(t.same for t in topics) == 1 and not any(t.added or t.dropped for t in topics)


# -- levels and notes in the C rules ------------------------------------------------------------


def test_c002_an_extra_layer_beside_the_right_level_is_not_wrong_level(tmp_path: Path) -> None:
    d = tmp_path / "county"
    d.mkdir()
    base = (BASE / "fx-county.yaml").read_text("utf-8")
    extra = """- id: art_10
  label: 第十条
  text: 乡镇协助建立扶贫项目库。
  duties:
  - id: township-pool
    summary: {zh: 协助建立扶贫项目库}
    owners: [{actor: township.government}]
    action: establish
    implements: [fx-province/art_2/project-pool]
    quote: 乡镇协助建立扶贫项目库
"""
    (d / "fx-county.yaml").write_text(base + extra, "utf-8")
    assert "C002" not in codes(check(d))  # the county government carries it out in art_1
    alone = base.replace(
        "    implements: [fx-province/art_2/project-pool]\n    quote: 县人民政府",
        "    local_addition: true\n    quote: 县人民政府",
    )
    (d / "fx-county.yaml").write_text(alone + extra, "utf-8")
    assert "C002" in codes(check(d))  # now only the township carries it out


def test_explanation_reads_duty_provision_and_naming_regulation_notes(shipped: PolicySet) -> None:
    entry = shipped.duty_entry("gansu/art_9/adjust-spending")
    assert entry.duty.note is None and entry.provision.note
    assert semantics.explanation(entry) == entry.provision.note
    bare = next(e for e in shipped.duties("wuyi") if not e.duty.note and not e.provision.note)
    assert semantics.explanation(bare) is None  # the regulation's note does not name it


def test_check_fixture_parent_loads() -> None:
    assert responsibility.load([PARENT]).regulation("fx-province")


def test_evidence_accepts_an_artefact_of_a_kind_that_satisfies_the_duty(tmp_path: Path) -> None:
    import shutil

    d = _catalogue(
        tmp_path, "- {id: fx-pool-ledger, name: {zh: 项目库台账}, satisfies: [project-pool]}\n"
        "- {id: fx-other, name: {zh: 其他材料}}\n"
    )  # fmt: skip
    shutil.copy(BASE / "fx-county.yaml", d / "fx-county.yaml")
    inventory = tmp_path / "evidence"
    shutil.copytree(BASE.parent / "evidence" / "complete", inventory)
    csv = (inventory / "evidence.csv").read_text("utf-8")
    assert "\nproject-pool," in csv

    def pool_findings(kind: str) -> list[str]:
        (inventory / "evidence.csv").write_text(csv.replace("\nproject-pool,", f"\n{kind},"), "utf-8")
        report = check(d, evidence=inventory, period="2018")
        return [f.code for f in report.findings if "project-pool" in f.target]

    assert pool_findings("fx-pool-ledger") == []
    assert pool_findings("fx-other") == ["V001"]


def test_the_committed_schemas_describe_coverage_and_satisfies() -> None:
    import json

    import jsonschema
    import yaml

    schema_dir = ROOT / "policies" / "schema"
    regulation = json.loads((schema_dir / "regulation.schema.json").read_text("utf-8"))
    catalogue = json.loads((schema_dir / "catalogue.schema.json").read_text("utf-8"))
    assert "coverage" in regulation["properties"]
    assert "satisfies" in json.dumps(catalogue)
    doc = yaml.safe_load((EXCERPT / "fx-excerpt.yaml").read_text("utf-8"))
    jsonschema.validate(doc, regulation)
    doc["coverage"]["kind"] = "partial"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, regulation)
