"""Skip a build whose inputs and outputs have not changed since the last one.

`.build-state.json` in the article folder records a key over everything that shapes the
output (input bytes, options, lexicon, reader version) and the checksum of every file written.
A rebuild with the same key and every file intact does nothing; anything else rebuilds (the
speech cache keeps that cheap).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reader.fsutil import write_text_atomic
from reader.package.digest import sha256_file

STATE_NAME = ".build-state.json"
STATE_FORMAT = 1


def build_key(parts: Mapping[str, Any]) -> str:
    encoded = json.dumps({"format": STATE_FORMAT, **parts}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def up_to_date(folder: Path, key: str) -> bool:
    """True when the last build had this key and all its files are still as written."""
    try:
        state = json.loads((folder / STATE_NAME).read_text(encoding="utf-8"))
        if state.get("key") != key or state.get("format") != STATE_FORMAT:
            return False
        files: dict[str, str] = state["files"]
        return all(sha256_file(folder / name) == digest for name, digest in files.items())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def save_state(folder: Path, key: str, files: Mapping[str, str]) -> None:
    """Record the key and the checksums (relative path → sha256) of the files written."""
    state = {"format": STATE_FORMAT, "key": key, "files": dict(sorted(files.items()))}
    write_text_atomic(folder / STATE_NAME, json.dumps(state, indent=1) + "\n")
