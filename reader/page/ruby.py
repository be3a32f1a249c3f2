"""Pinyin as HTML ruby, one `<ruby>` per character so each syllable sits over its own glyph.

`<rp>` parentheses keep the text readable where ruby is not rendered; the rest of the page
decides (with CSS) whether a screen reader or the eye sees the annotations.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from reader.errors import UsageError
from reader.model import Syllable

LEVELS = ("hard", "all", "none", "toggle")


def _ruby(text: str, pinyin: str, hard_class: bool) -> str:
    opening = '<ruby class="h">' if hard_class else "<ruby>"
    return f"{opening}{html.escape(text)}<rp>(</rp><rt>{html.escape(pinyin)}</rt><rp>)</rp></ruby>"


def ruby_markup(syllables: Sequence[Syllable], level: str) -> str:
    """Escaped HTML of a sentence's syllables with ruby at `level`:
    "hard" on hard syllables only, "all" on every Han syllable, "none" plain text, "toggle"
    on every Han syllable with class="h" on the hard ones (the page's CSS switches levels)."""
    if level not in LEVELS:
        raise UsageError(f"unknown pinyin level {level!r}; expected one of {', '.join(LEVELS)}")
    parts = []
    for syllable in syllables:
        annotate = syllable.pinyin is not None and (
            level in ("all", "toggle") or (level == "hard" and syllable.hard)
        )
        if annotate and syllable.pinyin is not None:
            parts.append(_ruby(syllable.text, syllable.pinyin, level == "toggle" and syllable.hard))
        else:
            parts.append(html.escape(syllable.text))
    return "".join(parts)
