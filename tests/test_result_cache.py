"""The command line's result cache (cli/results.py): a replayed run is the run, byte for byte.

Each test runs the command line in this process (the `main()` entry, its streams captured) with
the cache in a folder of its own, and compares a run that may be answered from the cache with a
`--no-cache` run of the same state of the files: through random edits, added and removed files,
a new day and damaged entries. conftest turns the cache off for every other test file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from check_helpers import PARENT, RULES_DIR
from conftest import ROOT
from responsibility.cli import main as cli
from responsibility.cli import results
from responsibility.cli.commands import check as check_command
from responsibility.core import observe

POLICIES = ROOT / "policies"
C001_FAIL = RULES_DIR / "C001" / "fail"
WAIVED_UNTIL_2018 = RULES_DIR / "W001" / "pass" / "waivers.yaml"  # expires 2018-12-31

Run = tuple[int, str, str]


@contextlib.contextmanager
def cache_at(folder: Path) -> Iterator[list[bool]]:
    """The cache in `folder` for the block; yields, for each lookup, whether it was replayed."""
    replays: list[bool] = []
    original = results.replay

    def spy(k: str) -> int | None:
        code = original(k)
        replays.append(code is not None)
        return code

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(results.ENV_DIR, str(folder))
        mp.delenv(results.ENV_OFF, raising=False)
        mp.setattr(results, "replay", spy)
        yield replays


def run_cli(*argv: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def entries(folder: Path) -> list[Path]:
    return sorted((folder / "results").rglob("*.json"))


# -- random edits -----------------------------------------------------------------------------------
EDITS = ("comment", "drop-line", "double-line", "change-char", "remove", "add-policy", "add-other", "add-dir")


def edit(root: Path, kind: str, pick: int) -> None:
    """One change to the policy tree at `root`; `pick` chooses the file, line or character."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".yaml", ".txt"))
    target = files[pick % len(files)]
    text = target.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    n = pick % max(len(lines), 1)
    if kind == "comment":  # new bytes, the same document
        target.write_text(text + "\n# reviewed\n", "utf-8")
    elif kind == "drop-line":
        target.write_text("".join(lines[:n] + lines[n + 1 :]), "utf-8")
    elif kind == "double-line":
        target.write_text("".join(lines[: n + 1] + lines[n:]), "utf-8")
    elif kind == "change-char":
        i = pick % max(len(text), 1)
        target.write_text(text[:i] + ("甲" if text[i : i + 1] != "甲" else "乙") + text[i + 1 :], "utf-8")
    elif kind == "remove":
        target.unlink()
    elif kind == "add-policy":  # a second copy of a document: its id is declared twice
        target.with_name(f"copy-{pick}.yaml").write_text(
            text if target.suffix == ".yaml" else "kind: regulation\n"
        )
    elif kind == "add-other":  # found in the walk, passed over (`check --verbose` says so)
        target.with_name(f"notes-{pick}.yaml").write_text("title: notes\n", "utf-8")
    else:  # a new folder holding a broken policy
        new = target.parent / f"new-{pick}"
        new.mkdir(exist_ok=True)
        (new / "draft.yaml").write_text("kind: regulation\nid: [unclosed\n", "utf-8")


# A copy of part of the shipped policies that validates on its own (the catalogue, the central
# measure and 麻江's practice, which implements it): a fifth of the whole, so each example is quick.
SUBSET = ("catalogue", "central", "guizhou")
COMMANDS = (
    ("validate", "--no-shipped", "{root}"),
    ("check", "{root}", "--no-shipped", "--format", "json"),
    ("check", "{root}", "--no-shipped", "--verbose"),
)


