"""Which characters get pinyin at the `hard` level, decided from data, never a typed list.

A word is hard when a reader may not know it:
- it is rare: wordfreq's Zipf frequency below the threshold (3.0 by default: 夯实 2.1,
  绸缪 1.5, 汛 2.0), unless it is a compound of common parts (坚决贯彻 = 坚决 + 贯彻);
- it is a name jieba's HMM found outside its dictionary and tags as a person or place
  (孙慧姣). Dictionary words are judged by frequency alone: jieba's dictionary tags many
  everyday words as names (养老 nr, 深度 ns). Other words outside the dictionary are hard
  only with a rare character in them: they are mostly common characters the HMM glued
  together (更实, 警情). Numerals and measure words (五篇) are never hard;
- it is a lexicon entry.
A character is also hard when it is polyphonic and read here other than pypinyin's first
reading, in a word of two or more characters that is not very common (处置 chǔ, 应急 yìng).
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.han import HAN
from reader.pronounce import name_tags
from reader.pronounce.frequency import zipf
from reader.pronounce.g2pm_batch import is_polyphone
from reader.pronounce.readings import Reading, default_reading

DEFAULT_HARD_ZIPF = 3.0
# A polyphone read other than its first reading is hard in words rarer than this above
# the threshold (作为 wéi at 5.7 is not, 处置 chǔ at 4.3 is).
_POLYPHONE_MARGIN = 1.5
_COMMON_CHAR = 4.0  # 和 6.9, 员 4.6: a character this common reads as a part of its own
_ALL_HAN = re.compile(f"[{HAN}]*")


def _rare(word: str, threshold: float) -> bool:
    if zipf(word) >= threshold:
        return False
    return len(word) < 3 or not _compound_of_common_parts(word, threshold)


def _compound_of_common_parts(word: str, threshold: float) -> bool:
    """Whether `word` splits into common words and common single characters, at least one
    part being a word (党和人民 = 党 + 和 + 人民, 调解员 = 调解 + 员; not 安不忘危, not
    刀把子, which split only into characters or rare pieces)."""
    # best[end]: None if word[:end] cannot be split so; else whether a word part was used.
    best: list[bool | None] = [False] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(end):
            part = word[start:end]
            if best[start] is None or part == word:
                continue
            if len(part) == 1 and zipf(part) >= _COMMON_CHAR:
                best[end] = bool(best[end]) or bool(best[start])
            elif len(part) > 1 and zipf(part) >= threshold:
                best[end] = True
    return best[-1] is True


def _hard_word(text: str, tag: str, threshold: float) -> bool:
    if _ALL_HAN.fullmatch(text) is None:  # forms.is_han for every character, in one match
        return False
    if tag == "lex":
        return True
    if tag.startswith("m"):
        return False  # numerals and measure words: 五篇, 第一道
    if tag == "new":
        parts = name_tags.word_parts(text)
        if len(parts) > 1:
            return any(_hard_word(part, flag, threshold) for part, flag in parts)
        if parts[0][1].startswith(name_tags.NAME_TAGS):
            return True
        # Not a name: two common characters the HMM glued (更实, 警情) read as they look.
        return any(zipf(char) < threshold for char in text)
    return _rare(text, threshold)


def hard_flags(reading: Reading, threshold: float = DEFAULT_HARD_ZIPF) -> list[bool]:
    """One flag per character of the sentence `reading` was made from."""
    flags: list[bool] = []
    syllables = reading.syllables
    start = 0
    for word in reading.words:
        text = word.text
        end = start + len(text)
        flags += _word_flags(text, word.tag, syllables[start:end], threshold)
        start = end
    return flags


@lru_cache(maxsize=1 << 17)
def _word_flags(
    text: str, tag: str, syllables: tuple[str | None, ...], threshold: float
) -> tuple[bool, ...]:
    """The flags of one word: they depend on nothing else, and words recur."""
    if _hard_word(text, tag, threshold):
        return tuple(syllable is not None for syllable in syllables)
    if len(text) < 2 or zipf(text) >= threshold + _POLYPHONE_MARGIN:
        return (False,) * len(syllables)  # no polyphone in it is a surprise (_hard_char)
    return tuple(
        syllable is not None and _hard_char(char, syllable)
        for char, syllable in zip(text, syllables, strict=True)
    )


def _hard_char(char: str, syllable: str) -> bool:
    """A polyphone read other than pypinyin's first reading (in a word of two or more
    characters that is not very common: _word_flags checks that)."""
    default = default_reading(char)
    return (
        default is not None
        and syllable != default
        and char not in "一不"
        and not syllable.endswith("5")  # a neutral tone is no surprise
        and is_polyphone(char)
    )


def clear_caches() -> None:
    """Forget every per-word result (for timing a cold run)."""
    _word_flags.cache_clear()
    name_tags.clear_caches()
