"""The policy cache (responsibility.policy.cache): warm output is cold output, byte for byte; an entry is
used only for the very bytes it was made from; a corrupt or planted entry is ignored; off means off."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import responsibility
from check_helpers import BASE, PARENT
from conftest import ROOT
from responsibility.cli import main as cli
from responsibility.policy import cache, loader, yamlfile

POLICIES = ROOT / "policies"
FX_COUNTY = BASE / "fx-county.yaml"


@contextlib.contextmanager
def cache_at(folder: Path) -> Iterator[Path]:
    """Point the cache at `folder` (and nowhere else) for the block."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(cache.ENV_DIR, str(folder))
        mp.delenv(cache.ENV_OFF, raising=False)
        yield folder


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pickle")) if folder.is_dir() else []


def broken_county(folder: Path) -> Path:
    """A county rule with a shape error in one file and a misquoted duty in another."""
    folder.mkdir(parents=True, exist_ok=True)
    text = FX_COUNTY.read_text("utf-8")
    (folder / "fx-county.yaml").write_text(
        text.replace("quote: 县人民政府建立扶贫项目库", "quote: 县人民政府建立扶贫项目库房"), "utf-8"
    )
    (folder / "other.yaml").write_text(
        text.replace("id: fx-county\n", "id: fx-other\n").replace("frequency: once", "frequncy: once"),
        "utf-8",
    )
    return folder


# -- warm output is cold output ------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_check_of_the_shipped_policies_is_byte_identical_cold_and_warm(tmp_path: Path, fmt: str) -> None:
    with cache_at(tmp_path / "cache") as folder:
        cold = run_cli("check", str(POLICIES), "--format", fmt)
        assert entries(folder), "the cold run stored its files"
        warm = run_cli("check", str(POLICIES), "--format", fmt)
        uncached = run_cli("check", str(POLICIES), "--format", fmt, "--no-cache")
    assert cold == warm == uncached
    assert cold[1]  # a report was written


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_of_a_broken_county_is_byte_identical_cold_and_warm(tmp_path: Path, fmt: str) -> None:
    county = broken_county(tmp_path / "county")
    with cache_at(tmp_path / "cache"):
        runs = [run_cli("check", str(county), "--policies", str(PARENT), "--format", fmt) for _ in range(3)]
        runs.append(run_cli("check", str(county), "--policies", str(PARENT), "--format", fmt, "--no-cache"))
    assert runs[0] == runs[1] == runs[2] == runs[3]
    assert "E010" in runs[0][1] + runs[0][2] and "unknown field 'frequncy'" in runs[0][1] + runs[0][2]


def test_validate_errors_are_identical_warm_and_cold_and_the_bad_file_is_not_stored(tmp_path: Path) -> None:
    county = broken_county(tmp_path / "county")
    with cache_at(tmp_path / "cache") as folder:
        first = run_cli("validate", str(county), str(PARENT))
        second = run_cli("validate", str(county), str(PARENT))
        stored = {p.stem for p in entries(folder)}
    assert first == second and first[0] == 1
    shape_broken = (county / "other.yaml").read_bytes()
    assert cache.key(shape_broken) not in stored  # a file with a shape error is read afresh every time


def test_a_warm_load_reads_no_yaml(tmp_path: Path) -> None:
    with cache_at(tmp_path / "cache"):
        cold = responsibility.load([BASE, PARENT])
        with pytest.MonkeyPatch.context() as mp:
            calls: list[str] = []
            real = loader.load_text

            def counting(text: str, name: str) -> object:
                calls.append(name)
                return real(text, name)

            mp.setattr(loader, "load_text", counting)
            warm = responsibility.load([BASE, PARENT])
    assert calls == []
    assert warm.regulations == cold.regulations
    assert warm.sources == cold.sources  # every mark, so every later finding is placed alike


