"""A waiver file of the wrong shape is a W002 finding in the report, not the end of the run.

A waiver file is `kind: waivers` with the waivers listed under `waivers:`. A bare list of waivers,
a mapping without `waivers:` or a `waivers:` that is not a list waives nothing and says so, at its
position, like a malformed waiver; the run goes on and reports every other finding. A file that is
not YAML at all is still the structural error of an unreadable input (as facts and evidence are).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from check_helpers import FIXTURES, PARENT, check
from responsibility import checks
from responsibility.checks.waivers import read_waivers
from responsibility.cli.main import main
from responsibility.core.errors import PolicyError

GOLDEN = FIXTURES / "golden"
# The golden waivers without their wrapper: the slip a newcomer made from the old W002 page.
BARE = (GOLDEN / "waivers.yaml").read_text("utf-8").removeprefix("kind: waivers\nwaivers:\n")
ONE = "- rule: C001\n  target: x\n  reason: r\n  approved_by: a\n  expires: 2030-01-01\n"

# (file text, line and column of its one W002, words of its message): a field of the wrong shape
# is reported at its key, as in every input format
SHAPES = {
    "bare list": (BARE, 1, 1, "a mapping expected, not a list"),
    "no waivers key": ("kind: waivers\nnote: the list is missing\n", 1, 1, "missing required field 'waivers'"),
    "waivers not a list": ("kind: waivers\nwaivers:\n  rule: C001\n  target: x\n", 2, 1, "a list expected, not a mapping"),
}


def _golden(waivers: Path | None) -> tuple[list[tuple[str, str, str]], int]:
    report = check(GOLDEN / "county", evidence=GOLDEN / "evidence", period="2018", waivers=waivers)
    return [(f.code, f.target, f.file) for f in report.findings], len(report.waived)


def test_the_bare_list_is_the_golden_waivers_unwrapped() -> None:
    assert BARE.startswith("- rule: ") and "kind:" not in BARE and BARE.count("\n- rule: ") == 1


@pytest.mark.parametrize("case", sorted(SHAPES))
def test_a_wrong_shape_is_one_w002_and_every_other_finding_stands(case: str, tmp_path: Path) -> None:
    text, line, col, words = SHAPES[case]
    file = tmp_path / "waivers.yaml"
    file.write_text(text, "utf-8")
    found, waived = _golden(file)
    unwaived, _ = _golden(None)
    w002 = [f for f in found if f[0] == "W002"]
    assert len(w002) == 1 and waived == 0
    # no waiver applied: exactly the findings of a run without waivers, and the W002
    assert sorted(f for f in found if f[0] != "W002") == sorted(unwaived)
    assert {"C001", "C004", "C009"} <= {f[0] for f in found}
    report = check(GOLDEN / "county", waivers=file)
    (finding,) = [f for f in report.findings if f.code == "W002"]
    assert (finding.line, finding.column) == (line, col) and words in finding.message
    assert report.exit_code() == 1


def test_the_golden_waivers_wrapped_still_waive() -> None:
    """The contrast: the same entries in the real shape waive the C001 the bare list does not."""
    found, waived = _golden(GOLDEN / "waivers.yaml")
    assert waived == 1 and "W002" not in {f[0] for f in found}


def test_the_fix_names_the_wrapper(tmp_path: Path) -> None:
    file = tmp_path / "waivers.yaml"
    file.write_text(ONE, "utf-8")
    (finding,) = read_waivers(file, checks.rule).findings
    assert "kind: waivers" in finding.hint and "waivers:" in finding.hint


def test_the_cli_reports_a_bare_list_with_the_other_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "waivers.yaml"
    file.write_text(ONE, "utf-8")
    args = [str(GOLDEN / "county"), "--policies", str(PARENT), "--waivers", str(file), "--today", "2018-06-01"]
    code = main(["check", *args, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    doc = json.loads(out)
    assert doc["loaded"] is True
    got = [f["code"] for f in doc["findings"]]
    assert got.count("W002") == 1 and "C001" in got
    code = main(["check", *args])
    out, err = capsys.readouterr()
    assert code == 1 and err == "" and re.search(r"waivers\.yaml:1:1: error +W002", out)


def test_a_file_that_is_not_yaml_stays_a_structural_error(tmp_path: Path) -> None:
    file = tmp_path / "waivers.yaml"
    file.write_text("kind: waivers\nwaivers: [\n", "utf-8")
    with pytest.raises(PolicyError) as caught:
        read_waivers(file, checks.rule)
    assert [d.code for d in caught.value.diagnostics] == ["E001"]


def test_the_w002_page_shows_files_of_the_real_shape(tmp_path: Path) -> None:
    """The rule's Example is a malformed waiver (a W002 about its fields, not the file's shape);
    its Fix is a waiver that reads."""
    blocks = re.findall(r"```yaml\n(.+?)```", checks.rule("W002").doc, re.S)
    assert len(blocks) == 2
    file = tmp_path / "waivers.yaml"
    file.write_text(blocks[0], "utf-8")
    messages = [f.message for f in read_waivers(file, checks.rule).findings]
    assert messages == ["missing required field 'approved_by'", "missing required field 'expires'"]
    file.write_text(blocks[1], "utf-8")
    wf = read_waivers(file, checks.rule)
    assert wf.findings == [] and [w.rule for w in wf.waivers] == ["C003"]
