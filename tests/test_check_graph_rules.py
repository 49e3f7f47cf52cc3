"""G rules (the shape of the responsibility graph): a failing and a passing case each."""

from __future__ import annotations

import shutil
from pathlib import Path

from check_helpers import BASE, PARENT, check, codes
from responsibility import load
from responsibility.checks import RULES
from responsibility.checks.context import ConformanceContext
from responsibility.policy.policyset import PolicySet

ART_4 = """- id: art_4
  label: 第四条
  text: {text}
  duties:
{duties}
"""


def _duty(did: str, owner: str, quote: str, extra: str = "") -> str:
    return (
        f"  - id: {did}\n    summary: {{zh: {quote}}}\n    owners: [{{actor: {owner}}}]\n"
        f"    action: report\n    local_addition: true\n    quote: {quote}\n{extra}"
    )


def _county_with(tmp_path: Path, text: str, duties: list[str]) -> Path:
    d = tmp_path / "county"
    d.mkdir()
    base = (BASE / "fx-county.yaml").read_text("utf-8")
    (d / "fx-county.yaml").write_text(base + ART_4.format(text=text, duties="".join(duties)), "utf-8")
    return d


def _reports_to(actor: str) -> str:
    return f"    counterparties: [{{role: reports-to, actor: {actor}}}]\n"


def test_g001_fails_on_a_reports_to_cycle(tmp_path: Path) -> None:
    d = _county_with(
        tmp_path,
        "县扶贫办向县政府报告工作。县政府向县扶贫办报告工作。",
        [
            _duty(
                "office-reports",
                "county.leading-group-office",
                "县扶贫办向县政府报告工作",
                _reports_to("county.government"),
            ),
            _duty(
                "government-reports",
                "county.government",
                "县政府向县扶贫办报告工作",
                _reports_to("county.leading-group-office"),
            ),
        ],
    )
    assert "G001" in codes(check(d))


def test_g001_passes_a_one_way_line(tmp_path: Path) -> None:
    d = _county_with(
        tmp_path,
        "县扶贫办向县政府报告工作。",
        [
            _duty(
                "office-reports",
                "county.leading-group-office",
                "县扶贫办向县政府报告工作",
                _reports_to("county.government"),
            )
        ],
    )
    assert "G001" not in codes(check(d))


def _without_owners(ps: PolicySet, reg_id: str) -> PolicySet:
    """The policy set with the first duty of `reg_id` stripped of its owners (as the schema forbids)."""
    reg = ps.regulation(reg_id)
    prov = reg.provisions[0]
    duty = prov.duties[0].model_copy(update={"owners": []})
    new_prov = prov.model_copy(update={"duties": [duty, *prov.duties[1:]]})
    new_reg = reg.model_copy(update={"provisions": [new_prov, *reg.provisions[1:]]})
    regs = [new_reg if r.id == reg_id else r for r in ps.regulations.values()]
    return PolicySet(
        regs,
        ps.actors.values(),
        ps.places.values(),
        ps.artefact_kinds.values(),
        ps.topics.values(),
        ps.sources,
    )


def _g002(ps: PolicySet) -> list[str]:
    ctx = ConformanceContext(ps, ps.regulation("fx-county"), [ps.regulation("fx-province")])
    check = RULES["G002"].check
    assert check is not None
    return [f.target for f in check(ctx)]


def test_g002_fails_on_a_duty_with_no_owner() -> None:
    ps = load([PARENT, BASE])
    assert _g002(_without_owners(ps, "fx-county")) == ["fx-county/art_1/project-pool"]


def test_g002_passes_owned_duties() -> None:
    assert _g002(load([PARENT, BASE])) == []


def test_g003_fails_on_an_owner_answering_to_no_one(tmp_path: Path) -> None:
    d = _county_with(
        tmp_path,
        "县审计局对扶贫资金进行审计。",
        [_duty("audit", "county.audit-office", "县审计局对扶贫资金进行审计")],
    )
    report = check(d)
    [f] = [f for f in report.findings if f.code == "G003"]
    # named in the message, by id in the fix (where the encoder writes it)
    assert "县审计局" in f.message and "county.audit-office" in f.hint and f.provision == "第四条"
    assert f.severity == "warning"


def test_g003_passes_when_the_owner_reports_upward(tmp_path: Path) -> None:
    d = _county_with(
        tmp_path,
        "县审计局对扶贫资金进行审计,向县政府报告。",
        [
            _duty(
                "audit",
                "county.audit-office",
                "县审计局对扶贫资金进行审计,向县政府报告",
                _reports_to("county.government"),
            )
        ],
    )
    assert "G003" not in codes(check(d))


VILLAGE = """kind: regulation
id: fx-village
title: {zh: 示例村村规, en: Example village rules (synthetic test fixture)}
level: village
jurisdiction: fx.county
provisions:
- id: art_1
  label: 第一条
  text: 村两委设立扶贫公示栏,向乡镇报告。
  duties:
  - id: board
    summary: {zh: 设立扶贫公示栏}
    owners: [{actor: village.two-committees}]
    action: disclose
    counterparties: [{role: reports-to, actor: township.party-committee-and-government}]
    local_addition: true
    quote: 村两委设立扶贫公示栏
"""


def test_g004_fails_when_a_county_duty_implements_a_village_one(tmp_path: Path) -> None:
    d = tmp_path / "county"
    d.mkdir()
    county = (BASE / "fx-county.yaml").read_text("utf-8")
    assert county.count("    local_addition: true\n") == 1
    county = county.replace("    local_addition: true\n", "    implements: [fx-village/art_1/board]\n")
    (d / "fx-county.yaml").write_text(county, "utf-8")
    (d / "fx-village.yaml").write_text(VILLAGE, "utf-8")
    [f] = [f for f in check(d).findings if f.code == "G004"]
    assert f.target == "fx-county/art_3/notice-board"


def test_g004_passes_links_to_a_higher_level(tmp_path: Path) -> None:
    d = tmp_path / "county"
    shutil.copytree(BASE, d)
    (d / "fx-village.yaml").write_text(VILLAGE, "utf-8")
    assert "G004" not in codes(check(d))
