"""Output files: the umask's mode (not mkstemp's 0600), whole or not at all, and several files
(`schema --write`, `rule --write`) all or nothing."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from responsibility.cli.main import main
from responsibility.core import safewrite
from responsibility.core.safewrite import RefusedOverwrite, write_bytes_atomic, write_files_atomic

SITE_FIXTURES = ROOT / "tests" / "fixtures" / "site-xss"  # self-contained: no shipped policies


@pytest.fixture
def umask() -> Iterator[object]:
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(old)


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_gets_the_umask_mode(tmp_path: Path, umask: object, mask: int, expected: int) -> None:
    umask(mask)  # type: ignore[operator]
    out = tmp_path / "out.txt"
    assert write_bytes_atomic(out, b"x")
    assert _mode(out) == expected
    assert _listing(tmp_path) == ["out.txt"]


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask: object) -> None:
    umask(0o022)  # type: ignore[operator]
    out = tmp_path / "out.txt"
    out.write_bytes(b"old")
    out.chmod(0o600)
    assert write_bytes_atomic(out, b"new", force=True)
    assert out.read_bytes() == b"new" and _mode(out) == 0o600


@pytest.mark.parametrize(
    "argv",
    [
        ["graph", "--no-shipped", "--policies", str(SITE_FIXTURES), "-o", "graph.graphml"],
        ["list", "--no-shipped", "--policies", str(SITE_FIXTURES), "-o", "list.csv"],
        ["list", "--no-shipped", "--policies", str(SITE_FIXTURES), "--format", "xlsx", "-o", "list.xlsx"],
    ],
    ids=["graph", "list-csv", "list-xlsx"],
)
def test_dash_o_files_get_the_umask_mode(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    umask: object,
    argv: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    umask(0o022)  # type: ignore[operator]
    assert main(argv) == 0, capsys.readouterr().err
    out = tmp_path / argv[-1]
    assert out.stat().st_size > 0
    assert _mode(out) == 0o644
    assert _listing(tmp_path) == [argv[-1]]


def test_schema_write_is_all_or_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "schema"
    out.mkdir()
    # The second file (in name order) is the user's own and differs: nothing may be written.
    (out / "regulation.schema.json").write_text("mine", "utf-8")
    assert main(["schema", "--write", str(out)]) == 2
    assert "regulation.schema.json exists and differs" in capsys.readouterr().err
    assert _listing(out) == ["regulation.schema.json"]
    assert (out / "regulation.schema.json").read_text("utf-8") == "mine"
    assert main(["schema", "--write", str(out), "--force"]) == 0
    assert _listing(out) == ["catalogue.schema.json", "regulation.schema.json", "rules.schema.json"]


def test_rule_write_is_all_or_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rules"
    out.mkdir()
    (out / "index.md").write_text("mine", "utf-8")  # the last page written, in name order
    assert main(["rule", "--write", str(out)]) == 2
    assert _listing(out) == ["index.md"]
    assert main(["rule", "--write", str(out), "--force"]) == 0
    assert len(_listing(out)) > 5


def test_a_failed_rename_puts_every_file_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    a.write_bytes(b"old a")
    real = os.replace
    calls = []

    def flaky(src: str, dst: os.PathLike[str] | str) -> None:
        calls.append(dst)
        if Path(dst) == c and len(calls) == 3:
            raise OSError("disk trouble")
        real(src, dst)

    monkeypatch.setattr(safewrite.os, "replace", flaky)
    with pytest.raises(OSError, match="disk trouble"):
        write_files_atomic({a: b"new a", b: b"new b", c: b"new c"}, force=True)
    monkeypatch.setattr(safewrite.os, "replace", real)
    assert a.read_bytes() == b"old a"
    assert _listing(tmp_path) == ["a"]


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    with pytest.raises(ValueError, match="is a directory"):
        write_files_atomic({tmp_path / "new": b"x", tmp_path / "d": b"y"}, force=True)
    assert _listing(tmp_path) == ["d"]


@settings(max_examples=40, deadline=None)
@given(
    old=st.dictionaries(st.sampled_from("abcd"), st.binary(max_size=8), max_size=4),
    new=st.dictionaries(st.sampled_from("abcd"), st.binary(max_size=8), min_size=1, max_size=4),
    force=st.booleans(),
)
def test_several_files_are_written_all_or_nothing(
    tmp_path_factory: pytest.TempPathFactory, old: dict[str, bytes], new: dict[str, bytes], force: bool
) -> None:
    folder = tmp_path_factory.mktemp("files")  # each example its own folder
    for name, data in old.items():
        (folder / name).write_bytes(data)
    files = {folder / name: data for name, data in new.items()}
    refused = not force and any(name in old and old[name] != data for name, data in new.items())
    try:
        changed = write_files_atomic(files, force)
    except RefusedOverwrite:
        assert refused
        after = {p.name: p.read_bytes() for p in folder.iterdir()}
        assert after == old  # nothing written
        return
    assert not refused
    assert changed == [folder / n for n, d in new.items() if old.get(n) != d]
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert after == {**old, **new}  # no temporary file left


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["graph", "--format", "graphml", "-o", "/dev/full"], "/dev/full is a device, not a file"),
        (["list", "--format", "csv", "-o", "/dev/null"], "/dev/null is a device, not a file"),
        (["schema", "--write", "/dev/null"], "/dev/null is not a folder"),
    ],
)
def test_a_device_is_never_an_output(argv: list[str], says: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A device in the target's place is refused before anything is read or written (reading
    `/dev/full` to compare it with the output used to hang)."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_a_fifo_is_never_an_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "out.graphml"
    os.mkfifo(fifo)
    assert main(["graph", "--format", "graphml", "-o", str(fifo)]) == 2
    assert "is a named pipe (FIFO), not a file" in capsys.readouterr().err
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_file_where_a_folder_should_be(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "plain").write_text("x", "utf-8")
    assert main(["schema", "--write", str(tmp_path / "plain" / "schemas")]) == 2
    assert "plain is not a folder" in capsys.readouterr().err
    assert (tmp_path / "plain").read_text("utf-8") == "x"


def test_a_file_written_with_o_is_said_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`graph -o` and `list -o` say what they wrote (stderr: stdout stays the data's), not nothing."""
    assert main(["graph", "-o", str(tmp_path / "g.graphml")]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"graph written to {tmp_path / 'g.graphml'} (") and " nodes, " in err
    assert main(["list", "--format", "csv", "-o", str(tmp_path / "l.csv")]) == 0
    out, err = capsys.readouterr()
    size = (tmp_path / "l.csv").stat().st_size
    assert out == "" and err == f"责任清单 written to {tmp_path / 'l.csv'} (CSV, {size:,} bytes)\n"
