"""Pinyin as HTML ruby, one `<ruby>` per character so each syllable sits over its own glyph.

`<rp>` parentheses keep the text readable where ruby is not rendered; the rest of the page
decides (with CSS) whether a screen reader or the eye sees the annotations.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Final

from reader.model import Syllable
from reader.page.levels import PinyinLevel, pinyin_level

# Not a level: every reading, with class="h" on the hard ones, so the page's CSS picks the level.
SWITCHABLE: Final = "toggle"


def _ruby(text: str, pinyin: str, hard_class: bool) -> str:
    opening = '<ruby class="h">' if hard_class else "<ruby>"
    return f"{opening}{html.escape(text)}<rp>(</rp><rt>{html.escape(pinyin)}</rt><rp>)</rp></ruby>"


def ruby_markup(syllables: Sequence[Syllable], level: str) -> str:
    """Escaped HTML of a sentence's syllables with ruby at `level` (a `PinyinLevel` or a word
    for one, or `SWITCHABLE`): hard syllables only, every Han syllable, or plain text."""
    switchable = level == SWITCHABLE
    shown = PinyinLevel.ALL if switchable else pinyin_level(level)
    parts = []
    for syllable in syllables:
        annotate = shown is PinyinLevel.ALL or (shown is PinyinLevel.HARD and syllable.hard)
        if annotate and syllable.pinyin is not None:
            parts.append(_ruby(syllable.text, syllable.pinyin, switchable and syllable.hard))
        else:
            parts.append(html.escape(syllable.text))
    return "".join(parts)