@settings(max_examples=15, deadline=None)
@given(
    command=st.sampled_from(COMMANDS),
    steps=st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 10_000)), min_size=1, max_size=3),
)
def test_a_replayed_run_is_the_uncached_run_through_random_edits(
    command: tuple[str, ...], steps: list[tuple[str, int]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "policies"
        for part in SUBSET:
            shutil.copytree(POLICIES / part, root / part)
        argv = [a.format(root=root) for a in command]
        with cache_at(Path(tmp) / "cache") as replays:
            run_cli(*argv)  # stored
            for kind, pick in [("none", 0), *steps]:
                if kind != "none":
                    edit(root, kind, pick)
                maybe = run_cli(*argv)  # replayed when nothing changed, else worked out and stored
                again = run_cli(*argv)  # nothing changed since: replayed
                assert replays[-1], "the run just stored was not replayed"
                uncached = run_cli(*argv, "--no-cache")
                assert maybe == again == uncached
            assert replays[1], "the unchanged tree was answered from the cache"


def test_a_file_added_to_a_walked_folder_is_seen(tmp_path: Path) -> None:
    root = tmp_path / "policies"
    shutil.copytree(POLICIES / "wuyi", root / "wuyi")
    argv = ("check", str(root), "--verbose")
    with cache_at(tmp_path / "cache") as replays:
        before = run_cli(*argv)
        assert run_cli(*argv) == before and replays[-1]
        (root / "wuyi" / "deep").mkdir()
        (root / "wuyi" / "deep" / "notes.yaml").write_text("title: notes\n", "utf-8")
        after = run_cli(*argv)
        assert not replays[-1]
        assert "notes.yaml: declares no kind" in after[2] and "notes.yaml" not in before[2]
        assert after == run_cli(*argv, "--no-cache")


class _Day:
    """A stand-in for the datetime module whose `date.today()` is a chosen day."""

    def __init__(self, day: dt.date) -> None:
        class Date(dt.date):
            @classmethod
            def today(cls) -> Date:
                return cls(day.year, day.month, day.day)

        self.date = Date


def on(day: dt.date, mp: pytest.MonkeyPatch) -> None:
    for module in (results, check_command):  # the key's date and the waivers' default --today
        mp.setattr(module, "dt", _Day(day))


def test_a_new_day_expires_a_waiver_though_no_file_changed(tmp_path: Path) -> None:
    argv = ("check", str(C001_FAIL), "--policies", str(PARENT), "--waivers", str(WAIVED_UNTIL_2018))
    with cache_at(tmp_path / "cache") as replays, pytest.MonkeyPatch.context() as mp:
        on(dt.date(2018, 6, 1), mp)
        waived = run_cli(*argv)
        assert run_cli(*argv) == waived and replays[-1]
        on(dt.date(2019, 1, 1), mp)
        expired = run_cli(*argv)
        assert not replays[-1]
        assert expired == run_cli(*argv, "--no-cache")
    assert "W001" in expired[1] and "W001" not in waived[1]
    assert expired[0] == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b"",
        lambda b: b"\xff\xfe not json",
        lambda b: json.dumps({"format": results.FORMAT}).encode(),  # no key, no output
        lambda b: json.dumps(json.loads(b) | {"observations": [["no-such-look", "x", 1]]}).encode(),
        lambda b: json.dumps(json.loads(b) | {"writes": [[7, "stdout?"]]}).encode(),
        lambda b: json.dumps(json.loads(b) | {"format": results.FORMAT + 1}).encode(),
    ],
)
def test_a_damaged_entry_is_ignored_and_replaced(tmp_path: Path, damage: object) -> None:
    argv = ("check", str(C001_FAIL), "--policies", str(PARENT), "--today", "2018-06-01")
    with cache_at(tmp_path / "cache") as replays:
        good = run_cli(*argv)
        (entry,) = entries(tmp_path / "cache")
        stored = entry.read_bytes()
        entry.write_bytes(damage(stored))  # type: ignore[operator]
        assert run_cli(*argv) == good
        assert not replays[-1]
        assert entry.read_bytes() == stored  # written again, whole
        assert run_cli(*argv) == good and replays[-1]


@pytest.mark.parametrize("off", ["--no-cache", "env"])
def test_off_means_off(tmp_path: Path, off: str) -> None:
    argv = ["validate", str(PARENT)]
    with cache_at(tmp_path / "cache") as replays, pytest.MonkeyPatch.context() as mp:
        if off == "env":
            mp.setenv(results.ENV_OFF, "1")
        else:
            argv.append(off)
        run_cli(*argv)
        run_cli(*argv)
    assert replays == [] and entries(tmp_path / "cache") == []


