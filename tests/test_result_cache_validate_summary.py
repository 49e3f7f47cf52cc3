"""The result cache replays `validate PATH`'s summary as the command prints it: what the PATH
holds, then the whole set. A replay is byte for byte the uncached run, and a regulation added to
the folder is counted at once, not answered with the folder's old line. (The file's name starts
with test_result_cache: conftest leaves the cache on for it.)"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT
from test_result_cache import cache_at, run_cli

POLICIES = ROOT / "policies"


def test_a_path_s_summary_is_replayed_and_follows_the_folder(tmp_path: Path) -> None:
    county = tmp_path / "county"
    shutil.copytree(POLICIES / "wuyi", county / "wuyi")
    argv = ("validate", str(county))
    with cache_at(tmp_path / "cache") as replays:
        cold = run_cli(*argv)
        warm = run_cli(*argv)
        assert replays == [False, True]
        assert cold == warm == run_cli(*argv, "--no-cache")
        code, out, err = warm
        assert (code, err) == (0, "")
        assert (
            out.startswith(f"ok: {county}: 1 regulation, ") and "(in all with the shipped policies: " in out
        )

        # a second regulation in the folder: worked out again, and counted
        shutil.copytree(POLICIES / "guizhou" / "majiang", county / "majiang")
        grown = run_cli(*argv)
        assert replays[-1] is False
        assert grown[1].startswith(f"ok: {county}: 2 regulations, ")
        assert grown == run_cli(*argv) == run_cli(*argv, "--no-cache")
        assert replays[-1] is True
        # the whole set is the same size: the folder's copies replace the shipped documents
        assert grown[1].split(" (in all", 1)[1] == out.split(" (in all", 1)[1]
