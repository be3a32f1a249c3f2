"""Unknown abbreviations follow the article: a polyphone in an unknown word that is no name
and that no listed phrase covers reads as the article's listed words read that character.

Used by `readings.read(..., one_text=True)`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from reader.pronounce import g2pm_batch, grammar, name_tags, phrases, surnames

if TYPE_CHECKING:
    from reader.pronounce.readings import Reading

# A word's polyphones that no listed phrase covers, by index.
Unphrased = Callable[[str], Sequence[int]]

# How many words a dictionary knows must agree on a character's reading before an unknown
# abbreviation of the same text follows them.
_AGREEING_WORDS = 2


def follow_the_text(found: list[Reading], unphrased: Unphrased) -> list[Reading]:
    """A polyphone in an unknown word that is no name and that no listed phrase covers (公调,
    诉调: short for 公安调解, 诉讼调解) is read as the same text reads that character in the words
    pypinyin's phrase dictionary does know (调解, 协调: tiáo), when at least two of them
    agree and none differs. g2pM, with no word to go on, picks the character's most common
    sense there (diào), which a listener hears as another word."""
    known: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for reading in found:
        offset = 0
        for word in reading.words:
            if len(word.text) > 1 and word.tag != "lex" and phrases.is_listed(word.text):
                said = reading.syllables[offset : offset + len(word.text)]
                for char, syllable in zip(word.text, said, strict=True):
                    if syllable is not None and g2pm_batch.is_polyphone(char):
                        known.setdefault(char, set()).add(syllable)
                        counts[char] = counts.get(char, 0) + 1
            offset += len(word.text)
    agreed = {
        char: next(iter(said))
        for char, said in known.items()
        if len(said) == 1 and counts[char] >= _AGREEING_WORDS
    }
    return [_followed(reading, agreed, unphrased) for reading in found] if agreed else found


def _followed(reading: Reading, agreed: dict[str, str], unphrased: Unphrased) -> Reading:
    syllables = list(reading.syllables)
    offset = 0
    for at, word in enumerate(reading.words):
        if word.tag == "new":
            followed = [
                index
                for index in unphrased(word.text)
                if word.text[index] in agreed
                # (not where grammar read it from its neighbours, nor a surname: 姓单)
                and grammar.reading(reading.words, at, index) is None
                and surnames.surname_of_name(reading.words, at, index) is None
            ]
            if followed and _abbreviation(word.text):
                for index in followed:
                    syllables[offset + index] = agreed[word.text[index]]
        offset += len(word.text)
    return replace(reading, syllables=tuple(syllables))


@cache
def _abbreviation(word: str) -> bool:
    """A word jieba's tagger keeps whole and does not take for a name: names keep the
    readings g2pM gives them (王媛 yuán, though 名媛 says yuàn)."""
    parts = name_tags.word_parts(word)
    return len(parts) == 1 and not parts[0][1].startswith(name_tags.NAME_TAGS)


def clear_caches() -> None:
    _abbreviation.cache_clear()
