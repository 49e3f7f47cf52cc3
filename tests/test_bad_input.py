"""Broken policy files: each gets a clear, positioned error, exit 1, no traceback, bounded cost.

The CLI runs in a subprocess where exit codes and resource use must be the real ones: CPU time
(not wall time, which depends on machine load) comes from wait4, peak RSS from the child's own
``VmHWM``. (wait4's ``ru_maxrss`` is no use here: Linux starts a child's high-water mark at its
parent's resident size at fork, so a child of a large test worker reported the worker's 390 MB.)
Tests that check only the messages and the exit code call `responsibility.cli.main` in-process,
which is cheaper.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from responsibility.cli.main import main

MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text("utf-8")


@dataclass
class Run:
    code: int
    out: str
    err: str
    cpu_seconds: float
    max_rss_mb: float


# Runs `python -m responsibility ARGS` and, on the way out, writes the process's peak resident
# size (VmHWM, which belongs to the memory map exec made fresh, so nothing of the parent's) to
# the file named in $HWM_FILE.
_MEASURED = (
    "import atexit, os, runpy, sys\n"
    "def _hwm():\n"
    "    with open('/proc/self/status') as st, open(os.environ['HWM_FILE'], 'w') as out:\n"
    "        out.write(next(ln for ln in st if ln.startswith('VmHWM:')).split()[1])\n"
    "atexit.register(_hwm)\n"
    "sys.argv[0] = 'responsibility'\n"
    "runpy.run_module('responsibility', run_name='__main__', alter_sys=True)\n"
)


def run_cli(*args: str | Path, cwd: Path | None = None) -> Run:
    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
        tempfile.TemporaryDirectory() as tmp,
    ):
        hwm = Path(tmp) / "hwm"
        proc = subprocess.Popen(
            [sys.executable, "-c", _MEASURED, *map(str, args)],
            stdout=out,
            stderr=err,
            cwd=cwd,
            env={**os.environ, "HWM_FILE": str(hwm)},
        )
        _, status, usage = os.wait4(proc.pid, 0)
        out.seek(0)
        err.seek(0)
        code = os.waitstatus_to_exitcode(status)
        peak_kb = int(hwm.read_text()) if hwm.exists() else 0
        return Run(code, out.read(), err.read(), usage.ru_utime + usage.ru_stime, peak_kb / 1024)


def run_main(
    *args: str | Path, cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Run:
    """The CLI in-process, from `cwd` (names in messages are relative to it); no resource figures."""
    monkeypatch.chdir(cwd)
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err, 0.0, 0.0)


def with_change(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1)


CASES: dict[str, tuple[bytes, str, str]] = {
    # name: (file content, expected code, expected "line:col" prefix of the first diagnostic)
    "duplicate-key": (
        with_change("level: county\n", "level: county\nlevel: city\n").encode(),
        "E002",
        ":6:1:",
    ),
    "unknown-field": (
        with_change("action: establish", "action: establish\n            qoute: x").encode(),
        "E010",
        ":21:13:",
    ),
    "wrong-type": (with_change("frequency: annual", "frequency: yearly").encode(), "E011", ":29:13:"),
    "dangling-actor": (
        with_change("actor: city.government", "actor: city.goverment").encode(),
        "E021",
        ":30:49:",
    ),
    "quote-not-in-text": (
        with_change("quote: 县级政府应当建立扶贫项目库", "quote: 县政府应当建立扶贫项目库").encode(),
        "E022",
        ":24:13:",
    ),
    "yaml-syntax": (with_change("title: {zh:", "title: {zh: [").encode(), "E001", ":"),
    "python-tag": (b"kind: regulation\nid: !!python/object/apply:os.system ['true']\n", "E003", ":2:5:"),
    "billion-laughs": (
        b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n".encode()
            for i in range(8)
        ),
        "E004",
        ":1:4:",
    ),
    "invalid-utf8": (b"kind: regulation\nid: x\ntitle: {zh: \xff\xfe}\n", "E005", ":3:13:"),
    "empty": (b"", "E006", ":1:1:"),
    "only-comments": (b"# nothing here\n\n", "E006", ":1:1:"),
    "not-a-mapping": (b"- a\n- b\n", "E010", ":1:1:"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_file_gives_positioned_error(tmp_path: Path, name: str) -> None:
    content, code, where = CASES[name]
    f = tmp_path / f"{name}.yaml"
    f.write_bytes(content)
    r = run_cli("validate", f, cwd=tmp_path)
    assert r.code == 1, r.err
    assert "Traceback" not in r.err
    first = r.err.splitlines()[0]
    assert first.startswith(f"{name}.yaml{where}"), first
    assert f" {code} " in first
    assert r.cpu_seconds < 2.0
    assert 10 < r.max_rss_mb < 300  # measured (a Python process is tens of MB), and bounded


def test_a_20_mb_file_is_refused_unread(tmp_path: Path) -> None:
    f = tmp_path / "huge.yaml"
    with f.open("w", encoding="utf-8") as fh:
        fh.write("kind: regulation\nnote: |\n")
        line = "  " + "扶" * 100 + "\n"
        while fh.tell() < 20 * 1024 * 1024:
            fh.write(line * 1000)
    r = run_cli("validate", f, cwd=tmp_path)
    assert r.code == 1
    assert "E007" in r.err and "huge.yaml:1:1:" in r.err
    assert "Traceback" not in r.err
    assert r.cpu_seconds < 2.0
    assert 10 < r.max_rss_mb < 300  # measured (a Python process is tens of MB), and bounded


def test_all_errors_of_a_run_are_reported_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = with_change("actor: city.government", "actor: city.goverment")
    broken = broken.replace("topics: [reporting]", "topics: [reportin]")
    (tmp_path / "a.yaml").write_text(broken, "utf-8")
    (tmp_path / "b.yaml").write_bytes(b"kind: regulation\nid: b\nid: c\n")
    r = run_main("validate", tmp_path, cwd=tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert r.code == 1
    lines = [ln for ln in r.err.splitlines() if ": E" in ln]
    assert len(lines) == 3
    assert "did you mean city.government," in r.err
    assert "did you mean reporting?" in r.err


def test_symlink_out_of_the_root_is_refused_and_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("this: [is not read", "utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "link.yaml").symlink_to(outside)
    r = run_main("validate", root, cwd=tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert r.code == 1
    assert "E008" in r.err and "E001" not in r.err


def test_valid_fixture_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    r = run_main(
        "validate",
        ROOT / "tests" / "fixtures" / "minimal.yaml",
        cwd=tmp_path,
        monkeypatch=monkeypatch,
        capsys=capsys,
    )
    assert r.code == 0, r.err


def test_usage_error_exits_2() -> None:
    r = run_cli("duties")
    assert r.code == 2
    r = run_cli("duties", "--regulation", "centrl")
    assert r.code == 2
    assert "unknown regulation 'centrl'" in r.err
