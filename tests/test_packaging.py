"""The wheel ships the policies, so a plain (non-editable) install can use them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


def test_wheel_contains_policies_and_type_marker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The build backend's PEP 517 hook, called as `pip wheel --no-build-isolation` calls it (from
    # the project folder), without pip's start-up and resolution around it.
    from hatchling.build import build_wheel

    monkeypatch.chdir(ROOT)
    wheel = tmp_path / build_wheel(str(tmp_path))
    assert wheel.name.startswith("responsibility-") and wheel.suffix == ".whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "policies").rglob("*") if p.is_file())
    assert shipped
    for rel in shipped:
        assert f"responsibility/{rel}" in names
    assert "responsibility/py.typed" in names
    assert any(n.endswith("entry_points.txt") for n in names)
