"""Answers a person can read: `compare` and `trace` in names and article numbers with a key and
totals, `chain` without repeated rows, `rule CODE` as plain text, counts with their plurals."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from responsibility.checks import RULES, rule
from responsibility.checks.docs import rule_page
from responsibility.cli.main import main
from responsibility.core.wording import plural

GRAPH = str(ROOT / "tests" / "fixtures" / "graph")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


# -- compare ---------------------------------------------------------------------------------------


def test_compare_has_a_key_titles_and_distinct_totals(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "compare", "shanxi", "gansu")
    data = json.loads(run(capsys, "compare", "shanxi", "gansu", "--format", "json"))
    head = out.splitlines()[:3]
    assert head[0] == "山西省脱贫攻坚责任制实施细则 → 甘肃省脱贫攻坚责任制实施办法"
    assert head[1].startswith("图例：+ 仅甘肃有（新增）  - 仅山西有（删去）  ~ 对应职责的责任主体、")
    added = {d["id"] for t in data["topics"] for d in t["added"]}
    dropped = {d["id"] for t in data["topics"] for d in t["dropped"]}
    changed = {(c["a"]["id"], c["b"]["id"]) for t in data["topics"] for c in t["changed"]}
    assert data["totals"]["added"] == len(added) and data["totals"]["dropped"] == len(dropped)
    assert data["totals"]["changed"] == len(changed)
    # Listed once per topic, counted once: the totals are below the sum of the rows.
    assert sum(len(t["added"]) for t in data["topics"]) > len(added)
    assert head[2].startswith(
        f"合计：新增 {len(added)} 项职责，删去 {len(dropped)} 项职责，变化 {len(changed)} 组对应职责，"
    )
    en = run(capsys, "compare", "shanxi", "gansu", "--lang", "en").splitlines()[:3]
    assert en[1].startswith("key: + only in Gansu Province (added)   - only in Shanxi Province (dropped)")
    assert en[2].startswith(f"total: {len(added)} duties added, {len(dropped)} duties dropped, {len(changed)} ")


def test_compare_rows_cite_articles_and_names(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "compare", "shanxi", "gansu")
    assert "  + 甘肃 第十条 落实扶贫资金违规使用责任追究制度" in out.splitlines()
    change = next(ln for ln in out.splitlines() if ln.startswith("  ~ 山西 第五十条 → 甘肃 第三十三条 "))
    assert "责任主体 各级扶贫开发领导小组、各级党委和政府 → 各级党委和政府" in change
    rows = [ln for ln in out.splitlines() if re.match(r"  [-+~] ", ln)]
    assert rows and all(re.match(r"  [-+~] (山西|甘肃) (第|[一二三四五六七八九十])", ln) for ln in rows)
    assert "gansu/art_10/misuse-accountability" not in out  # duties by article and summary, not id
    assert "all.party-committees-and-governments →" not in out  # owners by name, not by id


def test_compare_names_vocabulary_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "compare", "fx-central", "fx-hebei", "--policies", GRAPH)
    changes = [ln for ln in out.splitlines() if ln.startswith("  ~ ")]
    assert "  ~ 中央 第三条 → 河北 第一条 每半年向中央报告扶贫脱贫进展情况：频次 每年 → 每半年" in changes
    for ln in changes:
        assert not re.search(r"\b(obligation|permission|annual|quarterly|principal|general)\b", ln), ln


# -- trace -----------------------------------------------------------------------------------------


def test_trace_cites_regulations_and_articles_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "trace", "central/art_19/project-pool")
    lines = out.splitlines()
    assert lines[0] == "中央 第十九条 建立扶贫项目库"
    assert "  └ 武邑 一(一)7 建立扶贫项目库 [县级]" in lines
    row = next(ln for ln in lines if ln.startswith("武邑 "))
    assert row.split() == ["武邑", "县级", "已落实", "一(一)7"]


def test_trace_of_a_declined_duty_gives_the_status_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "trace", "fx-central/art_5/project-pool", "--policies", GRAPH)
    assert re.search(r"^河北\s+省级\s+说明未实施\s+由县级实施意见规定$", out, re.M)  # the reason as encoded


# -- chain -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["fx.wuyi.town-a.committee", "--policies", GRAPH],
        ["province.principal-leaders"],
        ["wuyi.county-government", "--regulation", "wuyi"],
    ],
)
def test_chain_prints_no_row_twice(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "chain", *argv)
    rows = [ln for ln in out.splitlines() if re.match(r"\d+\s", ln)]
    assert rows and len(rows) == len(set(rows))


def test_chain_tells_apart_two_bodies_of_one_name(capsys: pytest.CaptureFixture[str]) -> None:
    # The fixtures loaded beside the shipped policies hold bodies that share a name with shipped
    # ones (the fixture's 武邑县委 and the real one): no printed name may stand for two bodies.
    out = run(capsys, "chain", "fx.wuyi.town-a.committee", "--policies", GRAPH, "--format", "json")
    ids_by_label: dict[str, set[str]] = {}
    for line in json.loads(out)["lines"]:
        for k in (*line["upward"], *line["downward"]):
            for side in ("lower", "upper"):
                label = k[f"{side}_label"].removeprefix("〔").split("〕")[0].split(" @")[0]
                ids_by_label.setdefault(label, set()).add(k[side])
    assert ids_by_label and all(len(ids) == 1 for ids in ids_by_label.values()), ids_by_label
    assert "fx.wuyi.county-committee" in {i for ids in ids_by_label.values() for i in ids}


# -- rule ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_prints_plain_text(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "rule", code)
    lines = out.splitlines()
    assert "<!--" not in out and "```" not in out and "**" not in out
    assert not any(ln.startswith("#") for ln in lines)
    assert lines[0].startswith(code) and set(lines[1]) == {"="}
    assert "What it checks" in lines and "Fix" in lines


def test_rule_write_pages_keep_their_markdown() -> None:
    for code in sorted(RULES):
        page = rule_page(rule(code))
        assert page == (ROOT / "docs" / "rules" / f"{code}.md").read_text("utf-8")
        assert page.startswith("<!-- generated by")


# -- plurals ---------------------------------------------------------------------------------------


def test_plural() -> None:
    assert plural(1, "duty") == "1 duty"
    assert plural(2, "duty") == "2 duties"
    assert plural(0, "error") == "0 errors"
    assert plural(1, "error") == "1 error"
    assert plural(3, "info") == "3 info"


def test_validate_counts_read_as_english(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "validate")
    assert re.fullmatch(r"ok: \d+ regulations, \d+ provisions, \d+ duties, \d+ actors\n", out)


def test_no_message_puts_a_count_before_a_fixed_plural() -> None:
    """`f"... {n} duties ..."` reads "1 duties" when n is 1: counts go through wording.plural."""
    fixed = re.compile(r"\{[^{}]*(len\(|count|\bn\b|\[)[^{}]*\} (duties|errors|warnings|findings|regulations|files)\b")
    bad = [
        f"{path.relative_to(ROOT)}:{i}: {line.strip()}"
        for path in sorted((ROOT / "src" / "responsibility").rglob("*.py"))
        for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if fixed.search(line)
    ]
    assert not bad, "\n".join(bad)
