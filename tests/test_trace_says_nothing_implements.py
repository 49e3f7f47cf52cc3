"""A trace with nothing to show — no implementing duty, no regulation implementing the duty's own —
says so. `trace majiang/第11段` printed the duty's line alone, which reads as an answer cut off."""

from __future__ import annotations

import pytest

from responsibility.graph.queries import trace
from shipped_helpers import cli, shipped_set

pytestmark = pytest.mark.usefixtures("shipped_loaded_once")


def lines(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    return cli(capsys, *argv).splitlines()


def test_majiang_11_says_nothing_implements_it(capsys: pytest.CaptureFixture[str]) -> None:
    result = trace(shipped_set(), "majiang/para_11/bottom-up-assessment")
    assert result.tree == () and result.regulations == ()
    assert lines(capsys, "trace", "majiang/第11段") == [
        "麻江 〔第11段〕 县领导由他帮扶联系的乡、村、户打分(下评上)",
        "  没有落实此项职责的规定：已载入的规定中，没有实施麻江的规定",
    ]
    en = lines(capsys, "trace", "majiang/第11段", "--lang", "en")
    assert en[1] == "  nothing implements this: no loaded regulation implements Majiang County"


def test_every_duty_of_a_provision_says_it(capsys: pytest.CaptureFixture[str]) -> None:
    out = lines(capsys, "trace", "wuyi/一(一)4")
    notes = [line for line in out if line.startswith("  没有落实此项职责的规定")]
    assert len(notes) == len(shipped_set().duties("wuyi", "sec_1__subsec_1__item_4")) > 1


def test_a_trace_with_something_to_show_has_no_such_line(capsys: pytest.CaptureFixture[str]) -> None:
    for ref in ("central/第十九条", "central/art_5"):  # implemented; and judged (a table of statuses)
        out = "\n".join(lines(capsys, "trace", ref))
        assert "没有落实此项职责的规定" not in out
        assert "规定  层级  状态" in out
