"""Pinyin spellings: our internal form is tone numbers with "v" for ü ("lv4", "zi5").

Display uses tone marks ("lǜ", "zi"); g2pM writes ü as "u:"; pypinyin writes tone marks.
"""

from __future__ import annotations

import re
from functools import cache

from reader.han import is_han as is_han  # the pronounce stage asks forms; one definition

_TONE3 = re.compile(r"^[a-zü:]+[1-5]$")


@cache
def from_marks(marked: str) -> str:
    """ "lǜ" -> "lv4", "zi" -> "zi5"."""
    from pypinyin.contrib.tone_convert import to_tone3

    result: str = to_tone3(marked, neutral_tone_with_five=True)
    if not result[-1:].isdigit():
        result += "5"
    return result


def from_g2pm(reading: str) -> str:
    """ "lu:4" -> "lv4"."""
    return reading.replace("u:", "v")


@cache
def to_marks(tone3: str) -> str:
    """ "lv4" -> "lǜ", "zi5" -> "zi"."""
    from pypinyin.contrib.tone_convert import to_tone

    marked: str = to_tone(tone3)
    return marked


def parse(reading: str) -> str:
    """One syllable a person typed, as "zhong4", "lu:4", "lü4" or "zhòng", in our form."""
    text = reading.strip().lower()
    if text[-1:].isdigit():
        text = text.replace("u:", "v").replace("ü", "v")
        if not _TONE3.match(text) or text[-1] == "0":
            raise ValueError(f"not a pinyin syllable: {reading!r}")
        return text
    if not text or not all(char.isalpha() for char in text):
        raise ValueError(f"not a pinyin syllable: {reading!r}")
    return from_marks(text)


def tone(tone3: str) -> int:
    return int(tone3[-1])


def with_tone(tone3: str, new_tone: int) -> str:
    return f"{tone3[:-1]}{new_tone}"
