"""`registers check` speaks the one vocabulary, Chinese first: places, bodies and steps by their
names, finding kinds and rules by the label table's words, articles as printed with their
words; explanations built in the language asked for from the record's parts; JSON, CSV and
SARIF keep the ids as machine keys with the words beside them."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from register_support import PS, WUYI_CASE, WUYI_COLUMNS, write
from responsibility.cli.main import main
from responsibility.policy import labels as L
from responsibility.registers import engines

WUYI = WUYI_CASE
# One case per finding kind of 武邑's procedure (and one with two problems).
CASES = [
    {**WUYI, "case_id": "wy-1", "verify_by": None, "verify_date": None},
    {**WUYI, "case_id": "wy-2", "township_review_date": "2017-11-05"},
    {**WUYI, "case_id": "wy-3", "verify_by": "village.two-committees"},
    {**WUYI, "case_id": "wy-4", "public_notice_objections": "2"},
    {**WUYI, "case_id": "wy-5", "public_notice_objections": None, "propose_by": "village.poor-households"},
]
HEAD = WUYI_COLUMNS


def _run(tmp: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    path = write(tmp / "exits.csv", CASES, HEAD)
    assert main(["registers", "check", str(path), "--rules", "wuyi", "--examples", "5", *extra]) == 1
    return capsys.readouterr().out


def test_every_finding_kind_and_rule_has_words_in_both_languages() -> None:
    rules = engines.register_rules(PS, ["shanxi", "gansu", "wuyi"])
    compiled = engines.compiled_rules(PS, rules)
    kinds = {p.kind for c in compiled for p in c.requirements}
    assert kinds <= set(L.REGISTER_FINDING_LABEL)
    assert {f"{c.rule.kind}/{c.rule.subject}" for c in compiled} <= set(L.REGISTER_RULE_LABEL)
    for table in (L.REGISTER_FINDING_LABEL, L.REGISTER_RULE_LABEL, L.REGISTER_UNIT_LABEL):
        assert all(zh and en and zh != en for zh, en in table.values())


def test_the_text_report_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(tmp_path, capsys)
    assert out.splitlines()[0] == "武邑县  武邑 贫困户退出（wuyi/household-exit）：核查 5 件，有问题 5 件"
    for line in [
        "          1  缺少步骤：村“两委”和驻村工作队核实 — 武邑 一(二)9「经村“两委”和驻村工作队核实」",
        "             wy-1：缺少「村“两委”和驻村工作队核实」",
        "             wy-2：「县扶贫开发领导小组审定」（2017-11-01）早于「乡(镇)政府审核」（2017-11-05）",
        "             wy-3：「村“两委”和驻村工作队核实」由村两委办理，应由村两委和驻村工作队共同办理",
        "          1  公示有异议：在村内公示无异议 — 武邑 一(二)9「在村内公示无异议」",
        "             wy-4：「在村内公示无异议」有异议 2 件，应无异议",
        # two problems of one case, each explained, in the order of the procedure's problems
        "             wy-5：「评议提出拟退出名单」由贫困户办理，应由村两委、村党支部委员会或村民委员会办理；"
        "「在村内公示无异议」未记录有无异议",
    ]:
        assert line in out.splitlines(), line
    assert out.endswith("共核查 5 条，有问题 5 条（duckdb）\n")
    # no machine word where a name or a label belongs
    assert not re.search(r"village\.|county\.|missing-step|wrong-body|notice-|out-of-order", out)


def test_the_text_report_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(tmp_path, capsys, "--lang", "en")
    lines = out.splitlines()
    assert (
        lines[0] == "Wuyi County  Wuyi County household exit (wuyi/household-exit): 5 cases checked, 5 failed"
    )
    assert "             wy-1: step 'the two committees and the work team verify' is missing" in lines
    assert (
        "             wy-3: 'the two committees and the work team verify' taken by the two village committees; "
        "it requires the two village committees and village-stationed work team jointly"
    ) in lines
    assert (
        "             wy-4: public notice 'public notice in the village, without objection' drew 2 objection(s); it must draw none"
        in lines
    )
    assert out.endswith("5 records checked, 5 failed (duckdb)\n")
    assert not re.search(r"[\u4e00-\u9fff]", "\n".join(ln.split(" — ")[0] for ln in lines))


def test_json_csv_and_sarif_keep_ids_with_labels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_run(tmp_path, capsys, "--format", "json"))
    assert data["lang"] == "zh"
    kind = next(k for k in data["kinds"] if k["kind"] == "wrong-body" and k["step"] == "verify")
    assert (kind["county"], kind["county_label"]) == ("cn.hebei.hengshui.wuyi", "武邑县")
    assert (kind["kind_label"], kind["step_label"]) == ("办理主体不符", "村“两委”和驻村工作队核实")
    assert (kind["citation"], kind["quote"]) == ("武邑 一(二)9", "经村“两委”和驻村工作队核实")
    assert kind["examples"] == [
        {
            "subject": "wy-3",
            "kinds": ["wrong-body"],
            "message": "「村“两委”和驻村工作队核实」由村两委办理，应由村两委和驻村工作队共同办理",
        }
    ]
    en = json.loads(_run(tmp_path, capsys, "--format", "json", "--lang", "en"))
    assert [k["kind"] for k in en["kinds"]] == [k["kind"] for k in data["kinds"]]  # ids do not change
    assert {k["kind_label"] for k in en["kinds"]} >= {"missing step", "taken by the wrong body"}
    rows = list(csv.DictReader(_run(tmp_path, capsys, "--format", "csv").splitlines()))
    assert {(r["kind"], r["kind_label"]) for r in rows} == {
        ("missing-step", "缺少步骤"),
        ("out-of-order", "顺序颠倒"),
        ("wrong-body", "办理主体不符"),
        ("notice-objection", "公示有异议"),
        ("notice-unrecorded", "公示结果未记录"),
    }
    sarif = json.loads(_run(tmp_path, capsys, "--format", "sarif"))
    texts = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert (
        "武邑 一(二)9：武邑县 公示有异议（在村内公示无异议）1 件；例：wy-4：「在村内公示无异议」有异议 2 件，应无异议"
        in texts
    )


def test_a_village_is_named_where_the_catalogue_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [
        write(
            tmp_path / "villages.csv", [{"village": "cn.gansu", "county": "cn.gansu"}], ["village", "county"]
        ),
        write(tmp_path / "teams.csv", [], ["village", "team"]),
    ]
    assert main(["registers", "check", *map(str, files), "--rules", "gansu/village-teams"]) == 1
    out = capsys.readouterr().out
    assert "             甘肃省：贫困村 甘肃省 没有驻村工作队（无驻村工作队记录）" in out.splitlines()
