"""Waivers: named, reasoned, approved, dated; expired ones are findings; --strict refuses all."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from check_helpers import FIXTURES, RULES_DIR, check, codes, policies_loaded_once

GOLDEN = FIXTURES / "golden"
C001_FAIL = RULES_DIR / "C001" / "fail"


def test_valid_waiver_waives_and_is_counted_apart() -> None:
    report = check(C001_FAIL, waivers=RULES_DIR / "W001" / "pass" / "waivers.yaml")
    assert report.findings == [] and [w.finding.code for w in report.waived] == ["C001"]
    assert report.exit_code() == 0 and "1 waived" in report.summary()


def test_expired_waiver_is_a_finding_and_waives_nothing() -> None:
    report = check(C001_FAIL, waivers=RULES_DIR / "W001" / "fail" / "waivers.yaml")
    assert codes(report) == ["C001", "W001"] and report.waived == []


def test_malformed_waiver_is_a_finding_and_waives_nothing() -> None:
    report = check(C001_FAIL, waivers=RULES_DIR / "W002" / "fail" / "waivers.yaml")
    assert codes(report) == ["C001", "W002"]
    assert "missing required field 'approved_by'" in report.findings[1].message


def test_strict_refuses_every_waiver() -> None:
    report = check(C001_FAIL, waivers=RULES_DIR / "W001" / "pass" / "waivers.yaml", strict=True)
    assert codes(report) == ["C001"] and report.waived == [] and report.refused == 1
    assert "1 waiver refused: --strict" in report.summary()


def test_waiver_of_a_waiver_finding_or_unknown_rule_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "w.yaml"
    f.write_text(
        "kind: waivers\nwaivers:\n"
        "- {rule: W001, target: x, reason: r, approved_by: a, expires: 2030-01-01}\n"
        "- {rule: C00l, target: x, reason: r, approved_by: a, expires: 2030-01-01}\n"
    )
    report = check(C001_FAIL, waivers=f)
    assert sorted(codes(report)) == ["C001", "W002", "W002"]
    messages = [f.message for f in report.findings if f.code == "W002"]
    assert "cannot be waived" in messages[0] and "did you mean" in messages[1]


def test_a_waiver_of_a_structural_finding_is_refused_not_silent(tmp_path: Path) -> None:
    """Structural findings always fail the run; a waiver naming one is reported, not ignored."""
    f = tmp_path / "w.yaml"
    f.write_text(
        "kind: waivers\nwaivers:\n- {rule: E021, target: x, reason: r, approved_by: a, expires: 2030-01-01}\n"
    )
    report = check(C001_FAIL, waivers=f)
    assert sorted(codes(report)) == ["C001", "W002"]
    w002 = next(f for f in report.findings if f.code == "W002")
    assert "E021, a structural finding, which cannot be waived" in w002.message


WAIVERS = (GOLDEN / "waivers.yaml").read_text("utf-8")
ENTRIES = ["- rule" + e for e in WAIVERS.split("\n- rule")[1:]]
EXTRA = [
    "- rule: C004\n  target: fx-province/art_3/quarterly-report\n  reason: r\n  approved_by: a\n  expires: 2030-01-01\n",
    "- rule: V002\n  target: fx-county/art_1/quarterly-report#progress-report/county.party-committee-and-government@fx.county/2018-Q4\n"
    "  reason: r\n  approved_by: a\n  expires: 2030-01-01\n",
    "- rule: C008\n  target: fx-county\n  reason: r\n  approved_by: a\n  expires: 2017-01-01\n",
]
POOL = [e if e.endswith("\n") else e + "\n" for e in ENTRIES] + EXTRA


def _findings(file: Path, entries: list[str]) -> set[tuple[str, str, str]]:
    file.write_text(
        "kind: waivers\nwaivers:\n" + "".join(entries) if entries else "kind: waivers\nwaivers: []\n"
    )
    report = check(GOLDEN / "county", evidence=GOLDEN / "evidence", period="2018", waivers=file)
    return {(x.code, x.target, x.file) for x in report.findings}


@settings(max_examples=15, deadline=None)
@given(
    chosen=st.lists(st.sampled_from(range(len(POOL))), min_size=1, max_size=len(POOL), unique=True),
    data=st.data(),
)
def test_removing_a_waiver_never_removes_a_finding(chosen: list[int], data: st.DataObject) -> None:
    entries = [POOL[i] for i in chosen]
    drop = data.draw(st.sampled_from(range(len(entries))))
    # Each example writes its own file (never a tmp_path shared by every example).
    with tempfile.TemporaryDirectory() as tmp, policies_loaded_once():
        file = Path(tmp) / "waivers.yaml"
        before = _findings(file, entries)
        after = _findings(file, entries[:drop] + entries[drop + 1 :])
    removed_target = re.search(r"target: (\S+)", entries[drop]).group(1)  # type: ignore[union-attr]
    # the only findings that may go are those about the removed waiver itself (expired, malformed)
    gone = {f for f in before - after if not (f[0].startswith("W") and f[1].endswith(":" + removed_target))}
    assert gone == set(), gone


def test_waiver_expiry_uses_today() -> None:
    from responsibility.checks.runner import Options, run

    opts = Options(
        paths=[C001_FAIL],
        policies=[FIXTURES / "parent"],
        waivers=RULES_DIR / "W001" / "pass" / "waivers.yaml",
    )
    opts.today = dt.date(2019, 1, 1)  # after the waiver's 2018-12-31
    assert codes(run(opts)) == ["C001", "W001"]
