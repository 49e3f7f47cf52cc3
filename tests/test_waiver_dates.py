"""A waiver's bad `expires` is W002 at the value, in the project's words, beside every other finding."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from check_helpers import RULES_DIR, check, codes
from responsibility.checks import rule
from responsibility.checks.waivers import read_waivers

C001_FAIL = RULES_DIR / "C001" / "fail"
WAIVER = "- rule: C001\n  target: {target}\n  reason: r\n  approved_by: a\n  expires: {expires}\n"


def _file(tmp_path: Path, *entries: tuple[str, str]) -> Path:
    f = tmp_path / "waivers.yaml"
    body = "".join(WAIVER.format(target=t, expires=e) for t, e in entries)
    f.write_text("kind: waivers\nwaivers:\n" + body, "utf-8")
    return f


@pytest.mark.parametrize(
    "written",
    ["2026-02-30", "'2026-02-30'", "soon", "2026-13-01", "20260101", "2026-01-01 10:00:00"],
)
def test_a_bad_expiry_is_w002_at_the_value(tmp_path: Path, written: str) -> None:
    got = read_waivers(_file(tmp_path, ("x", written)), rule)
    assert got.waivers == []
    [finding] = got.findings
    shown = written.strip("'")
    assert finding.code == "W002"
    assert (finding.location.line, finding.location.column) == (7, 12)  # `  expires: ` is 11 wide
    if shown.isdigit():
        assert finding.message == f"expires: {shown} is not a date; write YYYY-MM-DD"
    else:
        assert finding.message == f"expires: '{shown}' is not a date; write YYYY-MM-DD"


def test_an_impossible_date_does_not_hide_the_other_findings(tmp_path: Path) -> None:
    """It used to stop the whole file at the YAML reader (E011): no finding of the run was shown."""
    waivers = _file(tmp_path, ("x", "2026-02-30"), ("y", "soon"), ("z", "2030-01-01"))
    report = check(C001_FAIL, waivers=waivers)
    assert sorted(codes(report)) == ["C001", "W002", "W002"]
    assert [f.location.line for f in report.findings if f.code == "W002"] == [7, 12]
    assert "E011" not in codes(report)


def test_a_good_expiry_quoted_or_not_is_the_date_it_writes(tmp_path: Path) -> None:
    got = read_waivers(_file(tmp_path, ("x", "2030-01-01"), ("y", "'2030-01-02'")), rule)
    assert got.findings == []
    assert [w.expires for w in got.waivers] == [dt.date(2030, 1, 1), dt.date(2030, 1, 2)]
