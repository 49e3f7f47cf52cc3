"""Writing files safely: atomically, all or nothing, and never silently over a user's different file.

Files are written to a temporary file beside the target and renamed into place. The temporary
file is created private (0600), so each output is given the mode a plain ``open(path, "w")``
would have given it: the existing file's mode when it replaces one, else 0666 less the umask.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path


class RefusedOverwrite(ValueError):
    """A file exists with other content and --force was not given."""


def current_umask() -> int:
    """The process's umask. There is no getter: it is set and put back at once."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_mode(directory: bool = False) -> int:
    """The mode a plain open() (0666) or mkdir() (0777) gives a new file or folder: less the umask."""
    return (0o777 if directory else 0o666) & ~current_umask()


def output_mode(path: Path) -> int:
    """The permission bits file `path` gets when written: those of the file it replaces, as with
    open(path, "w"), else those of a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return new_mode()


def _needs_writing(path: Path, data: bytes, force: bool) -> bool:
    """False when `path` already holds `data`; raises RefusedOverwrite when it holds other bytes.

    Only a regular file is ever replaced or read: a directory, device (`/dev/full`), FIFO or
    socket in the target's place is refused before anything is written, as is a parent that
    is not a folder.
    """
    for parent in (path.parent, *path.parent.parents):
        if os.path.lexists(parent):
            if not parent.is_dir():
                raise ValueError(f"{parent} is not a folder; cannot write {path}")
            break
    try:
        info = path.stat()
    except FileNotFoundError:
        return True
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"{path} is {_kind(info.st_mode)}, not a file; give a file name")
    # A file of another size differs: no need to read it (it may be large).
    if info.st_size == len(data) and path.read_bytes() == data:
        return False
    if not force:
        raise RefusedOverwrite(f"{path} exists and differs; pass --force to overwrite it")
    return True


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "not a regular file"


def _stage(path: Path, data: bytes) -> str:
    """`data` in a temporary file beside `path`, synced, with `path`'s output mode; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = output_mode(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_bytes_atomic(path: Path, data: bytes, force: bool = False) -> bool:
    """Write `data` to `path` through a temporary file and a rename.

    Returns False when the file already holds exactly `data` (nothing written). Raises
    :class:`RefusedOverwrite` when it holds something else and `force` is false.
    """
    return bool(write_files_atomic({path: data}, force))


def write_text_atomic(path: Path, text: str, force: bool = False) -> bool:
    return write_bytes_atomic(path, text.encode("utf-8"), force)


def write_files_atomic(files: Mapping[Path, bytes], force: bool = False) -> list[Path]:
    """Write several files all or nothing; returns those that changed, in the order given.

    Every target is checked before any is written (one refusal writes nothing), every new
    content is staged beside its target, and only then are the files renamed into place; if a
    rename fails, the files already replaced get their old content back and new ones are removed.
    """
    changed = [p for p, data in files.items() if _needs_writing(p, data, force)]
    staged: dict[Path, str] = {}
    try:
        for path in changed:
            staged[path] = _stage(path, files[path])
        old = {p: p.read_bytes() for p in changed if p.is_file()}
        done: list[Path] = []
        try:
            for path in changed:
                os.replace(staged[path], path)
                del staged[path]
                done.append(path)
        except BaseException:
            for path in done:
                if path in old:
                    os.replace(_stage(path, old[path]), path)
                else:
                    path.unlink()
            raise
    finally:
        for tmp in staged.values():
            os.unlink(tmp)
    return changed
