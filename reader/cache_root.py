"""Where reader keeps what it can make again (spoken sentences, the voice's model, the
pronouncer's tables): `$READER_CACHE_DIR`, else the platform's user cache folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

CACHE_DIR_ENV = "READER_CACHE_DIR"


def cache_root() -> Path:
    """`$READER_CACHE_DIR`, else the platform's user cache folder for reader."""
    configured = os.environ.get(CACHE_DIR_ENV)
    return Path(configured) if configured else Path(platformdirs.user_cache_dir("reader"))
