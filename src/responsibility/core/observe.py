"""What a run looked at on disk: the one record of its inputs, for the result cache.

``responsibility validate`` and ``check`` print what follows from the files they read, the
directories they walk to find them and what they ask about paths (is it a file, where does it
resolve). Each of those looks goes through a function of this module, which does it and, while a
:class:`Record` is open, notes the question and its answer. The command line's result cache
(:mod:`responsibility.cli.results`) stores a run's output with that record and replays the
output only when every question, asked again, gets the same answer (:func:`unchanged`).

So this module is the one place inputs are read from: the file reader of
:mod:`responsibility.policy.yamlfile` reads through :func:`head`, the loader walks through
:func:`walk`, and the probes (:func:`is_file`, :func:`is_dir`, :func:`exists`, :func:`lexists`,
:func:`resolve`, :func:`files_below`) stand in for their ``pathlib`` namesakes, with the same
answers and the same exceptions. It imports nothing outside the standard library, so that
checking a record costs no more than the looks themselves.

Every answer is plain data (strings, numbers, booleans, lists), so a record is stored as JSON.
A file's answer is the SHA-256 of the bytes read and its size, never the bytes themselves.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# An observation: [operation, path, answer]; the answer is what the operation returns for the
# path, as JSON can hold it (a failing operation answers the exception's type name after "!").
Observation = list[Any]
StrPath = str | os.PathLike[str]


class Record:
    """The observations of one run, in the order made; `stable` turns False should the same
    question get two different answers within the run (a file edited while it was read)."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], Any] = {}
        self.stable = True

    def note(self, op: str, path: str, answer: Any) -> None:
        k = (op, path)
        if k in self.seen:
            self.stable = self.stable and self.seen[k] == answer
        else:
            self.seen[k] = answer

    def observations(self) -> list[Observation]:
        return [[op, path, answer] for (op, path), answer in self.seen.items()]


_record: Record | None = None


def start() -> Record:
    """Begin noting every look (until :func:`stop`); the record is returned to be read later."""
    global _record
    _record = Record()
    return _record


def stop() -> None:
    global _record
    _record = None


def _note(op: str, path: StrPath, answer: Any) -> None:
    if _record is not None:
        _record.note(op, os.fspath(path), answer)


# -- reading files --------------------------------------------------------------------------------
# Why a file was not read, in words the reader turns into its own message: ("special", what it
# is), ("size", its size), ("swapped", "") for a file that was not regular once opened, or
# ("oserror", the system's message).
Refusal = tuple[str, str | int]

_FILE_TYPES = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _raw_head(path: StrPath, count: int, size_limit: int | None) -> tuple[bytes, int] | Refusal:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return "special", next((w for test, w in _FILE_TYPES if test(info.st_mode)), "not a regular file")
        if size_limit is not None and info.st_size > size_limit:
            return "size", info.st_size
        # O_NONBLOCK: should the path have become a FIFO since the stat, open does not wait
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            opened = os.fstat(fh.fileno())
            if not stat.S_ISREG(opened.st_mode):
                return "swapped", ""
            return fh.read(count), opened.st_size
    except OSError as exc:  # missing, no permission, a symlink loop (ELOOP), ...
        return "oserror", exc.strerror or str(exc)


def head(path: StrPath, count: int, size_limit: int | None = None) -> bytes | Refusal:
    """At most the first `count` bytes of a regular file, or why it was not read (anything but
    a regular file is refused from its ``stat``, unopened; with `size_limit`, a larger file too)."""
    got = _raw_head(path, count, size_limit)
    if _record is not None:
        _note(f"head:{count}:{size_limit}", path, _answer(got))
    return got[0] if isinstance(got[0], bytes) else got


def _answer(got: tuple[bytes, int] | Refusal) -> list[Any]:
    data, size = got
    if isinstance(data, bytes):  # the bytes read, by their hash, and the size they came from
        return [hashlib.sha256(data).hexdigest(), size]
    return [data, size]


def _head_again(op: str, path: str) -> list[Any]:
    _, count, limit = op.split(":")
    return _answer(_raw_head(path, int(count), None if limit == "None" else int(limit)))


# -- walking directories ----------------------------------------------------------------------------


