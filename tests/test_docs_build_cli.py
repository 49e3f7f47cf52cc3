"""`responsibility docs build`: run as the README says (a relative `-d site-out`), it writes a
complete site or leaves the target as it was; the site gets the umask's modes and jieba's
dictionary cache goes to the user cache folder, not the temporary folder."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT
from responsibility.cli.commands.docs import MARKER
from responsibility.cli.main import main
from responsibility.site import plugin as mkdocs_plugin

# A small self-contained policy set (no shipped catalogue needed), so each build takes a second.
FIXTURES = ROOT / "tests" / "fixtures" / "site-xss"


def _tree(folder: Path) -> dict[str, str]:
    """Every file below `folder` (relative path → sha256), to compare a site before and after."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _command() -> list[str]:
    script = Path(sys.executable).with_name("responsibility")
    return [str(script)] if script.exists() else [sys.executable, "-m", "responsibility"]


def test_the_readme_command_writes_a_complete_site(tmp_path: Path) -> None:
    """Exactly the README's command, in a fresh folder, with its own TMPDIR and cache folder."""
    work, tmp, cache = tmp_path / "work", tmp_path / "tmp", tmp_path / "cache"
    for d in (work, tmp, cache):
        d.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [*_command(), "docs", "build", "-d", "site-out"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        umask=0o022,
    )
    assert proc.returncode == 0, proc.stderr
    assert "site written to site-out" in proc.stderr
    assert "prefix dict" not in proc.stderr.lower()  # jieba's loading chatter is not shown
    site = work / "site-out"
    for page in (
        "index.html",
        "regulations/index.html",
        "regulations/central/index.html",
        "regulations/gansu/index.html",
        "regulations/wuyi/index.html",
        "actors/county.government/index.html",
        "search/search_index.json",
    ):
        assert (site / page).is_file(), page
    assert "第十九条" in (site / "regulations/central/index.html").read_text("utf-8")
    assert (site / MARKER).is_file()
    # every nav tab has its Chinese title (the home page's once read "None": its Markdown was
    # dropped to None after rendering, and MkDocs has no title for such a page)
    home = (site / "index.html").read_text("utf-8")
    tabs = [re.sub(r"\s+", " ", t).strip() for t in re.findall(r'class="md-tabs__link"[^>]*>(.*?)</a>', home, re.S)]
    assert tabs[1:] == ["规定", "责任主体", "领域", "中央职责的地方落实"] and tabs[0].startswith("脱贫攻坚责任制")
    assert ">None<" not in home
    assert sorted(p.name for p in work.iterdir()) == ["site-out"]  # no staging folder left
    # The modes a plain mkdir/open give under umask 022, not mkdtemp's 0700.
    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    assert stat.S_IMODE((site / "index.html").stat().st_mode) == 0o644
    # jieba's 9 MB dictionary cache is in the user cache folder, not in $TMPDIR.
    assert list(tmp.iterdir()) == []
    assert (cache / "responsibility" / "jieba.cache").is_file()


def _build(*extra: str) -> int:
    return main(["docs", "build", "-d", "site-out", "--no-shipped", "--policies", str(FIXTURES), *extra])


def _old_site(folder: Path) -> dict[str, str]:
    """A site an earlier `docs build` left (its marker, pages, 0700 as earlier versions made it)."""
    (folder / "regulations").mkdir(parents=True)
    (folder / MARKER).write_text("built by `responsibility docs build`\n", "utf-8")
    (folder / "index.html").write_text("<p>the old site</p>", "utf-8")
    (folder / "regulations" / "stale.html").write_text("old", "utf-8")
    folder.chmod(0o700)
    return _tree(folder)


def _with_umask(mask: int, *extra: str) -> int:
    old = os.umask(mask)
    try:
        return _build(*extra)
    finally:
        os.umask(old)


def test_a_relative_target_is_replaced_by_the_same_site_as_an_absolute_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site-out"
    _old_site(site)
    assert _with_umask(0o027) == 0
    assert "site written to site-out" in capsys.readouterr().err
    assert (site / "regulations/fixture-xss-county/index.html").is_file()
    assert "the old site" not in (site / "index.html").read_text("utf-8")
    assert not (site / "regulations" / "stale.html").exists()  # replaced as a whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site-out"]  # no staging folder left
    # The modes mkdir and open give under the umask, not mkdtemp's 0700 (nor the old site's).
    assert stat.S_IMODE(site.stat().st_mode) == 0o750
    assert stat.S_IMODE((site / "index.html").stat().st_mode) == 0o640
    assert stat.S_IMODE((site / "regulations").stat().st_mode) == 0o750
    absolute = tmp_path / "abs"
    assert main(["docs", "build", "-d", str(absolute), "--no-shipped", "--policies", str(FIXTURES)]) == 0
    relative = _tree(site)
    assert len(relative) > 20
    assert relative.keys() == _tree(absolute).keys()


def _failing(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    if how == "plugin error":

        def fail(*args: object, **kwargs: object) -> dict[str, str]:
            raise PluginError("responsibility: injected failure")

        monkeypatch.setattr(mkdocs_plugin, "iter_pages", fail)
    else:  # a build that "succeeds" without writing the site: no pages at all
        monkeypatch.setattr(mkdocs_plugin, "iter_pages", lambda *args, **kwargs: {})


@pytest.mark.parametrize("how", ["plugin error", "no pages"])
def test_a_failed_build_leaves_the_old_site_untouched(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    how: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    before = _old_site(tmp_path / "site-out")
    _failing(monkeypatch, how)
    assert _build() != 0
    err = capsys.readouterr().err
    assert "site written" not in err
    # MkDocs logs a plugin's error (stderr, outside pytest) and aborts the build.
    told = err + caplog.text
    assert ("injected failure" in told) if how == "plugin error" else ("no index.html" in told), told
    assert "Traceback" not in err
    assert _tree(tmp_path / "site-out") == before
    assert stat.S_IMODE((tmp_path / "site-out").stat().st_mode) == 0o700
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site-out"]


def test_a_failed_first_build_creates_no_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _failing(monkeypatch, "no pages")
    assert _build() != 0
    assert list(tmp_path.iterdir()) == []


def test_jieba_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert mkdocs_plugin.cache_dir() == tmp_path / "responsibility"
    # A relative XDG_CACHE_HOME is ignored, as the XDG specification says.
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert mkdocs_plugin.cache_dir() == tmp_path / "home" / ".cache" / "responsibility"


def test_jieba_cache_goes_to_a_scratch_folder_when_no_cache_folder_can_be_made(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    jieba = pytest.importorskip("jieba")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(jieba.dt, "initialized", False)
    monkeypatch.setattr(jieba.dt, "tmp_dir", None)
    scratch = mkdocs_plugin._keep_jieba_cache_out_of_tmp()
    assert scratch is not None and scratch.is_dir()
    assert jieba.dt.tmp_dir == str(scratch)
    shutil.rmtree(scratch)
