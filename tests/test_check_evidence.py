"""Evidence: the inventory format, periods, the evaluation, and that paths never leave the root."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from check_helpers import BASE, FIXTURES, RULES_DIR, check, codes, policies_loaded_once
from responsibility.checks.evidence import Containment, Period, parse_period, parse_range, periods

COMPLETE = FIXTURES / "evidence" / "complete"
EVIDENCE_RULES = ["V001", "V002", "V003", "V004", "V005", "V006", "V007"]


def test_complete_inventory_is_clean_and_counts_statuses() -> None:
    report = check(BASE, evidence=COMPLETE, period="2018")
    assert report.findings == []
    assert report.evidence is not None
    counts = report.evidence.counts()
    # project pool once + four quarterly reports + one annual letter; register, notice board and
    # the all-level commendation (第九条, a permission with no artefact) n/a
    assert counts["present"] == 6 and counts["not-applicable"] == 3 and counts["missing"] == 0


@pytest.mark.parametrize("code", EVIDENCE_RULES)
def test_evidence_rule_fails_on_its_failing_inventory(code: str) -> None:
    found = codes(check(BASE, evidence=RULES_DIR / code / "fail", period="2018"))
    # an entry that escapes the root or is malformed counts for nothing: its slot is missing too
    assert found == (sorted([code, "V001"]) if code in ("V006", "V007") else [code])


@pytest.mark.parametrize("code", EVIDENCE_RULES)
def test_evidence_rule_passes_its_passing_inventory(code: str) -> None:
    assert check(BASE, evidence=RULES_DIR / code / "pass", period="2018").findings == []


def test_missing_is_located_at_the_duty_with_its_article() -> None:
    [f] = check(BASE, evidence=RULES_DIR / "V001" / "fail", period="2018").findings
    assert f.file.endswith("base/fx-county.yaml") and f.line == 23 and f.provision == "第一条"
    assert (
        f.target
        == "fx-county/art_1/quarterly-report#progress-report/county.party-committee-and-government@fx.county/2018-Q3"
    )


def test_a_quarterly_duty_expects_four_a_year() -> None:
    report = check(BASE, evidence=COMPLETE, period="2018..2019")
    missing = sorted(f.target.rsplit("/", 1)[1] for f in report.findings if f.code == "V001")
    assert missing == ["2019", "2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"]


def test_late_respects_grace_days() -> None:
    from responsibility.checks.config import Config
    from responsibility.checks.runner import Options, run

    fail = RULES_DIR / "V002" / "fail"  # Q4 report dated 2019-02-01
    opts = Options(paths=[BASE], policies=[FIXTURES / "parent"], evidence=fail, period="2018")
    assert codes(run(opts)) == ["V002"]
    opts.config = Config(grace_days=40)
    assert codes(run(opts)) == []  # 2018-12-31 + 40 days is 2019-02-09: not late
    opts.config = Config(grace_days=30)
    assert codes(run(opts)) == ["V002"]


def test_symlink_out_of_the_inventory_is_reported_and_never_read(tmp_path: Path) -> None:
    inv = tmp_path / "inv"
    shutil.copytree(COMPLETE, inv)
    secret = tmp_path / "secret.txt"
    secret.write_text("outside")
    (inv / "2018" / "letter.txt").unlink()
    os.symlink(secret, inv / "2018" / "letter.txt")
    report = check(BASE, evidence=inv, period="2018")
    assert sorted(codes(report)) == ["V001", "V006"]  # the letter counts as missing, the link is reported
    [esc] = [f for f in report.findings if f.code == "V006"]
    assert "symlink" in esc.message and esc.line == 7


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/etc/passwd", "absolute"),
        ("..\\x.pdf", ".."),
        ("a/../../b", ".."),
        ("C:\\x.pdf", "absolute"),
        ("ok/x.pdf", ""),
    ],
)
def test_escapes(tmp_path: Path, path: str, why: str) -> None:
    escapes = Containment(tmp_path.resolve())
    assert why in escapes(path) if why else escapes(path) == ""


def test_yaml_manifest_is_equivalent_to_csv(tmp_path: Path) -> None:
    inv = tmp_path / "inv"
    shutil.copytree(COMPLETE, inv)
    (inv / "evidence.csv").unlink()
    lines = (COMPLETE / "evidence.csv").read_text().splitlines()
    header = lines[0].split(",")
    out = ["kind: evidence", "artefacts:"]
    for row in lines[1:]:
        rec = {k: v for k, v in zip(header, row.split(","), strict=True) if v}
        out.append("- {" + ", ".join(f"{k}: '{v}'" for k, v in rec.items()) + "}")
    (inv / "evidence.yaml").write_text("\n".join(out) + "\n")
    report = check(BASE, evidence=inv, period="2018")
    assert report.findings == [] and report.evidence is not None
    assert report.evidence.counts()["present"] == 6


def test_periods() -> None:
    assert str(parse_period("2018-W14")) == "2018-W14" and parse_period("2018-05") == Period(2018, "M", 5)
    assert parse_period("2018-H2").start == dt.date(2018, 7, 1) and parse_period("2018-Q1").end == dt.date(
        2018, 3, 31
    )
    assert len(periods("W", *parse_range("2020"))) == 53 and len(periods("W", *parse_range("2018"))) == 52
    assert [str(p) for p in periods("Q", *parse_range("2018-H2"))] == ["2018-Q3", "2018-Q4"]
    for bad in ("2018-Q5", "2018-13", "2018-W53", "18", "2018-H3"):
        with pytest.raises(ValueError):
            parse_period(bad)
    with pytest.raises(ValueError, match="ends before"):
        parse_range("2019..2018")


# -- property: adding a well-formed artefact never adds a finding nor makes one worse -----------
KINDS = ["progress-report", "responsibility-letter", "project-pool", "register", "notice-board"]
PRODUCERS = [
    ("county.government", "fx.county"),
    ("county.principal-leaders", "fx.county"),
    ("fx-county.government", ""),
    ("township.government", "fx.county.east"),
]
COUNTERPARTIES = ["", "city.party-committee-and-government", "county.leading-group"]
PERIODS_ = ["2018", "2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4", "2018-H1", "2017", "2019"]

artefact = st.tuples(
    st.sampled_from(KINDS),
    st.sampled_from(PRODUCERS),
    st.sampled_from(COUNTERPARTIES),
    st.sampled_from(PERIODS_),
    st.dates(dt.date(2017, 1, 1), dt.date(2019, 6, 30)),
    st.sampled_from(["pool/project-pool.txt", "2018/q1.txt", "2018/letter.txt"]),
)


def _worst_by_target(report: object) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in report.findings:  # type: ignore[attr-defined]
        out[f.target] = max(out.get(f.target, -1), f.rank)
    return out


@settings(max_examples=25, deadline=None)
@given(base_drop=st.sets(st.integers(1, 6)), extra=st.lists(artefact, min_size=1, max_size=3))
def test_adding_an_artefact_never_adds_a_finding(base_drop: set[int], extra: list[tuple]) -> None:
    # A fresh folder per example: Hypothesis runs an example again when it replays or shrinks, and
    # equal examples can be drawn twice, so a name derived from the example (or a tmp_path shared
    # by every example) collides.
    with tempfile.TemporaryDirectory() as tmp, policies_loaded_once():
        _check_added_artefacts(Path(tmp) / "inv", base_drop, extra)


def _check_added_artefacts(inv: Path, base_drop: set[int], extra: list[tuple]) -> None:
    shutil.copytree(COMPLETE, inv)
    lines = (COMPLETE / "evidence.csv").read_text().splitlines()
    kept = [ln for i, ln in enumerate(lines) if i == 0 or i not in base_drop]
    (inv / "evidence.csv").write_text("\n".join(kept) + "\n")
    before = _worst_by_target(check(BASE, evidence=inv, period="2018"))
    rows = [f"{k},{p},{pl},{c},{per},{d.isoformat()},{path}," for k, (p, pl), c, per, d, path in extra]
    (inv / "evidence.csv").write_text("\n".join(kept + rows) + "\n")
    after = _worst_by_target(check(BASE, evidence=inv, period="2018"))
    for target, rank in after.items():
        assert target in before and before[target] >= rank, (target, before, after)


def test_each_concrete_owner_owes_its_own_artefact(tmp_path: Path) -> None:
    """Two bureaux sharing a role type: one bureau's report does not fill the other's slot."""
    county = tmp_path / "county"
    county.mkdir()
    text = (BASE / "fx-county.yaml").read_text("utf-8")
    bureaux = (
        "- {id: fx-county.finance, name: {zh: 县财政局}, kind: concrete, role: county.departments, "
        "place: fx.county, level: county}\n"
        "- {id: fx-county.water, name: {zh: 县水务局}, kind: concrete, role: county.departments, "
        "place: fx.county, level: county}\n"
    )
    text = text.replace("provisions:\n", bureaux + "provisions:\n", 1)
    text = text.replace(
        "    owners: [{actor: village.two-committees}]\n",
        "    owners: [{actor: fx-county.finance}, {actor: fx-county.water}]\n    frequency: annual\n",
    )
    (county / "fx-county.yaml").write_text(text, "utf-8")
    inv = tmp_path / "inv"
    shutil.copytree(COMPLETE, inv)
    (inv / "board.txt").write_text("finance bureau notice board 2018")
    with (inv / "evidence.csv").open("a") as fh:
        fh.write("notice-board,fx-county.finance,,,2018,2018-12-01,board.txt,\n")
    report = check(county, evidence=inv, period="2018")
    assert [(f.code, f.target) for f in report.findings] == [
        ("V001", "fx-county/art_3/notice-board#notice-board/fx-county.water/2018")
    ]
