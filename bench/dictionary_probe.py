"""A probe of the words pypinyin's phrase dictionary lists: is reader never worse than it?

Built at run time from the installed packages, nothing stored:
- every word of pypinyin's phrase dictionary (`pypinyin.phrases_dict`) made only of Han
  characters, with exactly one listed reading per character;
- that holds at least one polyphone: a character g2pM's CC-CEDICT digest
  (`g2pM/digest_cedict.pkl`, character -> its CC-CEDICT readings) lists with two readings or
  more, other than 一 and 不 (the page shows those in their citation tone, while the phrase
  dictionary stores them with tone sandhi applied);
- whose reading of every such polyphone is one CC-CEDICT lists for the character (the digest
  is per character, so this is the agreement it can check: a dictionary reading CC-CEDICT
  does not know for the character at all is left out of the probe).

Each word is put in one neutral sentence, `FRAME` (他说“{word}”这个词。): the quotation marks
are not Han, so jieba cuts the word on its own, exactly as it cuts the bare word, and no
neighbour can merge with it. Scored: each polyphone's reading against the dictionary's.
`half(word)` splits the words in two by a stable hash (CRC-32 of the UTF-8 word), so a
threshold can be tuned on the even half and reported on the odd one.

Use from another bench script (bench/ is on sys.path when a script there runs):
    from dictionary_probe import build_probe, score
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

FRAME = "他说“{word}”这个词。"
_WORD_AT = FRAME.index("{word}")
_SKIPPED_CHARS = frozenset("一不")


@dataclass(frozen=True)
class ProbeWord:
    word: str
    sentence: str  # the word inside FRAME
    positions: tuple[int, ...]  # the probed polyphones, as indices into `sentence`
    expected: tuple[str, ...]  # the dictionary's reading of each, tone numbers, "v" for ü

    @property
    def half(self) -> int:
        return half(self.word)


def half(word: str) -> int:
    """0 (even) or 1 (odd): a stable split of the probe's words, the same in every run."""
    return zlib.crc32(word.encode("utf-8")) % 2


@cache
def build_probe() -> tuple[ProbeWord, ...]:
    """Every probe word, in the phrase dictionary's order."""
    from pypinyin.phrases_dict import phrases_dict

    from reader.pronounce import forms, g2pm_batch

    probe: list[ProbeWord] = []
    for word, entry in phrases_dict.items():
        if len(word) < 2 or len(entry) != len(word) or not all(map(forms.is_han, word)):
            continue
        if any(len(listed) != 1 for listed in entry):
            continue
        positions: list[int] = []
        expected: list[str] = []
        agrees = True
        for index, (char, listed) in enumerate(zip(word, entry, strict=True)):
            if char in _SKIPPED_CHARS or not g2pm_batch.is_polyphone(char):
                continue
            reading = forms.from_marks(listed[0])
            known = {forms.from_g2pm(r) for r in g2pm_batch.cedict_readings(char)}
            if reading not in known:
                agrees = False
                break
            positions.append(_WORD_AT + index)
            expected.append(reading)
        if agrees and positions:
            sentence = FRAME.format(word=word)
            probe.append(ProbeWord(word, sentence, tuple(positions), tuple(expected)))
    return tuple(probe)


@dataclass(frozen=True)
class Score:
    """Agreement with the dictionary on the probed polyphones of some words."""

    hits: int
    total: int
    by_half: tuple[tuple[int, int], tuple[int, int]]  # (hits, total) on the even, odd half
    misses: Counter[tuple[str, str, str, str]]  # (word, char, dictionary, answer) -> count
    missed_chars: Counter[tuple[str, str, str]]  # (char, dictionary, answer) -> count

    @property
    def percent(self) -> float:
        return 100.0 * self.hits / self.total if self.total else 100.0

    def half_percent(self, which: int) -> float:
        hits, total = self.by_half[which]
        return 100.0 * hits / total if total else 100.0


def score(probe: Sequence[ProbeWord], answers: Sequence[Sequence[str | None]]) -> Score:
    """Compare `answers` (per probe word, one reading per probed position, in order) with
    the dictionary's readings."""
    hits = total = 0
    halves = [[0, 0], [0, 0]]
    misses: Counter[tuple[str, str, str, str]] = Counter()
    missed_chars: Counter[tuple[str, str, str]] = Counter()
    for item, answer in zip(probe, answers, strict=True):
        side = halves[item.half]
        for position, expected, got in zip(item.positions, item.expected, answer, strict=True):
            total += 1
            side[1] += 1
            if got == expected:
                hits += 1
                side[0] += 1
                continue
            char = item.sentence[position]
            misses[(item.word, char, expected, got or "-")] += 1
            missed_chars[(char, expected, got or "-")] += 1
    return Score(
        hits,
        total,
        ((halves[0][0], halves[0][1]), (halves[1][0], halves[1][1])),
        misses,
        missed_chars,
    )


def cedict_words_agree(probe: Sequence[ProbeWord]) -> list[bool] | None:
    """Per probe word: whether CC-CEDICT's own word list (`reader.pronounce.cedict`, the
    full dictionary, not g2pM's per-character digest) lists the word with the dictionary's
    reading on every probed polyphone. None when that module is not there."""
    try:
        from reader.pronounce import cedict
    except ImportError:
        return None
    agree: list[bool] = []
    for item in probe:
        listed = cedict.reading(item.word)
        offset = item.sentence.index(item.word)
        agree.append(
            listed is not None
            and all(
                listed[position - offset] == expected
                for position, expected in zip(item.positions, item.expected, strict=True)
            )
        )
    return agree


def reader_answers(probe: Sequence[ProbeWord]) -> list[list[str | None]]:
    """reader's reading step (`readings.read`, what the page shows) on the probe sentences."""
    from reader.pronounce import readings

    found = readings.read([item.sentence for item in probe])
    return [
        [reading.syllables[p] for p in item.positions]
        for item, reading in zip(probe, found, strict=True)
    ]


def pypinyin_answers(probe: Sequence[ProbeWord]) -> list[list[str | None]]:
    """Plain pypinyin (its own phrase segmentation) on the probe sentences."""
    from typing import Any

    from pypinyin import Style, lazy_pinyin

    one_per_char: Any = list  # one item per non-Han character: positions line up
    answers: list[list[str | None]] = []
    for item in probe:
        said = lazy_pinyin(
            item.sentence, style=Style.TONE3, neutral_tone_with_five=True, errors=one_per_char
        )
        answers.append([said[p].replace("u:", "v") for p in item.positions])
    return answers


def g2pm_answers(probe: Sequence[ProbeWord]) -> list[list[str | None]]:
    """g2pM alone (our batched run of its model): its most likely reading of each polyphone."""
    from reader.pronounce import g2pm_batch

    queries = [g2pm_batch.Query(item.sentence, item.positions) for item in probe]
    answers: list[list[str | None]] = []
    for scores in g2pm_batch.score(queries):
        answers.append(
            [
                max(found, key=found.__getitem__).replace("u:", "v") if found else None
                for found in scores
            ]
        )
    return answers
