"""An exclusive file lock (filelock) whose failures are one-line `reader.errors` exceptions."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from reader.errors import BusyError, OutputError


@contextlib.contextmanager
def held_lock(
    lock_path: Path, *, timeout: float, busy_message: str, error_message: str
) -> Iterator[None]:
    """Hold the lock at `lock_path` for the block.

    Raises BusyError(`busy_message`) when another process holds it past `timeout` seconds, and
    OutputError(`error_message: <reason>`) when the lock file cannot be made.
    """
    lock = FileLock(str(lock_path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout as error:
        raise BusyError(busy_message) from error
    except OSError as error:
        raise OutputError(f"{error_message}: {error.strerror or error}") from error
    try:
        yield
    finally:
        lock.release()
