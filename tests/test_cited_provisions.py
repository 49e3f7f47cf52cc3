"""A list of implementing duties is cited by provision: each provision once, in the text's order."""

from __future__ import annotations

import pytest

from responsibility.cli.main import main
from responsibility.graph.queries import cited_provisions, trace
from responsibility.policy.policyset import PolicySet

TWO_IN_ONE = ("wuyi/sec_1__subsec_1__item_10/disclose-projects", "wuyi/sec_1__subsec_1__item_10/disclosure-system")


def test_two_duties_of_one_provision_are_one_citation(shipped: PolicySet) -> None:
    assert cited_provisions(shipped, TWO_IN_ONE) == ("一(一)10",)


def test_provisions_are_in_the_order_of_the_text_not_of_their_ids(shipped: PolicySet) -> None:
    """art_21 sorts before art_4 as text; 第四条 comes first in the regulation."""
    duties = shipped.duties(regulation="gansu")
    refs = sorted(next(e.ref for e in duties if e.provision.id == p) for p in ("art_4", "art_21"))
    assert refs[0].startswith("gansu/art_21/")  # the ids' order
    assert cited_provisions(shipped, refs) == ("第四条", "第二十一条")


def test_the_trace_table_cites_each_provision_once(
    shipped: PolicySet, capsys: pytest.CaptureFixture[str]
) -> None:
    row = next(r for r in trace(shipped, "central/art_19/disclosure-system").regulations if r.regulation == "wuyi")
    assert row.duties == TWO_IN_ONE  # the trace keeps both duties; only their citation is joined
    assert main(["trace", "central/第十九条"]) == 0
    out = capsys.readouterr().out
    assert "一(一)10、一(一)10" not in out and "一(一)9、一(一)9" not in out
    assert "已落实  一(一)10\n" in out and "第二十一条、第二十五条" in out
