"""The README says which findings are worded in Chinese (C, G, V001–V005) and which stay English
(the reading problems of a file: E, F, S, R, W, and V006/V007 of the evidence inventory); a run
with every evidence finding holds it to that."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from check_helpers import FIXTURES, PARENT, TODAY
from conftest import ROOT
from responsibility.checks.runner import Options, run

GOLDEN = FIXTURES / "golden"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _every_evidence_finding(tmp_path: Path) -> dict[str, list[str]]:
    """The golden county's evidence with one of each problem planted: V001 (Q3 not listed), V002
    (Q4 late), V003 (Q1 to the wrong body), V004 (Q2's file gone), V005 (the letter's sha256),
    V006 (a path out of the inventory), V007 (an impossible date)."""
    evidence = tmp_path / "evidence"
    shutil.copytree(GOLDEN / "evidence", evidence)
    (evidence / "2018" / "q2.txt").unlink()
    manifest = evidence / "evidence.csv"
    text = manifest.read_text("utf-8")
    text = text.replace(
        "fx.county,city.party-committee-and-government,2018-Q1", "fx.county,county.government,2018-Q1"
    )
    text = text.replace("e329326a", "0000000a")
    text += "project-pool,fx-county.government,,,2018,2018-06-01,../outside.txt,\n"
    text += "project-pool,fx-county.government,,,2018,2018-13-01,pool/project-pool.txt,\n"
    manifest.write_text(text, "utf-8")
    opts = Options(paths=[GOLDEN / "county"], policies=[PARENT], evidence=evidence, period="2018", today=TODAY)
    found: dict[str, list[str]] = {}
    for f in run(opts).findings:
        if f.code.startswith("V"):
            found.setdefault(f.code, []).append(f.message)
    return found


def test_v001_to_v005_are_chinese_and_v006_v007_english(tmp_path: Path) -> None:
    found = _every_evidence_finding(tmp_path)
    assert sorted(found) == [f"V00{n}" for n in range(1, 8)]
    for code, messages in found.items():
        chinese = code <= "V005"
        assert all(bool(_CJK.search(m)) is chinese for m in messages), (code, messages)


def test_the_readme_says_so() -> None:
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    assert "(C, G and V001–V005;" in readme
    assert "E, F, S, R, W, and V006/V007, the reading problems of the evidence inventory — are in English" in readme
