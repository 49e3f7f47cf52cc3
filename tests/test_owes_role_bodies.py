"""`owes ROLE --regulation REG` of a role type whose duties that regulation gives to the concrete
body filling it (武邑's 县长 is 武邑县县长) says which body, and how to ask about it, rather than
a bare 0 项职责 — the answer `chain` already gives for the same line."""

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
    assert owes(ps, "county.head").filled_by == ()  # across regulations: no single area
    assert owes(ps, "wuyi.county-head", "wuyi").filled_by == ()  # a body fills no role in itself


def test_the_command_points_at_the_body(capsys: pytest.CaptureFixture[str]) -> None:
    out = _out(capsys, "owes", "县长", "--regulation", "wuyi")
    assert out.splitlines()[:2] == [
        "县长：0 项职责",
        "本规定中担任此角色的机构：武邑县县长（其职责：responsibility owes wuyi.county-head --regulation wuyi）",
    ]
    followed = _out(capsys, "owes", "wuyi.county-head", "--regulation", "wuyi")
    assert not followed.startswith("武邑县县长：0 项职责")


def test_json_carries_the_bodies(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_out(capsys, "owes", "county.head", "--regulation", "wuyi", "--format", "json"))
    assert [b["id"] for b in data["filled_by"]] == ["wuyi.county-head"]
