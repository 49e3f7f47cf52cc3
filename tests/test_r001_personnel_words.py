"""A finding of the 不摘帽不调离 rules (中央 第十二条, 山西 第八条, 甘肃 第四条) says, as an R002
does, which place (its Chinese name), which rule (its summary), who (post and name in the words of
the label table), what happened and when, and why it breaks the rule in words — not the rule's
expression (it read `王某 (party-secretary) transfer on 2018-03-01 (not exited): poor_county
true; not (exited false)`, naming no place)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import responsibility
from conftest import ROOT
from responsibility.checks.reporters import RenderOptions, render
from responsibility.checks.runner import Options, run
from responsibility.computable import facts as factsmod
from responsibility.computable.engine import Outcome, RuleFinding, evaluate
from responsibility.policy.labels import CHANGE_LABEL, POST_LABEL

PS = responsibility.load()
WUYI = "cn.hebei.hengshui.wuyi"
RULE = "central/no-reassignment-before-exit"
SUMMARY = "保持贫困县党政正职稳定,不脱贫不调整、不摘帽不调离"


def _found(counties: list[dict[str, Any]], *moves: dict[str, Any]) -> list[RuleFinding]:
    facts = factsmod.from_data({"counties": counties, "personnel": list(moves)}, "<test>")
    return [f for f in evaluate(PS, facts) if f.rule == RULE]


def _move(person: str, post: str, date: str, change: str) -> dict[str, Any]:
    return {"place": WUYI, "post": post, "person": person, "date": date, "change": change}


def test_a_move_before_exit_is_said_in_words() -> None:
    [f] = _found(
        [{"place": WUYI, "poor": True, "exited": "2019-05-01"}],
        _move("刘某", "county-head", "2018-12-01", "promotion"),
    )
    assert f.outcome == Outcome.failed
    assert f.message == (
        f"中央 第十二条: 武邑县「{SUMMARY}」: 县长刘某 2018-12-01 提拔，在贫困县未摘帽期间（2019-05-01 摘帽）"
    )


def test_no_expression_is_shown() -> None:
    found = _found(
        [{"place": WUYI, "poor": True}],
        _move("王某", "party-secretary", "2018-03-01", "transfer"),
    )
    [f] = found
    assert f.message.endswith("党委书记王某 2018-03-01 调动，在贫困县未摘帽期间（未记录摘帽日期）")
    assert not re.search(r"poor_county|exited|not \(|true|false|party-secretary|transfer", f.message)


def test_when_the_move_fell_is_said_for_every_status() -> None:
    def said(county: dict[str, Any], date: str) -> tuple[Outcome, str]:
        [f] = _found([{"place": WUYI, **county}], _move("甲", "county-head", date, "transfer"))
        return f.outcome, f.message.split("调动，", 1)[1]

    assert said({"exited": "2019-05-01"}, "2019-05-01") == (Outcome.passed, "在贫困县摘帽当日（2019-05-01 摘帽）")
    assert said({"exited": "2019-05-01"}, "2019-06-01") == (Outcome.passed, "在贫困县摘帽之后（2019-05-01 摘帽）")
    assert said({"listed": "2015-01-01"}, "2014-06-01") == (Outcome.passed, "在列为贫困县之前（2015-01-01 列入）")
    assert said({"poor": False}, "2018-06-01") == (Outcome.passed, "时非贫困县")


def test_the_undetermined_move_is_named_by_the_same_words() -> None:
    [f] = _found([], _move("甲", "county-head", "2018-01-01", "demotion"))
    assert f.outcome == Outcome.unknown
    assert f.message.startswith(f"中央 第十二条: 武邑县「{SUMMARY}」: 县长甲 2018-01-01 降职: cannot tell")


def test_every_r001_line_of_a_run_is_distinct(tmp_path: Path) -> None:
    # one place, one day: two posts, two people of one name, two changes; judged by the centre
    # and (for 山西's county) by 第八条 too
    kelan = "cn.shanxi.xinzhou.kelan"
    facts = tmp_path / "moves.yaml"
    facts.write_text(
        "kind: facts\ncounties:\n"
        f"- {{place: {WUYI}, poor: true}}\n- {{place: {kelan}, poor: true, exited: 2019-04-30}}\n"
        "personnel:\n"
        + "".join(
            f"- {{place: {place}, post: {post}, person: {person}, date: 2018-03-01, change: {change}}}\n"
            for place in (WUYI, kelan)
            for post, person, change in (
                ("party-secretary", "王某", "transfer"),
                ("county-head", "王某", "transfer"),
                ("county-head", "王某", "removal"),
                ("county-head", "李某", "transfer"),
            )
        ),
        "utf-8",
    )
    report = run(Options(paths=[ROOT / "policies"], facts=[facts]))
    lines = [line for line in render(report, "text", RenderOptions(color=False)).splitlines() if " R001 " in line]
    assert len(lines) == 12  # 4 moves in 武邑 (中央), 4 in 岢岚 (中央 and 山西)
    assert not [line for line, n in Counter(lines).items() if n > 1]


def test_the_personnel_words_are_the_docs_words() -> None:
    """docs/computable.md's table of facts gives each post and change the words findings use."""
    text = (ROOT / "docs" / "computable.md").read_text("utf-8")
    for table in (POST_LABEL, CHANGE_LABEL):
        for code, (zh, _) in table.items():
            assert f"`{code}` ({zh})" in text, code
