"""Tables derived from installed packages, kept on disk between commands.

Deriving the pronouncer's tables (CC-CEDICT's words, wordfreq's frequencies, jieba's
dictionary and word tags) takes about a second of every command that pronounces, and the
page's CC-CEDICT glosses a third of a second of every build process; reading them back takes
a tenth of that. Each table is a `marshal` file (plain data: loading it runs no code) in the
user's cache folder next to the speech cache (`cache_root() / "tables"`), named after its
key: reader's version, the Python that wrote it, the versions of the packages it is derived
from and the source of the module that derives it. So a new version of any of them, or an
edited rule, makes a new table; the old one is removed when the new one is written.

A file that cannot be read, is cut short or fails its checksum is ignored and the table
derived again. A table is written to a temporary file and renamed, so two commands writing
at once leave one whole table. A cache that cannot be written (read-only, full) is skipped:
the table is derived in every command, as without the cache. Nothing is ever downloaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import marshal
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import reader
from reader.cache_root import cache_root
from reader.errors import OutputError
from reader.fsutil import write_bytes_atomic

FOLDER = "tables"
_MAGIC = b"reader-table-1\n"
_HEADER = len(_MAGIC) + 8  # then the payload's CRC-32 and its length, 4 bytes each

Table = TypeVar("Table")


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def _source_digest(module: str) -> str:
    """The digest of a module's source: an edited rule makes a new table."""
    path = getattr(sys.modules.get(module), "__file__", None)
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest() if path else "-"
    except OSError:
        return "-"


def table_path(name: str, packages: Sequence[str], module: str) -> Path:
    """Where the table `name`, derived by `module` from `packages`, is kept."""
    key = "\n".join(
        [
            name,
            str(reader.__version__),
            sys.version,
            str(marshal.version),
            *(f"{package}={_version(package)}" for package in packages),
            _source_digest(module),
        ]
    )
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    return cache_root() / FOLDER / f"{name}-{digest}.marshal"


def read(path: Path) -> Any | None:
    """The table kept at `path`, or None if there is none or it is damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) < _HEADER or not data.startswith(_MAGIC):
        return None
    header = data[len(_MAGIC) : _HEADER]
    checksum, size = int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")
    payload = memoryview(data)[_HEADER:]
    if len(payload) != size or zlib.crc32(payload) != checksum:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def write(path: Path, table: Any) -> None:
    """Keep `table` at `path` (atomically) and remove the same table's older keys; a cache
    that cannot be written is skipped."""
    try:
        payload = marshal.dumps(table)
    except ValueError:  # not plain data: a bug, but the command goes on without the cache
        return
    header = zlib.crc32(payload).to_bytes(4, "big") + len(payload).to_bytes(4, "big")
    try:
        write_bytes_atomic(path, _MAGIC + header + payload)
    except OutputError:
        return
    name = path.name.rsplit("-", 1)[0]
    for older in path.parent.glob(f"{name}-*.marshal"):
        if older.name != path.name and older.name.rsplit("-", 1)[0] == name:
            with contextlib.suppress(OSError):
                older.unlink()


def cached(name: str, packages: Sequence[str], derive: Callable[[], Table]) -> Table:
    """The table `name` from the cache, else `derive()`d from `packages` and kept. `derive`'s
    module is part of the key, so editing it makes a new table."""
    path = table_path(name, packages, derive.__module__)
    found = read(path)
    if found is not None:
        kept: Table = found
        return kept
    table = derive()
    write(path, table)
    return table
