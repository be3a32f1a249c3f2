"""The pinyin level: how much pinyin a reader sees. One vocabulary for the page, its script
(`assets/page.js` reads these same words), `reader pinyin --level` and the ruby markup."""

from __future__ import annotations

from enum import StrEnum

from reader.errors import UsageError


class PinyinLevel(StrEnum):
    HARD = "hard"  # over the hard words only
    ALL = "all"  # over every Han character
    OFF = "off"  # none


LABELS = {PinyinLevel.HARD: "难词", PinyinLevel.ALL: "全部", PinyinLevel.OFF: "关闭"}
# Other words accepted for a level: `reader pinyin` said "none" before it said "off".
ALIASES = {"none": PinyinLevel.OFF}
WORDS = (*(level.value for level in PinyinLevel), *ALIASES)  # every word a user may type


def pinyin_level(word: str) -> PinyinLevel:
    """The level a word names; a usage error when it names none."""
    level = ALIASES.get(word) or next((level for level in PinyinLevel if level == word), None)
    if level is None:
        raise UsageError(f"unknown pinyin level {word!r} (choose {', '.join(WORDS)})")
    return level
