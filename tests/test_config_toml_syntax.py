"""A configuration that is not TOML is an E013 usage error at its place (it had no code)."""

from __future__ import annotations

from pathlib import Path

import pytest

from responsibility.cli.main import main


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('select = ["E", "C"\nfail-on = "warning"\n', 2),
        ("fail-on = \n", 1),
        ("grace-days = " + "[" * 40 + "]" * 40 + "\n", 1),
    ],
)
def test_bad_toml_is_e013_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, text: str, line: int
) -> None:
    (tmp_path / "responsibility.toml").write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert f"responsibility.toml:{line}:" in err and " E013 " in err and "Traceback" not in err
