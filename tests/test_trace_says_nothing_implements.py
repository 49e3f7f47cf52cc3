"""A trace with nothing to show — no implementing duty, no regulation implementing the duty's own —
says so. `trace majiang/第11段` printed the duty's line alone, which reads as an answer cut off."""

from __future__ import annotations

from functools import cache

import pytest

import responsibility
from responsibility.cli.main import main
from responsibility.graph.queries import trace
from responsibility.policy.policyset import PolicySet


@cache
def shipped() -> PolicySet:
    return responsibility.load()


@pytest.fixture(autouse=True)
def _shipped_loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from responsibility.cli.commands import _common

    real = _common.load

    def load(paths: list[str], include_shipped: bool = True) -> PolicySet:
        return shipped() if not paths and include_shipped else real(paths, include_shipped=include_shipped)

    monkeypatch.setattr(_common, "load", load)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(list(argv)) == 0
    return capsys.readouterr().out.splitlines()


def test_majiang_11_says_nothing_implements_it(capsys: pytest.CaptureFixture[str]) -> None:
    result = trace(shipped(), "majiang/para_11/bottom-up-assessment")
    assert result.tree == () and result.regulations == ()
    assert cli(capsys, "trace", "majiang/第11段") == [
        "麻江 〔第11段〕 县领导由他帮扶联系的乡、村、户打分(下评上)",
        "  没有落实此项职责的规定：已载入的规定中，没有实施麻江的规定",
    ]
    en = cli(capsys, "trace", "majiang/第11段", "--lang", "en")
    assert en[1] == "  nothing implements this: no loaded regulation implements Majiang County"


def test_every_duty_of_a_provision_says_it(capsys: pytest.CaptureFixture[str]) -> None:
    out = cli(capsys, "trace", "wuyi/一(一)4")
    notes = [line for line in out if line.startswith("  没有落实此项职责的规定")]
    assert len(notes) == len(shipped().duties("wuyi", "sec_1__subsec_1__item_4")) > 1


def test_a_trace_with_something_to_show_has_no_such_line(capsys: pytest.CaptureFixture[str]) -> None:
    for ref in ("central/第十九条", "central/art_5"):  # implemented; and judged (a table of statuses)
        out = "\n".join(cli(capsys, "trace", ref))
        assert "没有落实此项职责的规定" not in out
        assert "规定  层级  状态" in out
