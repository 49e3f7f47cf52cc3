"""A body at a provision is named as that text names it (Owner.zh, Counterparty.zh), with the
catalogue's name and id after it where they differ (policy/names.Names.as_named): in the findings
of `check`, in `duties`, `who` and `owes`, and (without the id) on the site and in the 责任清单.
`chain` walks bodies, so it names each one way, by the catalogue."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from responsibility.checks.runner import Options, Report, run
from responsibility.graph.responsibility_list import rows
from responsibility.policy.names import Names
from shipped_helpers import cli, shipped_set

pytestmark = pytest.mark.usefixtures("shipped_loaded_once")


@pytest.fixture(scope="module")
def report() -> Report:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return run(Options(paths=[ROOT / "policies"]))


def _g003(report: Report, target: str) -> str:
    [message] = [f.message for f in report.findings if f.code == "G003" and f.target == target]
    return message


@pytest.mark.parametrize(
    ("target", "text_name", "catalogue", "actor"),
    [
        ("gansu/art_6/demonstration-points", "省级领导", "省级领导干部", "province.leaders"),
        ("majiang/para_11/bottom-up-assessment", "户", "贫困户", "village.poor-households"),
    ],
)
def test_g003_names_the_body_as_its_text_does(
    report: Report, target: str, text_name: str, catalogue: str, actor: str
) -> None:
    ps = shipped_set()
    entry = ps.duty_entry(target)
    # the name is the text's own: the encoding records it, and the provision's text prints it,
    # where the catalogue's name is not what this text says
    assert [o.zh for o in entry.duty.owners if o.actor == actor] == [text_name]
    assert text_name in entry.provision.text and catalogue not in entry.provision.text
    assert ps.actors[actor].name.zh == catalogue
    assert _g003(report, target).startswith(f"{text_name}（{catalogue}，{actor}）承担 ")


def test_every_g003_message_opens_with_its_duty_s_name_for_the_body(report: Report) -> None:
    ps = shipped_set()
    found = [f for f in report.findings if f.code == "G003"]
    assert len(found) >= 10
    for f in found:
        # the hint names the body by its id: 原文写明省级领导干部（province.leaders）向谁报告…
        actor = re.search(r"（([a-z0-9.-]+)）向谁", f.hint or "")
        assert actor, f.hint
        body = ps.actors[actor.group(1)]
        [written] = [o.zh for o in ps.duty_entry(f.target).duty.owners if o.actor == body.id]
        if written and written != body.name.zh:
            assert f.message.startswith(f"{written}（{body.name.zh}，{body.id}）承担 "), f.message
        else:  # a name the text shares with the catalogue needs no brackets and no id
            assert f.message.startswith(f"{body.name.zh}承担 ") and body.id not in f.message, f.message


@pytest.mark.parametrize(
    "argv",
    [
        ("duties", "--regulation", "gansu", "--provision", "第六条"),
        ("who", "gansu/第六条"),
    ],
)
def test_the_answers_name_the_body_as_the_text_does(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    out = cli(capsys, *argv)
    assert "省级领导（省级领导干部，province.leaders）" in out
    # 省委常委 is the text's name and the catalogue's: no brackets, no id
    assert "省委常委（" not in out and "gansu.standing-committee-members" not in out


def test_chain_names_each_body_one_way(capsys: pytest.CaptureFixture[str]) -> None:
    """The chain walks bodies, so a body reads the same in every row (the upper of one level is
    the lower of the next): its catalogue name; how the text names it is in the duty column."""
    out = cli(capsys, "chain", "county.leaders", "--regulation", "majiang")
    assert "县级领导干部" in out and "贫困户" in out
    assert "县领导（" not in out and "county.leaders" not in out


def test_english_keeps_the_catalogue_name(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli(capsys, "duties", "--regulation", "gansu", "--provision", "第六条", "--lang", "en")
    en = shipped_set().actors["province.leaders"].name.en
    assert en and en in out and "省级领导" not in out and "province.leaders" not in out


def test_as_named_is_the_catalogue_name_where_the_text_agrees() -> None:
    say = Names(shipped_set())
    assert say.as_named("province.leaders", None) == "省级领导干部"
    assert say.as_named("province.leaders", "省级领导干部") == "省级领导干部"
    assert say.as_named("province.leaders", "省级领导") == "省级领导（省级领导干部，province.leaders）"
    assert say.as_named("province.leaders", "省级领导", with_id=False) == "省级领导（省级领导干部）"
    assert say.as_named("no.such-body", "某机构") == "某机构"


def test_the_list_and_the_site_leave_out_the_id() -> None:
    ps = shipped_set()
    [row] = [r for r in rows(ps, "gansu") if r.duty == "gansu/art_6/demonstration-points"]
    assert row.owners == "省委常委、省级领导（省级领导干部）"
    from responsibility.site.pages import SitePages

    page = SitePages(ps).regulation_page(ps.regulation("gansu"))
    assert "省级领导（省级领导干部）" in page and "province.leaders）" not in page


def test_the_evidence_counterparty_is_named_as_its_duty_names_it() -> None:
    ps = shipped_set()
    entry = ps.duty_entry("majiang/para_11/bottom-up-assessment")
    [c] = entry.duty.counterparties
    assert Names(ps).counterparty(c) == "县领导（县级领导干部，county.leaders）"
