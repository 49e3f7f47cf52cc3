"""A cache of parsed, validated policy files, keyed by their content (as ruff and mypy keep theirs).

Reading a policy file costs a YAML parse, the conversion of its nodes into plain values with
positions, and pydantic validation; a CI run of a county re-reads the same shipped files every
time. An entry holds what those stages produce for one file (the validated document) under a key
that is the SHA-256 of

* the exact bytes the loader parsed (read once, through :func:`responsibility.policy.yamlfile.read_head`),
* the tool's fingerprint: its version, :data:`FORMAT`, the Python, pydantic and PyYAML versions
  and the bytes of the package's own modules (so an edited checkout never trusts an old entry).

So an entry is never used for other bytes. A file's positions (line and column of every value)
are an entry of their own under the same two (:func:`marks_key`), read only when a report needs
one: most runs point at no line of most files. Only files that read and validated without a
problem are stored; a file with an error is read afresh every run, and the checks that join files
(references, quotes against the source text) always run, so diagnostics are the same warm and
cold. Entries are written to a temporary file and renamed into place (two concurrent runs cannot
leave half an entry); an entry that does not load (truncated, foreign, another format) is ignored
and replaced. Entries are unpickled with an allowlist of the model's own classes, so a planted
file cannot make the loader build anything else. Deleting the folder is always safe.

Where: ``$RESPONSIBILITY_CACHE_DIR`` when set (a project may use ``.responsibility_cache``), else
the user cache folder (:func:`user_cache_dir`) under ``policies/``. Off: ``--no-cache`` on any
command that loads policies, or ``RESPONSIBILITY_NO_CACHE=1``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

ENV_OFF = "RESPONSIBILITY_NO_CACHE"
ENV_DIR = "RESPONSIBILITY_CACHE_DIR"
FORMAT = 2  # the layout of an entry; bump when it changes (2: the document alone, no marks)
_MAGIC = b"responsibility-cache\x00"
_enabled: ContextVar[bool] = ContextVar("responsibility_cache_enabled", default=True)


def user_cache_dir() -> Path:
    """The user's cache folder for responsibility: $XDG_CACHE_HOME/responsibility (an absolute
    XDG_CACHE_HOME, as the XDG spec requires), else ~/.cache/responsibility."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "responsibility"


def folder() -> Path:
    """Where policy entries are kept."""
    configured = os.environ.get(ENV_DIR, "")
    return Path(configured) if configured else user_cache_dir() / "policies"


def enabled() -> bool:
    """Whether loading may use the cache: not turned off by ``--no-cache`` or the environment."""
    return _enabled.get() and os.environ.get(ENV_OFF, "").strip() in ("", "0")


@contextlib.contextmanager
def setting(on: bool) -> Iterator[None]:
    """Turn the cache off (``on=False``) for the loads made inside the block."""
    token = _enabled.set(_enabled.get() and on)
    try:
        yield
    finally:
        _enabled.reset(token)


@functools.cache
def fingerprint() -> bytes:
    """What, beside a file's bytes, decides what reading it produces."""
    import pydantic
    import yaml

    from responsibility import __version__

    h = hashlib.sha256()
    for part in (__version__, str(FORMAT), sys.version, pydantic.VERSION, yaml.__version__):
        h.update(part.encode() + b"\x00")
    package = Path(__file__).resolve().parent.parent
    # The reader, the model and their validators: every module of the two lowest layers.
    for module in sorted([*package.glob("core/*.py"), *package.glob("policy/*.py")]):
        h.update(module.relative_to(package).as_posix().encode() + b"\x00" + module.read_bytes())
    return h.digest()


def key(raw: bytes) -> str:
    """The entry key of a file whose bytes are `raw`."""
    return key_of(hashlib.sha256(raw).digest())


def key_of(digest: bytes) -> str:
    """The entry key of a file whose bytes have the SHA-256 `digest` (the loader has it anyway,
    to find positions later: the bytes are hashed once)."""
    return hashlib.sha256(fingerprint() + digest).hexdigest()


def marks_key(digest: bytes) -> str:
    """The entry key of the positions of a file whose bytes have the SHA-256 `digest`: kept apart
    from its document, and read only when a report needs a position (a warm `check` used to
    parse every file with a finding again to find one, and took longer than a cold run)."""
    return hashlib.sha256(fingerprint() + b"marks\x00" + digest).hexdigest()


class _Unpickler(pickle.Unpickler):
    """Builds only the policy model's classes, its enums and dates; anything else is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name == "date":
            return dt.date
        if module == "responsibility.policy.model":
            from pydantic import BaseModel

            from responsibility.policy import model

            cls = getattr(model, name, None)
            if cls is model.SharedFieldSet:  # the field-name sets the models of a document share
                return cls
            if isinstance(cls, type) and issubclass(cls, BaseModel | enum.Enum):
                return cls
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")


def _path(root: Path, k: str) -> Path:
    return root / k[:2] / f"{k}.pickle"


def get(k: str) -> Any | None:
    """The value stored under `k`, or None (missing, unreadable, or not a valid entry)."""
    try:
        data = _path(folder(), k).read_bytes()
    except (OSError, RuntimeError):  # RuntimeError: no home directory to find
        return None
    if not data.startswith(_MAGIC):
        return None
    try:
        return _Unpickler(io.BytesIO(data[len(_MAGIC) :])).load()
    except Exception:  # a corrupt entry (any unpickling error) is a miss; the next put replaces it
        return None


def put(k: str, value: Any) -> None:
    """Store `value` under `k`, atomically; a cache that cannot be written is silently skipped."""
    import tempfile  # here: only a run that stores pays for it

    try:
        target = _path(folder(), k)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pickle")
    except (OSError, RuntimeError):
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_MAGIC)
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except Exception:  # pickling or writing failed: leave no temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
