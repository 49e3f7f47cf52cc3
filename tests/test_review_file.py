"""docs/review/findings.md lists exactly the findings `responsibility check policies/` reports.

A new finding (a false positive, or a true one nobody has read against the text) fails here until
a row with its reason is added; a row for a finding the checker no longer reports fails too.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import ROOT
from responsibility.checks.runner import Options, Report, run

REVIEW = ROOT / "docs" / "review" / "findings.md"
ROW = re.compile(r"^\| ([A-Z][0-9]{3}) \| (\S+:\d+) \| (.+?) \| `([^`]+)` \| (.+) \|$")

Key = tuple[str, str, str, str]  # code, file:line, provision, target


@pytest.fixture(scope="module")
def report() -> Report:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)  # file names in findings are relative to the working directory
        return run(Options(paths=[ROOT / "policies"]))


def _rows() -> list[tuple[Key, str]]:
    out = []
    for line in REVIEW.read_text("utf-8").splitlines():
        m = ROW.match(line)
        if m:
            code, where, provision, target, reason = m.groups()
            out.append(((code, where, provision, target), reason.strip()))
    return out


def test_every_reported_finding_is_reviewed_and_every_row_is_reported(report: Report) -> None:
    reported = Counter((f.code, f"{f.file}:{f.line}", f.provision or "—", f.target) for f in report.findings)
    listed = Counter(key for key, _ in _rows())
    new = sorted((reported - listed).elements())
    gone = sorted((listed - reported).elements())
    assert not new and not gone, (
        "docs/review/findings.md is out of step with `responsibility check policies/`:\n"
        + "".join(
            f"  not listed (read it against the text): | {c} | {w} | {p} | `{t}` | True … |\n"
            for c, w, p, t in new
        )
        + "".join(f"  no longer reported: {c} {w} {p} {t}\n" for c, w, p, t in gone)
    )


def test_every_row_gives_a_reason() -> None:
    """Every row was read against the text: a reason why it is true, or the waiver recording it."""
    rows = _rows()
    assert rows, "the review file has no finding rows"
    for key, reason in rows:
        assert reason.startswith(("True", "Waived")), key
        assert len(reason) >= len("True: x is y."), key
