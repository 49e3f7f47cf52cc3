"""The result cache: `validate` and `check` answer a repeated question without working it out.

A CI run of a county asks the same question of the same files again and again. ruff keeps each
file's diagnostics under its content and settings; this keeps a whole command's output — every
write to standard output and standard error, in order, and the exit status — under

* a key: the tool's fingerprint (its version, :data:`FORMAT`, the bytes of every module of the
  package, the Python that runs it and the installed distributions on its path), the command's
  words exactly as given, the working directory, today's date (a waiver expires, ``--today``
  defaults to it), the environment the commands read (``RESPONSIBILITY_*``, ``NO_COLOR``,
  ``TERM``) and whether each stream is a terminal, with its encoding (colour and bytes follow
  from them);
* with the record of everything the run looked at on disk (:mod:`responsibility.core.observe`):
  each file read, by the SHA-256 of its bytes and its size, each directory walked, by its
  listing (so a policy file added or removed is seen), and each question asked about a path.

A later run with the same key asks each recorded question again and replays the output only when
every answer is the same; otherwise it runs the command and replaces the entry. That check reads
the files and hashes them, and imports nothing but the standard library: a warm answer does not
import pydantic, PyYAML or networkx. A run is stored only when it ended normally and everything
it wrote went through the streams' ``write``; never a run with ``--evidence`` (it walks a whole
inventory), nor one with ``--no-cache`` or ``RESPONSIBILITY_NO_CACHE=1`` (these turn this cache off
as well as the policy cache). Entries are JSON, written whole to a temporary file and renamed into
place; an entry that does not read or does not match is ignored. Deleting the folder is safe.

Where: ``results/`` beside the policy cache's entries — in ``$RESPONSIBILITY_CACHE_DIR`` when set,
else in the user cache folder (``~/.cache/responsibility/results``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from responsibility.core import observe

FORMAT = 1  # the layout of an entry and of its key; bump when either changes
CACHED = frozenset({"validate", "check"})
ENV_OFF = "RESPONSIBILITY_NO_CACHE"  # as responsibility.policy.cache reads it
ENV_DIR = "RESPONSIBILITY_CACHE_DIR"
# Options after which a run is not kept, by their exact names (the parser takes no abbreviation,
# cli/parser.py): --no-cache, and --evidence, --evidence=DIR (a whole inventory would be recorded).
_NOT_KEPT = frozenset({"--no-cache", "--evidence"})
_ENVIRONMENT = ("NO_COLOR", "TERM")


def folder() -> Path:
    """Where results are kept: beside the policy cache's entries."""
    configured = os.environ.get(ENV_DIR, "")
    if configured:
        return Path(configured) / "results"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "responsibility" / "results"


def wanted(command: str | None, argv: Sequence[str]) -> bool:
    """Whether this run's result may come from, and go to, the cache."""
    if command not in CACHED or os.environ.get(ENV_OFF, "").strip() not in ("", "0"):
        return False
    return not any(a.split("=", 1)[0] in _NOT_KEPT for a in argv if a.startswith("--"))


