"""A `--facts` folder that holds no facts file (empty, or only `fiscal.xlsx`) is an E009, as a policy
folder with no policy is: it used to be checked as giving no facts (`0 findings`, exit 0), and
`-v` did not list the workbook passed over."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from responsibility.cli.main import main
from responsibility.computable import facts as factsmod
from responsibility.core.errors import PolicyError
from responsibility.policy.loader import Skipped

WUYI = str(ROOT / "policies" / "wuyi")
MOVE = (
    "kind: facts\ncounties:\n- {place: cn.hebei.hengshui.wuyi, poor: true}\npersonnel:\n"
    "- {place: cn.hebei.hengshui.wuyi, post: county-head, person: 王某, date: 2018-03-01, change: transfer}\n"
)


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", WUYI, "--select", "R001", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_empty_facts_folder_is_e009(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _check(capsys, "--facts", str(tmp_path))
    assert code == 1 and "0 findings" not in out
    assert err.splitlines() == [
        f"{tmp_path}:1:1: E009 no facts file in this folder (no .yaml, .yml or .csv file); facts are a YAML"
        " document (kind: facts) or CSV files named after their table (fiscal.csv);"
        " `responsibility check -v` lists the files passed over and why",
        "1 error",
    ]


def test_a_folder_of_a_workbook_is_e009_and_v_lists_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fiscal.xlsx").write_bytes(b"PK\x03\x04" + bytes(40))
    (tmp_path / "readme.txt").write_text("notes", "utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00")  # a dot-file is not listed
    code, _, err = _check(capsys, "-v", "--facts", str(tmp_path))
    assert code == 1
    lines = [line for line in err.splitlines() if str(tmp_path) in line]
    assert lines[0] == (
        f"skipped {tmp_path / 'fiscal.xlsx'}: a spreadsheet workbook, not read as facts:"
        " export it as CSV UTF-8 named after its table (在 Excel 中另存为「CSV UTF-8（逗号分隔）」)"
    )
    assert lines[1] == f"skipped {tmp_path / 'readme.txt'}: not a facts file (.yaml, .yml or .csv); not read"
    assert lines[2].startswith(f"{tmp_path}:1:1: E009 no facts file in this folder (2 files passed over);")
    assert "CSV UTF-8" in lines[2] and len(lines) == 3


def test_a_folder_with_facts_still_reads_them_and_notes_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "moves.yaml").write_text(MOVE, "utf-8")
    (tmp_path / "fiscal.xlsx").write_bytes(b"PK\x03\x04")
    code, out, err = _check(capsys, "-v", "--facts", str(tmp_path))
    assert code == 1 and " R001 " in out and "E009" not in err
    assert f"skipped {tmp_path / 'fiscal.xlsx'}: a spreadsheet workbook" in err
    skipped: list[Skipped] = []
    facts = factsmod.load([tmp_path], skipped=skipped)
    assert len(facts) == 2 and [k.file for k in skipped] == [str(tmp_path / "fiscal.xlsx")]


def test_load_raises_for_each_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(PolicyError) as err:
        factsmod.load([tmp_path / "a", tmp_path / "b"])
    assert [(d.code, d.location.file) for d in err.value.diagnostics] == [
        ("E009", str(tmp_path / "a")),
        ("E009", str(tmp_path / "b")),
    ]
