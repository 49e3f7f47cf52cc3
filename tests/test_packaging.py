"""The wheel ships the policies, so a plain (non-editable) install can use them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_contains_policies_and_type_marker(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("responsibility-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "policies").rglob("*") if p.is_file())
    assert shipped
    for rel in shipped:
        assert f"responsibility/{rel}" in names
    assert "responsibility/py.typed" in names
    assert any(n.endswith("entry_points.txt") for n in names)
