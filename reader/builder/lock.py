"""One build per article folder at a time: a file lock on `<folder>/.lock` (filelock).

A second build of the same folder does not wait: it fails at once with BusyError (exit 75,
"try again later"), so a scheduled job never piles up behind a stuck one, and the other
articles of the same command still build.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from reader.errors import OutputError
from reader.locking import held_lock

LOCK_NAME = ".lock"


@contextlib.contextmanager
def folder_lock(folder: Path, timeout: float = 0.0) -> Iterator[None]:
    """Hold `folder`'s build lock (creating the folder) or raise BusyError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create {folder}: {error.strerror or error}") from error
    with held_lock(
        folder / LOCK_NAME,
        timeout=timeout,
        busy_message=f"{folder}: another build is writing this folder; try again later",
        error_message=f"cannot lock {folder}",
    ):
        yield