def _package_hash() -> bytes:
    """The bytes of every module of the package, with their paths."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(package):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for fn in sorted(f for f in filenames if f.endswith(".py")):
            path = os.path.join(dirpath, fn)
            with open(path, "rb") as fh:
                h.update(os.path.relpath(path, package).encode() + b"\x00" + fh.read() + b"\x00")
    return h.digest()


def _installed() -> list[str]:
    """The distributions installed on the import path, by name and version (an upgrade of
    pydantic or PyYAML changes a message), and the path itself."""
    out = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        out += [f"{entry}/{n}" for n in sorted(names) if n.endswith((".dist-info", ".egg-info", ".pth"))]
    return [*sys.path, *out]


def key(argv: Sequence[str]) -> str:
    """The entry key of this run: all it depends on but the files it reads."""
    from responsibility import __version__

    streams = [(s.isatty(), getattr(s, "encoding", None), getattr(s, "errors", None)) for s in _streams()]
    env = sorted(
        (k, v) for k, v in os.environ.items() if k.startswith("RESPONSIBILITY_") or k in _ENVIRONMENT
    )
    parts: list[Any] = [
        FORMAT,
        __version__,
        _package_hash().hex(),
        sys.version,
        sys.executable,
        sys.flags.optimize,
        _installed(),
        list(argv),
        os.getcwd(),
        dt.date.today().isoformat(),
        env,
        streams,
    ]
    # ASCII: a path or a variable that is not UTF-8 (surrogate-escaped bytes) is escaped, not refused
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _streams() -> tuple[TextIO, TextIO]:
    return sys.stdout, sys.stderr


def _entry_path(k: str) -> Path:
    return folder() / k[:2] / f"{k}.json"


def replay(k: str) -> int | None:
    """The stored run's exit status, its output written again, when nothing it read has changed;
    None (nothing written) otherwise."""
    try:
        entry = json.loads(_entry_path(k).read_bytes())
        if entry["format"] != FORMAT or entry["key"] != k:
            return None
        code, writes, seen = int(entry["code"]), entry["writes"], entry["observations"]
        if not all(isinstance(s, int) and s in (0, 1) and isinstance(t, str | None) for s, t in writes):
            return None
    except (OSError, RuntimeError, ValueError, KeyError, TypeError):  # missing, corrupt, foreign
        return None
    if not isinstance(seen, list) or not observe.unchanged(seen):
        return None
    streams = _streams()
    try:
        for s, text in writes:
            if text is None:
                streams[s].flush()
            else:
                streams[s].write(text)
    except BrokenPipeError:  # `| head`: as the command line answers it when working it out
        return 0
    except (OSError, ValueError) as exc:  # likewise (ValueError: a text the encoding cannot hold)
        print(f"responsibility: error: {exc}", file=sys.stderr)
        return 2
    return code


class _Tee:
    """A text stream that writes through to `stream` and notes each write, in order with the
    other stream's. Anything else asked of it (its binary buffer, its descriptor) would let
    output bypass the note: the run is then not kept."""

    def __init__(self, stream: TextIO, number: int, writes: list[list[Any]], spoilt: list[str]) -> None:
        self._stream, self._number, self._writes, self._spoilt = stream, number, writes, spoilt

    def write(self, text: str) -> int:
        try:
            n = self._stream.write(text)
        except BaseException:  # a closed pipe (`| head`), a text the encoding cannot hold: the
            self._spoilt.append("write")  # output was cut short, and is not kept
            raise
        self._writes.append([self._number, text])
        return n

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BaseException:
            self._spoilt.append("flush")
            raise
        self._writes.append([self._number, None])

    def isatty(self) -> bool:
        return self._stream.isatty()

    @property
    def encoding(self) -> str:
        return self._stream.encoding

    @property
    def errors(self) -> str | None:
        return self._stream.errors

    def __getattr__(self, name: str) -> Any:
        self._spoilt.append(name)
        return getattr(self._stream, name)


def record(k: str, run: Callable[[], int]) -> int:
    """`run`'s exit status, its output written as it goes and kept under `k` when it ends normally."""
    writes: list[list[Any]] = []
    spoilt: list[str] = []
    out, err = sys.stdout, sys.stderr
    sys.stdout = _Tee(out, 0, writes, spoilt)
    sys.stderr = _Tee(err, 1, writes, spoilt)
    seen = observe.start()
    try:
        code = run()
    finally:
        observe.stop()
        sys.stdout, sys.stderr = out, err
    if seen.stable and not spoilt:
        observations = seen.observations()
        entry = {"format": FORMAT, "key": k, "code": code, "writes": writes, "observations": observations}
        with contextlib.suppress(TypeError, ValueError):  # never the run's concern: its output is out
            _store(k, json.dumps(entry).encode())  # ASCII: output holding surrogate escapes too
    return code


def _store(k: str, data: bytes) -> None:
    """Write an entry whole (a temporary file renamed into place); a cache that cannot be
    written is passed over: the run's output is already out."""
    from responsibility.core.safewrite import write_bytes_atomic

    with contextlib.suppress(OSError, RuntimeError, ValueError):  # RuntimeError: no home directory
        write_bytes_atomic(_entry_path(k), data, force=True)
