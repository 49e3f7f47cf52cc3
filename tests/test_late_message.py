"""V002 says which deadline a late artefact missed: the period's end plus the grace days."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from check_helpers import FIXTURES, PARENT, TODAY
from responsibility.checks.config import Config
from responsibility.checks.runner import Options, run

GOLDEN = FIXTURES / "golden"


def _late(tmp_path: Path, dated: str, grace: int, lang: str = "zh") -> list[str]:
    """The V002 messages of the golden county whose 2018-Q4 report is dated `dated`."""
    evidence = tmp_path / "evidence"
    shutil.copytree(GOLDEN / "evidence", evidence)
    manifest = evidence / "evidence.csv"
    manifest.write_text(manifest.read_text("utf-8").replace("2018-Q4,2019-01-15", f"2018-Q4,{dated}"), "utf-8")
    opts = Options(
        paths=[GOLDEN / "county"],
        policies=[PARENT],
        evidence=evidence,
        period="2018",
        today=TODAY,
        config=dataclasses.replace(Config(), grace_days=grace),
        lang=lang,
    )
    return [f.message for f in run(opts).findings if f.code == "V002"]


def test_the_message_gives_the_deadline_the_date_missed(tmp_path: Path) -> None:
    """With 15 days' grace 2019-01-15 is in time and 2019-01-16 is not: the message says 01-15."""
    assert _late(tmp_path / "a", "2019-01-15", 15) == []
    [zh] = _late(tmp_path / "b", "2019-01-16", 15)
    assert "日期为 2019-01-16，晚于截止日 2019-01-15（2018-Q4 结束后宽限 15 天）" in zh
    [en] = _late(tmp_path / "c", "2019-01-16", 15, "en")
    assert "dated 2019-01-16, after the deadline 2019-01-15 (end of 2018-Q4 plus 15 days' grace)" in en


def test_without_grace_the_deadline_is_the_period_end(tmp_path: Path) -> None:
    [zh] = _late(tmp_path / "a", "2019-01-01", 0)
    assert "日期为 2019-01-01，晚于 2018-Q4 结束日 2018-12-31" in zh and "宽限" not in zh
    [en] = _late(tmp_path / "b", "2019-01-01", 0, "en")
    assert "dated 2019-01-01, after 2018-Q4 ended on 2018-12-31" in en and "grace" not in en


def test_one_day_of_grace_is_singular(tmp_path: Path) -> None:
    [en] = _late(tmp_path, "2019-01-02", 1, "en")
    assert "after the deadline 2019-01-01 (end of 2018-Q4 plus 1 day's grace)" in en
