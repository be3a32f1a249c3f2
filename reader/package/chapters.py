"""`chapters.json`: Podcasting 2.0 JSON chapters (version 1.2.0), one per section."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from reader.package.tags import Chapter

CHAPTERS_VERSION = "1.2.0"


def chapters_json(chapters: Sequence[Chapter]) -> str:
    """The JSON chapters document."""
    entries: list[dict[str, Any]] = [
        {
            "startTime": round(chapter.start, 3),
            "endTime": round(chapter.end, 3),
            "title": chapter.title,
        }
        for chapter in chapters
    ]
    document = {"version": CHAPTERS_VERSION, "chapters": entries}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
