"""`owes ROLE` of a role type names the concrete bodies filling it, whose local rules' duties are
theirs, and how to ask about them; under one regulation (`--regulation REG`), those in its area
(武邑's 县长 is 武邑县县长) rather than a bare 0 项职责 — the answer `chain` gives for the line."""

from __future__ import annotations

import json

import pytest

from responsibility.cli.main import main
from responsibility.graph.queries import owes
from responsibility.policy.loader import load


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_the_library_names_the_bodies_filling_the_role_under_the_regulation() -> None:
    ps = load()
    result = owes(ps, "county.head", "wuyi")
    assert [b.id for b in result.filled_by] == ["wuyi.county-head"]
    # across regulations: every body filling the role, wherever it stands
    assert [b.id for b in owes(ps, "county.head").filled_by] == ["wuyi.county-head"]
    assert owes(ps, "wuyi.county-head", "wuyi").filled_by == ()  # a body fills no role in itself


def test_the_command_points_at_the_body(capsys: pytest.CaptureFixture[str]) -> None:
    out = _out(capsys, "owes", "县长", "--regulation", "wuyi")
    assert out.splitlines()[:2] == [
        "县长：0 项职责",
        "本规定中担任此角色的机构：武邑县县长（wuyi.county-head）；"
        "查看其职责：responsibility owes wuyi.county-head --regulation wuyi",
    ]
    followed = _out(capsys, "owes", "wuyi.county-head", "--regulation", "wuyi")
    assert not followed.startswith("武邑县县长：0 项职责")


def test_json_carries_the_bodies(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_out(capsys, "owes", "county.head", "--regulation", "wuyi", "--format", "json"))
    assert [b["id"] for b in data["filled_by"]] == ["wuyi.county-head"]


def test_a_body_named_as_its_role_is_told_apart_by_its_id(capsys: pytest.CaptureFixture[str]) -> None:
    """武邑's 县级领导干部 has the role's own name: the pointer gives its id, so it does not read
    as pointing at the role itself."""
    out = _out(capsys, "owes", "county.leaders")
    assert "担任此角色的机构：县级领导干部（wuyi.county-leaders）；查看其职责：responsibility owes wuyi.county-leaders\n" in out
