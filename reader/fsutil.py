"""Atomic file writes: a reader of the destination sees the old file or the new one, never half.

A destination the user named (`-o`, `through=True`) that is not a regular file is never
replaced: a symlink is written through (its target gets the new file, the link stays), a
character device or FIFO (`/dev/null`, `/dev/stdout`, a pipe to another program) is written
to directly, and a block device, socket or folder is refused. A file reader names itself (in
an output folder, the cache) is never written through: a symlink planted there is replaced by
the file, so a build run as root cannot be steered into overwriting the link's target, and
anything else that is not a regular file is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from reader.errors import InputError, OutputError

SETTINGS_MAX_SIZE = 1024 * 1024  # a config or voice preset; far past any real one

# mkstemp makes 0600 files; published files (pages, MP3s, feeds) must be readable by a web
# server or playout system like any file the user creates. Read the umask once, at import.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _mode_for(path: Path) -> int:
    """The destination's current permissions, or what a new file gets under the umask."""
    try:
        status = path.lstat()
    except OSError:
        return 0o666 & ~_UMASK
    return status.st_mode & 0o777 if stat.S_ISREG(status.st_mode) else 0o666 & ~_UMASK


@contextlib.contextmanager
def atomic_writer(path: Path, *, through: bool = False) -> Iterator[IO[bytes]]:
    """Open a temporary file beside `path`; on success fsync and rename it over `path`.
    `through` (a destination the user named): a symlink's target is written instead, and a
    device or FIFO is written through."""
    path = Path(path)
    if through and path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode = path.stat().st_mode if through or not path.is_symlink() else stat.S_IFREG
    except OSError:
        mode = 0  # absent (or unreachable: mkstemp below says why)
    if mode and not stat.S_ISREG(mode):
        if not through:
            raise OutputError(f"cannot write {path}: not a regular file (remove it)")
        with _written_through(path, mode) as handle:
            yield handle
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from error
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), _mode_for(path))
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as error:
        tmp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from error
        raise


@contextlib.contextmanager
def _written_through(path: Path, mode: int) -> Iterator[IO[bytes]]:
    """Write straight into a character device or FIFO; refuse anything else."""
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise OutputError(f"cannot write {path}: {kind} (name a file)")
    try:
        with open(path, "wb") as handle:
            yield handle
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from error


def write_bytes_atomic(path: Path, data: bytes, *, through: bool = False) -> None:
    with atomic_writer(path, through=through) as handle:
        handle.write(data)


def write_text_atomic(path: Path, text: str, *, through: bool = False) -> None:
    write_bytes_atomic(path, text.encode("utf-8"), through=through)


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The bytes of `path`, refused (InputError, naming `what`) past `limit` bytes, so a
    device such as /dev/zero or a huge file is never read whole into memory."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except IsADirectoryError as error:
        raise InputError(f"{path}: cannot read {what}: it is a folder") from error
    except OSError as error:
        raise InputError(f"{path}: cannot read {what}: {error.strerror or error}") from error
    if len(data) > limit:
        raise InputError(f"{path}: {what} larger than {limit:,} bytes")
    return data