# -- never trusted for other bytes ----------------------------------------------------------------
def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    county = tmp_path / "county"
    county.mkdir()
    f = county / "fx-county.yaml"
    f.write_text(FX_COUNTY.read_text("utf-8"), "utf-8")
    with cache_at(tmp_path / "cache"):
        before = responsibility.load([county, PARENT], include_shipped=True)
        # same size, same name, same modification time: only the bytes tell the change
        stat = f.stat()
        f.write_text(f.read_text("utf-8").replace("每季度报告进展", "每季度报告近况"), "utf-8")
        os.utime(f, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        after = responsibility.load([county, PARENT], include_shipped=True)
    summary = {d.duty.summary.zh for d in after.duties(regulation="fx-county")}
    assert "每季度报告近况" in summary and "每季度报告进展" not in summary
    assert before.regulation("fx-county") != after.regulation("fx-county")


def test_the_key_covers_the_bytes_and_the_tool() -> None:
    raw = FX_COUNTY.read_bytes()
    assert cache.key(raw) == cache.key(bytes(raw))
    assert cache.key(raw) != cache.key(raw + b" ")
    assert cache.key(raw) != cache.key(raw.replace(b"\n", b"\r\n"))


# -- corrupt, planted or unwritable ----------------------------------------------------------------
@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b"",  # empty
        lambda b: b"not an entry at all",
        lambda b: b[:30] + bytes(200) + b[230:],  # bytes overwritten
        lambda b: b"responsibility-cache\x00" + pickle.dumps({"kind": "regulation"}),  # wrong shape
    ],
)
def test_a_corrupt_entry_is_ignored_and_replaced(tmp_path: Path, damage: object) -> None:
    with cache_at(tmp_path / "cache") as folder:
        good = run_cli("check", str(BASE), "--policies", str(PARENT), "--format", "json")
        for p in entries(folder):
            p.write_bytes(damage(p.read_bytes()))  # type: ignore[operator]
        again = run_cli("check", str(BASE), "--policies", str(PARENT), "--format", "json")
        assert again == good
        # replaced: the next run loads every entry again
        assert all(cache.get(p.stem) is not None for p in entries(folder))


class _Planted:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo planted > planted.txt",))


def test_a_planted_entry_builds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with cache_at(tmp_path / "cache") as folder:
        responsibility.load([BASE, PARENT])
        for p in entries(folder):
            p.write_bytes(b"responsibility-cache\x00" + pickle.dumps((_Planted(), {})))
        responsibility.load([BASE, PARENT])
    assert not (tmp_path / "planted.txt").exists()


def test_an_unwritable_cache_folder_changes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be", "utf-8")
    with cache_at(blocker / "cache"):
        code, out, err = run_cli("validate", str(BASE), str(PARENT))
    assert (code, err) == (0, "") and out.startswith("ok:")


# -- off ---------------------------------------------------------------------------------------------
def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_that_loads_policies_offers_no_cache() -> None:
    loading = {
        name: p
        for name, p in _subparsers().items()
        if any("--no-shipped" in a.option_strings for a in p._actions)
    }
    assert {"validate", "check", "who", "duties", "export", "test", "graph"} <= set(loading)
    missing = [n for n, p in loading.items() if not any("--no-cache" in a.option_strings for a in p._actions)]
    assert missing == []


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    with cache_at(tmp_path / "cache") as folder:
        assert run_cli("validate", "--no-cache", str(BASE), str(PARENT))[0] == 0
        assert run_cli("check", "--no-cache", str(BASE), "--policies", str(PARENT))[1]
        assert entries(folder) == []
        assert run_cli("validate", str(BASE), str(PARENT))[0] == 0
        assert entries(folder) != []


def test_the_environment_turns_it_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with cache_at(tmp_path / "cache") as folder:
        monkeypatch.setenv(cache.ENV_OFF, "1")
        responsibility.load([BASE, PARENT])
        assert entries(folder) == []
        monkeypatch.setenv(cache.ENV_OFF, "0")
        responsibility.load([BASE, PARENT])
        assert entries(folder) != []


def test_the_user_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.ENV_DIR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "responsibility" / "policies"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert cache.user_cache_dir() == Path.home() / ".cache" / "responsibility"


def test_the_suite_never_writes_to_the_real_user_cache() -> None:
    assert Path(os.environ["XDG_CACHE_HOME"]) != Path.home() / ".cache"
    assert not str(cache.folder()).startswith(str(Path.home() / ".cache"))


