"""The published JSON Schema, the editor line in policy files, and the export contract."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

import responsibility
from conftest import ROOT
from responsibility.graph.export import dumps, export
from responsibility.policy.jsonschema import SCHEMAS, schema_for
from responsibility.policy.yamlfile import load_text

POLICY_FILES = sorted((ROOT / "policies").rglob("*.yaml"))
FIXTURE = ROOT / "tests" / "fixtures" / "minimal.yaml"


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_is_the_generated_one(kind: str) -> None:
    committed = json.loads((ROOT / "policies" / "schema" / f"{kind}.schema.json").read_text("utf-8"))
    assert committed == schema_for(kind), "run: responsibility schema --write policies/schema --force"


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_policy_file_declares_and_satisfies_its_schema(path) -> None:  # type: ignore[no-untyped-def]
    first = path.read_text("utf-8").splitlines()[0]
    data, _ = load_text(path.read_text("utf-8"), str(path))
    kind = data.get("kind", "regulation")
    if kind not in SCHEMAS:  # scenario and facts files are validated by their own modules
        return
    assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json" or first.endswith(
        f"schema/{kind}.schema.json"
    )
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target.is_file()
    # the JSON Schema agrees with the models: files valid for one are valid for the other
    jsonschema.validate(json.loads(json.dumps(data, default=str)), schema_for(kind))


def test_schema_rejects_what_the_models_reject() -> None:
    data, _ = load_text(FIXTURE.read_text("utf-8"), "minimal.yaml")
    data["divisions"][0]["provisions"][0]["duties"][0]["qoute"] = "typo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema_for("regulation"))


REQUIRED_REG = {"id", "title", "level", "status", "implements", "provisions"}
REQUIRED_PROV = {"id", "label", "chapter", "text", "duties"}
REQUIRED_DUTY = {
    "id",
    "owners",
    "action",
    "object",
    "modality",
    "condition",
    "frequency",
    "counterparties",
    "artefacts",
    "topics",
    "implements",
    "quote",
}


def test_export_contract_holds() -> None:
    ps = responsibility.load([FIXTURE])
    data = export(ps)
    regs = data["regulations"]
    assert [r["id"] for r in regs] == sorted(r["id"] for r in regs)
    n_duties = 0
    for reg in regs:
        assert REQUIRED_REG <= reg.keys()
        assert set(reg["title"]) == {"zh", "en"}
        for prov in reg["provisions"]:
            assert REQUIRED_PROV <= prov.keys()
            for duty in prov["duties"]:
                n_duties += 1
                assert REQUIRED_DUTY <= duty.keys()
                for owner in duty["owners"]:
                    assert {"id", "zh", "en", "responsibility"} <= owner.keys()
                for cp in duty["counterparties"]:
                    assert {"role", "id", "zh", "en"} <= cp.keys()
    assert n_duties == len(ps.all_duties()) > 0
    fixture = next(r for r in regs if r["id"] == "fixture-county")
    report = fixture["provisions"][0]["duties"][1]
    assert report["frequency"] == "annual"
    assert report["counterparties"] == [
        {"role": "reports-to", "id": "city.government", "zh": "市级政府", "en": "city government"}
    ]
    assert report["condition"] is None and report["object"] is None


def test_export_is_byte_identical_across_runs() -> None:
    cmd = [sys.executable, "-m", "responsibility", "export", str(FIXTURE)]
    a = subprocess.run(cmd, capture_output=True, check=True).stdout
    b = subprocess.run(cmd, capture_output=True, check=True).stdout
    assert a == b
    assert a.decode("utf-8") == dumps(export(responsibility.load([FIXTURE])))


def test_citations_follow_the_printed_numbering() -> None:
    from responsibility.policy.policyset import citations

    ps = responsibility.load()
    central = citations(ps.regulation("central"))
    assert central["art_9"] == "第九条" and central["art_29"] == "第二十九条"
    wuyi = citations(ps.regulation("wuyi"))
    assert wuyi["sec_1__subsec_1__item_4"] == "一(一)4"
    assert wuyi["sec_1__subsec_2__item_9"] == "一(二)9"
    assert wuyi["sec_2__item_3"] == "二、〔3〕"  # the 3 is inferred, not printed
    assert wuyi["sec_3__content"] == "三"
    assert wuyi["preamble"] == "〔序言〕"
