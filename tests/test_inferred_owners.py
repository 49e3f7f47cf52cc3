"""Owners the text does not name (Owner.inferred): the encoder attributed a subjectless duty to
them and said why in a note. Every face shows such an owner in 〔〕, the mark of what the text
does not print, never as if the text named the body there."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from functools import cache

import pytest

import responsibility
from responsibility.policy.labels import INFERRED_OWNER_NOTE
from responsibility.policy.names import Names, inferred_at
from responsibility.policy.policyset import DutyEntry, PolicySet
from responsibility.site.pages import SitePages

# 山西 第九条 (subjectless: 实行…省级督查巡查办法) and the other subjectless articles the notes name:
# an owner read from the chapter, or from the article's objects, is inferred; one carried over from
# the sentence before in the same article (承前省略: 甘肃 第二十一、二十二、二十四、二十七条) is the
# text's own and is not; nor are 甘肃 第六条's 省委常委 and 省级领导, whom the article itself names
# as the bodies of the system its clauses go on to describe.
EXPECTED = {
    ("gansu", "art_9"): 3,
    ("gansu", "art_10"): 2,
    ("gansu", "art_12"): 1,
    ("gansu", "art_18"): 3,
    ("gansu", "art_28"): 5,
    ("gansu", "art_31"): 3,
    ("shanxi", "art_3"): 6,
    ("shanxi", "art_9"): 3,
    ("shanxi", "art_49"): 3,
    ("shanxi", "art_50"): 6,
    ("wuyi", "sec_1__subsec_2__item_14"): 5,
}


@cache
def _ps() -> PolicySet:
    return responsibility.load()


def _inferred_entries() -> list[DutyEntry]:
    return [e for e in _ps().duties() if any(o.inferred for o in e.duty.owners)]


def _run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "responsibility", *args, "--no-cache"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_the_inferred_owners_are_those_the_notes_name() -> None:
    counts: dict[tuple[str, str], int] = {}
    for e in _inferred_entries():
        key = (e.regulation.id, e.provision.id)
        counts[key] = counts.get(key, 0) + sum(o.inferred for o in e.duty.owners)
    assert counts == EXPECTED


@pytest.mark.parametrize("entry", _inferred_entries(), ids=lambda e: e.ref)
def test_every_inferred_owner_is_explained_in_a_note(entry: DutyEntry) -> None:
    notes = " ".join(n for n in (entry.duty.note, entry.provision.note) if n)
    assert re.search(r"inferred|inference|no subject|subjectless|names no subject", notes, re.I), entry.ref


@pytest.mark.parametrize("entry", _inferred_entries(), ids=lambda e: e.ref)
def test_no_inferred_owner_carries_a_name_the_text_does_not_give(entry: DutyEntry) -> None:
    text = entry.provision.text or ""
    for o in entry.duty.owners:
        if o.inferred and o.zh is not None:
            assert o.zh in text, (entry.ref, o.zh)
    # 第九条's 省级 was taken from 省级督查巡查办法: not a name of a body, so dropped
    if entry.ref.startswith("shanxi/art_9/"):
        assert all(o.zh is None for o in entry.duty.owners)


def test_names_marks_an_inferred_owner_and_only_it() -> None:
    ps = _ps()
    names = Names(ps)
    inspection = ps.duty("shanxi/art_9/comprehensive-inspection")
    assert names.owners(inspection.owners) == "〔省级党委和政府〕"
    assert inferred_at(inspection, "province.party-committee-and-government")
    # a counterparty the text names (市县) is not marked
    assert not inferred_at(inspection, "city.party-committee-and-government")
    assert names.named_at("shanxi/art_9/comprehensive-inspection", "city.party-committee-and-government") == (
        "市县（市级党委和政府，city.party-committee-and-government）"
    )
    # the same body where the text names it (山西 第八条's 省委、省政府) is not marked
    named = ps.duty("shanxi/art_8/keep-leaders-stable")
    assert "〔" not in names.owners(named.owners)


def test_duties_shows_the_inferred_owner_in_marks() -> None:
    out = _run("duties", "--regulation", "shanxi", "--provision", "第九条")
    rows = [line for line in out.splitlines() if line.startswith("山西 第九条")]
    assert len(rows) == 3
    assert all("〔省级党委和政府〕" in r for r in rows)
    assert "省级（" not in out


def test_chain_marks_the_rows_of_inferred_owners() -> None:
    out = _run("chain", "county.principal-leaders", "--regulation", "shanxi")
    rows = [line for line in out.splitlines() if "山西 第五十条" in line]
    assert rows
    assert all(re.search(r"〔各级(扶贫开发领导小组|党委和政府)〕", r) for r in rows)
    # a row whose owner the text names keeps the plain name: 第八条's 省委、省政府
    eighth = [line for line in out.splitlines() if "山西 第八条" in line]
    assert eighth and all("〔" not in r for r in eighth)
    top = next(line for line in out.splitlines() if line.startswith("顶端"))
    assert top == "顶端：〔各级扶贫开发领导小组〕、〔各级党委和政府〕、党中央、国务院"


def test_json_carries_inferred() -> None:
    records = json.loads(_run("duties", "--regulation", "shanxi", "--provision", "第九条", "--format", "json"))
    assert [o["inferred"] for r in records for o in r["owners"]] == [True, True, True]
    who = json.loads(_run("who", "shanxi/第五十条", "--format", "json"))
    flags = {o["inferred"] for d in who["duties"] for o in d["owners"]}
    assert flags == {True}
    named = json.loads(_run("duties", "--regulation", "shanxi", "--provision", "第八条", "--format", "json"))
    assert not any(o["inferred"] for r in named for o in r["owners"])


def test_the_site_shows_the_mark_with_its_tooltip() -> None:
    ps = _ps()
    page = SitePages(ps, "policies", ()).regulation_page(ps.regulations["shanxi"])
    title = html.escape(" · ".join(INFERRED_OWNER_NOTE), quote=True)
    marked = re.findall(rf'<span class="rsp-inferred" title="{re.escape(title)}">([^<]*)<', page)
    assert any(m.startswith("〔省级党委和政府〕") for m in marked)
    assert any(m.startswith("〔各级党委和政府〕") for m in marked)
    assert title.startswith("原文未写明责任主体")