def test_an_evidence_check_is_not_kept(tmp_path: Path) -> None:
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    (evidence / "evidence.csv").write_text("kind,producer,place,period,date,path\n", "utf-8")
    argv = (
        "check",
        str(C001_FAIL),
        "--policies",
        str(PARENT),
        "--evidence",
        str(evidence),
        "--period",
        "2018",
    )
    with cache_at(tmp_path / "cache") as replays:
        run_cli(*argv)
    assert replays == [] and entries(tmp_path / "cache") == []


def test_a_run_that_writes_around_the_streams_is_not_kept(tmp_path: Path) -> None:
    """Output written to a stream's binary buffer would not be replayed: such a run is not stored."""

    def sneaky() -> int:
        sys.stdout.buffer  # noqa: B018 - asked for, which is enough to spoil the record
        return 0

    with cache_at(tmp_path / "cache"):
        assert results.record("k" * 64, sneaky) == 0
    assert entries(tmp_path / "cache") == []


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_output_cut_short_is_not_kept(tmp_path: Path) -> None:
    """`| head` closes the pipe; the command answers 0 with part of its output written, which
    must never be replayed into a file later."""

    def cut_short() -> int:
        try:
            sys.stdout.write("ok\n")
        except BrokenPipeError:
            return 0
        return 0

    with cache_at(tmp_path / "cache"), contextlib.redirect_stdout(_ClosedPipe()):
        assert results.record("k" * 64, cut_short) == 0
    assert entries(tmp_path / "cache") == []


def test_a_name_that_is_not_utf8_is_kept_and_replayed(tmp_path: Path) -> None:
    """A file name of bytes that are not UTF-8 reaches Python as surrogate escapes, in the
    command's words and in its output; the key and the entry hold them all the same."""
    name = os.fsdecode(b"county-\xff.yaml")
    root = tmp_path / "county"
    root.mkdir()
    (root / name).write_bytes(b"kind: regulation\nid: [unclosed\n")  # reported under its name
    argv = ("validate", "--no-shipped", str(root / name))
    with cache_at(tmp_path / "cache") as replays:
        first = run_cli(*argv)
        assert run_cli(*argv) == first and replays[-1]
    assert first == run_cli(*argv, "--no-cache")
    assert first[0] == 1 and name in first[2]


def test_a_file_changed_while_the_run_reads_it_is_not_kept() -> None:
    record = observe.start()
    try:
        record.note("head:1:None", "f", ["a", 1])
        record.note("head:1:None", "f", ["b", 1])
    finally:
        observe.stop()
    assert not record.stable


def test_the_walk_lists_what_os_walk_lists(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "f.yaml").write_text("x")
    (tmp_path / "z.yaml").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "a")  # listed with the folders, not entered
    ours = [(d, sorted(ds), sorted(fs)) for d, ds, fs in observe.walk(tmp_path)]
    theirs = [(d, sorted(ds), sorted(fs)) for d, ds, fs in os.walk(tmp_path, followlinks=False)]
    assert sorted(ours) == sorted(theirs)


def test_a_warm_answer_imports_neither_pydantic_nor_yaml_nor_networkx(tmp_path: Path) -> None:
    env = {**os.environ, results.ENV_DIR: str(tmp_path / "cache")}
    env.pop(results.ENV_OFF, None)
    probe = (
        "import sys\n"
        "from responsibility.cli.main import main\n"
        "code = main(['validate'])\n"
        "heavy = sorted(m for m in ('pydantic', 'yaml', 'networkx') if m in sys.modules)\n"
        "sys.stderr.write(f'{code} {heavy}')\n"
    )
    cold = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
    )
    warm = subprocess.run(
        [sys.executable, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert cold.stderr == "0 ['pydantic', 'yaml']"  # validate works it out with these two
    assert warm.stderr == "0 []"
    assert warm.stdout == cold.stdout and warm.stdout.startswith("ok: ")
