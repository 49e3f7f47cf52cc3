"""The one decoder names what a spreadsheet user actually gave: an Excel workbook (a ZIP archive,
or an Excel 97-2003 file) at its start, with how to export it as CSV UTF-8, and a CSV that Excel
saved as GBK/GB18030 on Chinese Windows at its first byte that is not UTF-8. An .xlsx used to be
called `a NUL byte, as in a file saved as UTF-16 or UTF-32`, and a GBK CSV only `invalid UTF-8`."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from responsibility.cli.main import main
from responsibility.computable import facts as factsmod
from responsibility.core.errors import PolicyError
from responsibility.policy.yamlfile import decode

ROW = "place,post,person,date,change\ncn.hebei.hengshui.wuyi,county-head,王某,2018-03-01,transfer\n"


def _one(raw: bytes) -> tuple[str, int, int, str, str]:
    with pytest.raises(PolicyError) as err:
        decode(raw, "f")
    [d] = err.value.diagnostics
    return d.code, d.location.line, d.location.column, d.message, d.hint


def test_an_xlsx_is_named_a_workbook_at_its_start() -> None:
    code, line, col, said, hint = _one(b"PK\x03\x04\x14\x00\x06\x00" + bytes(30))
    assert (code, line, col) == ("E005", 1, 1)
    assert (
        said
        == "not UTF-8: the file is an Excel workbook (.xlsx) or another zipped file (signature 50 4B 03 04)"
    )
    assert hint == "export it as CSV UTF-8 (请在 Excel 中另存为「CSV UTF-8（逗号分隔）」)"
    assert "UTF-16" not in said


def test_an_xls_is_named_too() -> None:
    code, line, col, said, _ = _one(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(30))
    assert (code, line, col) == ("E005", 1, 1) and "Excel 97-2003 workbook (.xls)" in said


def test_a_gbk_csv_is_named_gbk_at_its_first_bad_byte() -> None:
    code, line, col, said, hint = _one(ROW.encode("gbk"))
    # the second line: `cn.hebei.hengshui.wuyi,county-head,` is 35 bytes, then 王 (cd f5 in GBK)
    assert (code, line, col) == ("E005", 2, 36)
    assert said == (
        "invalid UTF-8 (byte 0xcd): the file looks GBK/GB18030-encoded, as Excel saves CSV on Chinese Windows"
    )
    assert "CSV UTF-8" in hint and "UTF-8" in hint


def test_bytes_that_are_not_gb18030_chinese_are_not_called_gbk() -> None:
    for raw in ("café\n".encode("latin-1"), b"a\xff\xfeb\n", b"abc\n" + b"\x80"):
        code, _, _, said, hint = _one(raw)
        assert code == "E005" and "GBK" not in said and hint == "save the file as UTF-8"


def test_utf16_is_still_named_utf16() -> None:
    _, line, col, said, _ = _one("kind: facts\n".encode("utf-16-le"))
    assert (line, col) == (1, 2) and "UTF-16 or UTF-32" in said


def test_check_facts_with_a_workbook_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "fiscal.xlsx"
    book.write_bytes(b"PK\x03\x04" + bytes(60))
    code = main(["check", str(ROOT / "policies" / "wuyi"), "--facts", str(book)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"{book}:1:1: E005 not UTF-8: the file is an Excel workbook (.xlsx)")
    gbk = tmp_path / "personnel.csv"
    gbk.write_bytes(ROW.encode("gb18030"))
    with pytest.raises(PolicyError) as exc:
        factsmod.read(gbk)
    assert "GBK/GB18030" in exc.value.diagnostics[0].message
