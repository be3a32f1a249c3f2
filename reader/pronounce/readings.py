"""Context-correct citation readings: jieba words, pypinyin's dictionaries, g2pM, the lexicon.

Arbitration, per character (the lexicon always wins before this):
- a character CC-CEDICT lists with one reading: pypinyin's phrase reading if the word is in
  its phrase dictionary, else pypinyin's first reading of the character;
- a polyphonic character inside a word (or the longest phrase within the word) for which
  pypinyin's phrase dictionary has one reading: that reading when the phrase is common
  (Zipf >= `COMMON_PHRASE`), three characters or longer, or g2pM is unsure (probability below
  `TRUST_G2PM`); g2pM trained on Wikipedia and is confidently wrong on everyday words of
  news text (行业 xíng, 协调 diào), which the phrase dictionary gets right;
- other polyphonic characters: g2pM's most likely reading among the character's own readings,
  after a few context rules (为 before a pronoun is wèi; 得 after a verb is de); when g2pM
  is torn (probability below `G2PM_UNSURE`), pypinyin's first reading of the character.
The thresholds were chosen on the even lines of the CPP dev split; see bench/bench_pinyin.py.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from reader.pronounce import forms, frequency, g2pm_batch
from reader.pronounce.lexicon import Lexicon

TRUST_G2PM = 0.99
COMMON_PHRASE = 3.5
G2PM_UNSURE = 0.55

# Characters shown in their citation tone: pypinyin's phrase dictionary stores 一/不 with
# tone sandhi already applied (一个 yí gè), which belongs to speech, not display.
_CITATION = {"一": "yi1", "不": "bu4"}


@dataclass(frozen=True)
class Word:
    """A segment of a sentence. `tag` is jieba's dictionary part of speech ("nr", "ns", "i"
    ...), "new" for a word jieba's HMM found outside its dictionary (mostly names), "lex" for
    a lexicon word and "x" for anything that is not all Han characters."""

    text: str
    tag: str


@dataclass(frozen=True)
class Reading:
    words: tuple[Word, ...]
    syllables: tuple[str | None, ...]  # one per character: tone-number form, None if not Han


@dataclass(frozen=True)
class _Dictionaries:
    phrases: dict[str, list[list[str]]]
    chars: dict[int, str]
    tags: dict[str, str]
    known: dict[str, int]
    jieba: Any


@cache
def _dictionaries() -> _Dictionaries:
    import jieba
    import jieba.posseg
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return _Dictionaries(
        phrases=phrases_dict,
        chars=pinyin_dict,
        tags=jieba.posseg.dt.word_tag_tab,
        known=jieba.dt.FREQ,
        jieba=jieba.dt,
    )


def segment(text: str, lexicon: Lexicon) -> list[Word]:
    """jieba's words (with its HMM for unknown words), lexicon words kept whole."""
    words: list[Word] = []
    position = 0
    for start, end in [*lexicon.spans(text), (len(text), len(text))]:
        if start > position:
            words.extend(_jieba_words(text[position:start]))
        if end > start:
            words.append(Word(text[start:end], "lex"))
        position = end
    return words


def _jieba_words(text: str) -> list[Word]:
    found = _dictionaries()
    words = []
    for piece in found.jieba.cut(text, HMM=True):
        if not all(forms.is_han(char) for char in piece):
            tag = "x"
        elif piece in found.tags:
            tag = found.tags[piece]
        elif len(piece) > 1 and not found.known.get(piece):
            tag = "new"
        else:
            tag = "x"
        words.append(Word(piece, tag))
    return words


@cache
def default_reading(char: str) -> str | None:
    """pypinyin's first (most common) reading of a character."""
    listed = _dictionaries().chars.get(ord(char))
    return forms.from_marks(listed.split(",")[0]) if listed else None


@dataclass(frozen=True)
class _Candidate:
    """What the dictionaries say about one polyphonic character."""

    phrase: str  # the dictionary phrase that covers it ("" if none)
    phrase_readings: tuple[str, ...]
    default: str | None  # pypinyin's first reading of the character
    rule: str | None  # a context rule's reading


_NO_PHRASE: tuple[str, tuple[str, ...]] = ("", ())