def test_concurrent_writers_leave_whole_entries(tmp_path: Path) -> None:
    """Two runs storing the same entry at once: each rename is atomic, so a reader sees one whole
    entry or none, and no temporary file is left."""
    import threading

    with cache_at(tmp_path / "cache") as folder:
        obj = responsibility.load([BASE, PARENT]).regulation("fx-county")
        k = "ab" + "0" * 62

        def write() -> None:
            for _ in range(50):
                cache.put(k, (obj, {}))

        threads = [threading.Thread(target=write) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        got = cache.get(k)
        assert got is not None and got[0] == obj
        # (the load above may have stored a real entry under "ab" too: keys follow the code's bytes)
        names = [p.name for p in (folder / "ab").iterdir()]
        assert f"{k}.pickle" in names and not any(n.startswith(".tmp-") for n in names)


# -- the property: random edits, warm == cold -------------------------------------------------------
_SEED: dict[str, Path] = {}


def _seed_folder() -> Path:
    """Entries for the shipped policies and the parent, made once per process and copied into
    each example's own cache folder (a warm CI cache)."""
    if "dir" not in _SEED:
        folder = Path(tempfile.mkdtemp(prefix="responsibility-cache-seed-"))
        with cache_at(folder):
            responsibility.load([PARENT])
        _SEED["dir"] = folder
    return _SEED["dir"]


_LINES = FX_COUNTY.read_text("utf-8").splitlines(keepends=True)
_QUOTES = [i for i, ln in enumerate(_LINES) if "quote:" in ln]
_FIELDS = [i for i, ln in enumerate(_LINES) if ln.strip().startswith(("frequency:", "action:", "level:"))]


@st.composite
def edits(draw: st.DrawFn) -> str:
    lines = list(_LINES)
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["quote", "field", "anywhere"]))
        char = draw(st.sampled_from(["了", "x", " ", ":", "#", "'", "\t", "-", "{"]))
        if how == "quote":
            i = draw(st.sampled_from(_QUOTES))
            lines[i] = lines[i].rstrip("\n") + char + "\n"
        elif how == "field":
            i = draw(st.sampled_from(_FIELDS))
            key = lines[i].split(":")[0]
            value = draw(
                st.sampled_from(["monthly", "annual", "weekly", "report", "province", "sometimes", "1"])
            )
            lines[i] = f"{key}: {value}\n"
        else:
            i = draw(st.integers(0, len(lines) - 1))
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + char + lines[i][at:]
    return "".join(lines)


@settings(max_examples=12)
@given(edited=edits(), fmt=st.sampled_from(["text", "json"]))
def test_random_edits_give_the_same_output_warm_and_cold(edited: str, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        county = work / "county"
        county.mkdir()
        f = county / "fx-county.yaml"
        f.write_text(FX_COUNTY.read_text("utf-8"), "utf-8")
        shutil.copytree(_seed_folder(), work / "cache")
        argv = ("check", str(county), "--policies", str(PARENT), "--format", fmt)
        with cache_at(work / "cache"):
            run_cli(*argv)  # the original is now in the cache
            f.write_text(edited, "utf-8")
            after_edit = run_cli(*argv)
            warm = run_cli(*argv)
            cold = run_cli(*argv, "--no-cache")
        assert after_edit == warm == cold


def test_the_reader_hashes_what_it_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key is made from the bytes handed to the parser, not from a second read of the file."""
    f = tmp_path / "fx-county.yaml"
    f.write_bytes(FX_COUNTY.read_bytes())
    seen: list[bytes] = []
    real = yamlfile.read_head

    def spying(*args: object, **kwargs: object) -> bytes:
        raw = real(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(raw)
        return raw

    monkeypatch.setattr(loader, "read_head", spying)
    with cache_at(tmp_path / "cache") as folder:
        responsibility.load([f, PARENT])
        stored = {p.stem for p in entries(folder) if cache.get(p.stem) is not True}  # documents
    assert {cache.key(raw) for raw in seen} >= stored and cache.key(FX_COUNTY.read_bytes()) in stored


def test_a_broken_reference_is_found_after_a_clean_warm_run(tmp_path: Path) -> None:
    """The reference checks of a set that passed them are skipped only for the very same files."""
    county = tmp_path / "county"
    county.mkdir()
    f = county / "fx-county.yaml"
    f.write_text(FX_COUNTY.read_text("utf-8"), "utf-8")
    argv = ("validate", str(county), str(PARENT))
    with cache_at(tmp_path / "cache"):
        assert run_cli(*argv)[0] == 0
        assert run_cli(*argv)[0] == 0  # warm: references skipped
        f.write_text(
            f.read_text("utf-8").replace("{actor: fx-county.government}", "{actor: fx-nobody}"), "utf-8"
        )
        warm = run_cli(*argv)
        cold = run_cli(*argv, "--no-cache")
    assert warm == cold and warm[0] == 1 and "E021 unknown actor 'fx-nobody'" in warm[2]