def _listing(path: str) -> list[list[str]] | None:
    """A directory's entries as ``os.walk`` splits them (directories, the rest), sorted; a
    symbolic link to a directory is listed with a trailing "@" (the walk does not enter it)."""
    dirs: list[str] = []
    files: list[str] = []
    try:
        with os.scandir(path) as entries:
            for e in entries:
                try:
                    is_dir = e.is_dir()
                except OSError:
                    is_dir = False
                if is_dir:
                    dirs.append(e.name + ("@" if e.is_symlink() else ""))
                else:
                    files.append(e.name)
    except OSError:
        return None
    return [sorted(dirs), sorted(files)]


def walk(top: StrPath) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk(top, followlinks=False)``, top down, each directory's names sorted; the caller
    may prune the directory names as with ``os.walk``. Each listing is noted, so a file added to
    or removed from a walked directory changes the record."""
    top = os.fspath(top)
    listing = _listing(top)
    _note("dir", top, listing)
    if listing is None:
        return
    entries, files = listing
    dirs = [d.removesuffix("@") for d in entries]
    links = {d.removesuffix("@") for d in entries if d.endswith("@")}
    yield top, dirs, files
    for d in dirs:  # those the caller kept
        if d not in links:
            yield from walk(os.path.join(top, d))


def files_below(folder: StrPath, suffixes: tuple[str, ...]) -> list[Path]:
    """Every file below `folder` (``Path.rglob``) whose suffix, lower-cased, is one of `suffixes`, sorted."""
    found = sorted(f for f in Path(folder).rglob("*") if f.suffix.lower() in suffixes and not f.is_dir())
    _note("below:" + ",".join(suffixes), folder, [str(f) for f in found])
    return found


def _below_again(op: str, path: str) -> list[str]:
    return [str(f) for f in files_below(path, tuple(op.split(":", 1)[1].split(",")))]


# -- asking about paths ------------------------------------------------------------------------------


def _ask(op: str, path: StrPath, how: Callable[[Path], Any]) -> Any:
    try:
        answer = how(Path(path))
    except Exception as exc:
        _note(op, path, f"!{type(exc).__name__}")
        raise
    _note(op, path, str(answer) if isinstance(answer, Path) else answer)
    return answer


def is_file(path: StrPath) -> bool:
    """``Path(path).is_file()``."""
    return bool(_ask("is_file", path, Path.is_file))


def is_dir(path: StrPath) -> bool:
    """``Path(path).is_dir()``."""
    return bool(_ask("is_dir", path, Path.is_dir))


def exists(path: StrPath) -> bool:
    """``Path(path).exists()``."""
    return bool(_ask("exists", path, Path.exists))


def lexists(path: StrPath) -> bool:
    """``os.path.lexists(path)``: true for a broken symbolic link too."""
    return bool(_ask("lexists", path, os.path.lexists))


def resolve(path: StrPath) -> Path:
    """``Path(path).resolve()`` (RuntimeError for a symbolic link loop, as pathlib raises)."""
    answer: Path = _ask("resolve", path, Path.resolve)
    return answer


_PROBES: dict[str, Callable[[Path], Any]] = {
    "is_file": Path.is_file,
    "is_dir": Path.is_dir,
    "exists": Path.exists,
    "lexists": os.path.lexists,
    "resolve": Path.resolve,
}


def _again(op: str, path: str) -> Any:
    """The answer `op` gets for `path` now."""
    if op.startswith("head:"):
        return _head_again(op, path)
    if op == "dir":
        return _listing(path)
    if op.startswith("below:"):
        return _below_again(op, path)
    how = _PROBES[op]  # KeyError for an operation this version does not know: not unchanged
    try:
        answer = how(Path(path))
    except Exception as exc:
        return f"!{type(exc).__name__}"
    return str(answer) if isinstance(answer, Path) else answer


def unchanged(observations: list[Observation]) -> bool:
    """Whether every observation, made again now, gets the answer it got (outside a record)."""
    global _record
    kept, _record = _record, None
    try:
        return all(_again(op, path) == answer for op, path, answer in observations)
    except Exception:  # a malformed observation (a foreign or corrupt entry) is never trusted
        return False
    finally:
        _record = kept