def _phrase_candidates(word: str, index: int) -> tuple[str, tuple[str, ...]]:
    """pypinyin's phrase readings of word[index]: from the word, or the longest listed phrase
    inside it that covers the character."""
    if len(word) < 2:
        return _NO_PHRASE
    return _phrase_table(word)[index]


@cache
def _phrase_table(word: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(_find_phrase(_dictionaries(), word, index) for index in range(len(word)))


def _find_phrase(found: _Dictionaries, word: str, index: int) -> tuple[str, tuple[str, ...]]:
    entry = found.phrases.get(word)
    if entry is not None and len(entry) == len(word):
        return word, tuple(forms.from_marks(r) for r in entry[index])
    best: tuple[int, int] | None = None
    for start in range(index + 1):
        for end in range(len(word) - (start == 0), index, -1):
            if end - start < 2 or (best and end - start <= best[1] - best[0]):
                continue
            if word[start:end] in found.phrases:
                best = (start, end)
    if best is None:
        return _NO_PHRASE
    phrase = word[best[0] : best[1]]
    return phrase, tuple(forms.from_marks(r) for r in found.phrases[phrase][index - best[0]])


def _context_rule(words: Sequence[Word], at: int, index: int) -> str | None:
    """A few readings the model gets wrong in news text, decided by the neighbouring word."""
    word = words[at].text
    following = words[at + 1] if at + 1 < len(words) else None
    if word == "为" and following is not None and following.tag == "r":
        return "wei4"  # 为我们, 为人民: "for"
    if word == "得" and at > 0 and words[at - 1].tag.startswith(("v", "a")):
        return "de5"  # 估计得更充分: the complement marker after a verb or adjective
    return None


def read(texts: Sequence[str], lexicon: Lexicon | None = None) -> list[Reading]:
    """Readings of many sentences at once (g2pM runs as one batch over all of them)."""
    lexicon = lexicon or Lexicon.empty()
    all_words = [segment(text, lexicon) for text in texts]
    syllables: list[list[str | None]] = []
    choices: list[dict[int, _Candidate]] = []
    queries: list[g2pm_batch.Query] = []
    for text, words in zip(texts, all_words, strict=True):
        readings: list[str | None] = [None] * len(text)
        candidates: dict[int, _Candidate] = {}
        offset = 0
        for at, word in enumerate(words):
            if word.tag == "lex":
                readings[offset : offset + len(word.text)] = lexicon.entries[word.text]
                offset += len(word.text)
                continue
            for index, char in enumerate(word.text):
                position = offset + index
                if not forms.is_han(char):
                    continue
                if char in _CITATION:
                    readings[position] = _CITATION[char]
                    continue
                phrase, listed = _phrase_candidates(word.text, index)
                default = default_reading(char)
                readings[position] = listed[0] if listed else default
                if g2pm_batch.is_polyphone(char):
                    rule = _context_rule(words, at, index)
                    candidates[position] = _Candidate(phrase, listed, default, rule)
            offset += len(word.text)
        syllables.append(readings)
        choices.append(candidates)
        queries.append(g2pm_batch.Query(text, tuple(candidates)))

    for readings, candidates, query, scores in zip(
        syllables, choices, queries, g2pm_batch.score(queries), strict=True
    ):
        for position, probabilities in zip(query.positions, scores, strict=True):
            if probabilities:
                readings[position] = _arbitrate(candidates[position], probabilities)
    return [
        Reading(tuple(words), tuple(readings))
        for words, readings in zip(all_words, syllables, strict=True)
    ]


def _arbitrate(candidate: _Candidate, probabilities: dict[str, float]) -> str:
    if candidate.rule is not None:
        return candidate.rule
    scores = {forms.from_g2pm(r): p for r, p in probabilities.items()}
    best = max(scores, key=scores.__getitem__)
    listed = candidate.phrase_readings
    if len(listed) > 1:  # a heteronym phrase: let the model choose among its readings
        return max(listed, key=lambda r: scores.get(r, 0.0))
    if listed and (
        scores[best] < TRUST_G2PM
        or len(candidate.phrase) >= 3
        or frequency.zipf(candidate.phrase) >= COMMON_PHRASE
    ):
        return listed[0]
    if not listed and scores[best] < G2PM_UNSURE and candidate.default in scores:
        return candidate.default
    return best
