"""Writing files safely: atomically, and never silently over a user's different file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class RefusedOverwrite(ValueError):
    """A file exists with other content and --force was not given."""


def write_bytes_atomic(path: Path, data: bytes, force: bool = False) -> bool:
    """Write `data` to `path` through a temporary file and a rename.

    Returns False when the file already holds exactly `data` (nothing written). Raises
    :class:`RefusedOverwrite` when it holds something else and `force` is false.
    """
    if path.exists():
        if path.read_bytes() == data:
            return False
        if not force:
            raise RefusedOverwrite(f"{path} exists and differs; pass --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return True


def write_text_atomic(path: Path, text: str, force: bool = False) -> bool:
    return write_bytes_atomic(path, text.encode("utf-8"), force)
