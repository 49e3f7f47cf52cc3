"""The result cache and a folder that holds no policy file (E009): a replayed error would hide
the policy added since, a replayed `ok` the one removed; the same state replays the same run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from test_result_cache import cache_at, run_cli

MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"


def test_a_folder_given_a_policy_after_an_e009_is_validated_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    with cache_at(tmp_path / "cache") as replays:
        first, again = run_cli("validate", "p"), run_cli("validate", "p")
        assert first == again and first[0] == 1 and "p:1:1: E009 no policy file" in first[2]
        shutil.copy(MINIMAL, tmp_path / "p" / "county.yaml")
        added = run_cli("validate", "p")
        assert added[0] == 0 and added[1].startswith("ok: p: 1 regulation")
        (tmp_path / "p" / "county.yaml").unlink()
        assert run_cli("validate", "p") == first  # worked out again: the entry is the `ok` one
        assert run_cli("validate", "p") == first
        assert replays == [False, True, False, False, True]
