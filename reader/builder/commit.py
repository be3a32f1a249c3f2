"""Replace an article folder's files as one step: stage the new set, then move it in.

A build writes every file into `<folder>/.staging/` while the folder keeps serving the old
build. When the set is complete, a journal (`.staging/.complete`: the names and checksums)
is written atomically, then each file is renamed into place, files of the old build that the
new one did not write are removed, the state file is written last, and the staging folder
goes. A build killed before the journal leaves the old folder untouched (the next build
throws the half-made staging away); one killed after it is finished by the next build
(`recover`), so the folder never stays a mix of two builds.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from reader.builder.layout import AUDIO_DIR, STAGING_NAME
from reader.builder.state import save_state
from reader.errors import OutputError
from reader.fsutil import write_text_atomic
from reader.package.digest import sha256_file

JOURNAL_NAME = ".complete"
UNCHECKED = {"report.txt"}  # written, but not part of the up-to-date check


def staging_folder(folder: Path) -> Path:
    """An empty staging folder inside `folder` (call under the folder's lock)."""
    staging = folder / STAGING_NAME
    shutil.rmtree(staging, ignore_errors=True)
    try:
        (staging / AUDIO_DIR).mkdir(parents=True)
    except OSError as error:
        raise OutputError(f"cannot create {staging}: {error.strerror or error}") from error
    return staging


def discard(folder: Path) -> None:
    """Throw away an unfinished staging folder (a failed or interrupted build)."""
    staging = folder / STAGING_NAME
    if not (staging / JOURNAL_NAME).exists():
        shutil.rmtree(staging, ignore_errors=True)


def commit(folder: Path, names: Iterable[str], key: str) -> None:
    """Move the staged files `names` (relative paths) into `folder` and record the state."""
    staging = folder / STAGING_NAME
    names = sorted(set(names))
    checked = {name: sha256_file(staging / name) for name in names if name not in UNCHECKED}
    journal = {"key": key, "files": names, "checksums": checked}
    write_text_atomic(staging / JOURNAL_NAME, json.dumps(journal, indent=1) + "\n")
    _move_in(folder)


def recover(folder: Path) -> None:
    """Finish a commit that was interrupted after its journal, or drop an unfinished staging
    folder; and remove temporary files of writes killed midway. Call under the lock."""
    staging = folder / STAGING_NAME
    if (staging / JOURNAL_NAME).is_file():
        _move_in(folder)
    else:
        shutil.rmtree(staging, ignore_errors=True)
    for pattern in (".*.tmp", f"{AUDIO_DIR}/.*.tmp"):
        for leftover in folder.glob(pattern):
            leftover.unlink(missing_ok=True)


def _order(name: str) -> tuple[int, str]:
    # Audio first, the files describing it after, the manifest last: a reader of the folder
    # during the moves finds the manifest's files already in place.
    if name.startswith(f"{AUDIO_DIR}/"):
        return 0, name
    return (2 if name == "manifest.json" else 1), name


def _move_in(folder: Path) -> None:
    staging = folder / STAGING_NAME
    try:
        journal = json.loads((staging / JOURNAL_NAME).read_text(encoding="utf-8"))
        names: list[str] = journal["files"]
        for name in sorted(names, key=_order):
            source = staging / name
            if source.exists():  # absent: moved before an interruption
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                _rename(source, folder / name)
        _remove_stale(folder, set(names))
        save_state(folder, journal["key"], journal["checksums"])
    except OSError as error:
        raise OutputError(f"cannot write {folder}: {error.strerror or error}") from error
    except (ValueError, KeyError, TypeError):
        pass  # a damaged journal: nothing trustworthy to finish; the next build rebuilds
    shutil.rmtree(staging, ignore_errors=True)


def _rename(source: Path, target: Path) -> None:
    os.replace(source, target)  # one name for the moves of a commit (a test interrupts them)


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Section files of an earlier build that this build did not write (sections changed),
    and its EPUB when this one was built without."""
    for book in folder.glob("*.epub"):
        if book.name not in keep:
            book.unlink(missing_ok=True)
    audio_dir = folder / AUDIO_DIR
    if not audio_dir.is_dir():
        return
    for path in audio_dir.iterdir():
        name = f"{AUDIO_DIR}/{path.name}"
        if path.suffix in (".mp3", ".vtt") and name not in keep:
            path.unlink(missing_ok=True)
