"""A name the text gives several owners at once is printed once per cell (policy.names.Names.owners).

武邑 二、〔3〕's 各牵头部门 is sixteen departments; `duties` printed 各牵头部门（武邑县…，wuyi.…）
sixteen times in one cell, a line of some 1,250 characters. Now the name stands once, with the
catalogue's names of the bodies it covers after it, in `duties`, C003 and the 责任清单."""

from __future__ import annotations

import pytest

from responsibility.cli.main import main
from responsibility.graph.responsibility_list import rows
from responsibility.policy.model import Owner
from responsibility.policy.names import Names
from shipped_helpers import shipped_set

pytestmark = pytest.mark.usefixtures("shipped_loaded_once")


def _lead_duty() -> str:
    ps = shipped_set()
    found = [e.ref for e in ps.duties("wuyi") if {o.zh for o in e.duty.owners} == {"各牵头部门"}]
    assert len(found) >= 3  # the plan, the scheduling and the quarterly report
    return found[0]


def test_duties_prints_each_text_name_once_per_cell(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["duties", "--regulation", "wuyi", "--provision", "二、〔3〕"]) == 0
    lines = capsys.readouterr().out.splitlines()
    led = [line for line in lines if "各牵头部门（" in line]
    assert len(led) >= 3
    for line in led:
        assert line.count("各牵头部门（") == 1, line
        assert "wuyi." not in line  # a group's ids are in `who` and the JSON
    assert max(len(line) for line in lines) < 600


def test_every_owner_is_still_named() -> None:
    ps = shipped_set()
    say = Names(ps)
    entry = ps.duty_entry(_lead_duty())
    cell = say.owners(entry.duty.owners)
    assert cell.startswith("各牵头部门（") and cell.count("各牵头部门") == 1
    for o in entry.duty.owners:
        assert ps.actors[o.actor].name.zh in cell


def test_a_name_given_to_one_body_keeps_its_id_and_english_is_untouched() -> None:
    say = Names(shipped_set())
    one = [Owner(actor="province.leaders", zh="省级领导")]
    assert say.owners(one) == "省级领导（省级领导干部，province.leaders）"
    assert say.owners(one, with_id=False) == "省级领导（省级领导干部）"
    two = [Owner(actor="province.leaders", zh="领导"), Owner(actor="county.leaders", zh="领导")]
    assert say.owners(two) == "领导（省级领导干部、县级领导干部）"
    en = Names(shipped_set(), "en")
    assert en.owners(two) == f"{en.actor('province.leaders')}, {en.actor('county.leaders')}"


def test_the_list_names_the_group_once() -> None:
    ref = _lead_duty()
    [row] = [r for r in rows(shipped_set(), "wuyi") if r.duty == ref]
    assert row.owners.count("各牵头部门") == 1 and row.owners.startswith("各牵头部门（武邑县")
