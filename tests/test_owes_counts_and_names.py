"""`owes` says what it counts and names each owner as the text does.

`owes county.leaders` said 3 项职责 over 4 rows: 山西 第二十七条's signing has two topics and is
listed under each. The header now counts distinct duties and, where the rows are more, says how
many rows and why. `owes 贫困户` named no body as 麻江 〔第11段〕 does (户); each row now has the
owner as its duty's text names it (Names.named_at, as `duties` and `who`), and the JSON carries it
as `named`, as `who`'s owners do (policy.names.text_name is the one reading)."""

from __future__ import annotations

import json
import re

import pytest

from responsibility.graph.queries import owes, who
from responsibility.policy.lookup import actor_id
from responsibility.policy.names import Names, text_name
from shipped_helpers import cli, shipped_set

pytestmark = pytest.mark.usefixtures("shipped_loaded_once")


def _table_rows(out: str) -> int:
    """Rows of every table: the lines after a dashed rule, up to the next blank line."""
    n, inside = 0, False
    for line in out.splitlines():
        if re.fullmatch(r"[- ]+", line) and "-" in line:
            inside = True
        elif not line.strip():
            inside = False
        elif inside:
            n += 1
    return n


@pytest.mark.parametrize(
    "actor", ["county.leaders", "贫困户", "county.government", "武邑县人民政府", "province.leaders"]
)
def test_the_header_counts_what_the_rows_show(capsys: pytest.CaptureFixture[str], actor: str) -> None:
    out = cli(capsys, "owes", actor)
    header = out.splitlines()[0]
    m = re.fullmatch(r".+：(\d+) 项职责(?:，按主题分列 (\d+) 行（一项职责有几个主题的，在每个主题下各列一次）)?", header)
    assert m, header
    duties, rows = int(m.group(1)), m.group(2)
    shown = _table_rows(out)
    assert shown == (int(rows) if rows else duties), out
    assert (rows is not None) == (shown != duties)  # the row count is said only where it differs
    assert duties == owes(shipped_set(), actor_id(shipped_set(), actor)).total


def test_county_leaders_has_one_duty_under_two_topics(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli(capsys, "owes", "county.leaders")
    assert out.splitlines()[0] == "县级领导干部：3 项职责，按主题分列 4 行（一项职责有几个主题的，在每个主题下各列一次）"
    assert out.count("其他县级领导干部签订联系点脱贫攻坚帮扶责任书") == 2
    en = cli(capsys, "owes", "county.leaders", "--lang", "en").splitlines()[0]
    assert en == "county leading cadres: 3 duties, in 4 rows by topic (a duty with several topics is listed under each)"


def test_owes_names_the_body_as_the_text_does(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli(capsys, "owes", "贫困户")
    assert "户（贫困户，village.poor-households）" in out
    # a body reached through its role is named by the role as its duty names it
    wuyi = cli(capsys, "owes", "武邑县人民政府", "--topic", "planning")
    assert re.search(r"中央 第十四条 .* 县级党委和政府 .* 承接", wuyi)


def test_owes_and_who_carry_the_text_s_name_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(cli(capsys, "owes", "贫困户", "--format", "json"))
    [row] = [d for g in data["groups"] for d in g["duties"]]
    assert (row["owner"], row["named"]) == ("village.poor-households", "户")
    data = json.loads(cli(capsys, "who", "majiang/第11段", "--format", "json"))
    named = {o["actor"]["id"]: o["named"] for d in data["duties"] for o in d["owners"]}
    assert named["village.poor-households"] == "户"


def test_one_reading_of_the_text_s_name() -> None:
    """who's `named`, owes's `named` and the words of Names.named_at come from text_name."""
    ps = shipped_set()
    say = Names(ps)
    for entry in ps.duties("majiang"):
        for info in next(d for d in who(ps, entry.ref).duties).owners:
            assert info.named == text_name(entry.duty, info.actor.id)
            shown = say.named_at(entry.ref, info.actor.id)
            assert shown == say.as_named(info.actor.id, info.named)
    for group in owes(ps, "county.leaders").groups:
        for row in group.duties:
            assert row.named == text_name(ps.duty(row.duty.id), row.owner) == "其他县级领导干部"
