"""The names inside an article folder (kept apart from the writers, which load the packaging
stages: the up-to-date check and the commit need only the names)."""

from __future__ import annotations

AUDIO_DIR = "audio"
PAGE_NAME = "index.html"
CHAPTERS_NAME = "chapters.json"
STAGING_NAME = ".staging"
