"""From readings to what a voice says: spoken pinyin with sandhi, pauses, and respellings.

One pronunciation truth: where the speech text kept the display text's characters, the
spoken syllable is the displayed reading (plus sandhi); only characters the speech text
added (numbers read out, 加 for +) take readings of their own, from the same reader run on
each rewritten piece (一百二十三人) alone.

Erhua: the 儿 of an erhua word (一会儿) is spoken as its own neutral syllable "er5" after the
base syllable, the form the offline voice's symbol set (Databaker) was trained on; its
reading already comes out neutral from the phrase dictionary.

Latin letters, which the speech text keeps for the edge voice, are said with Mandarin
syllables (`letters`: GDP jī dī pī); English text the offline voice cannot say is left out
of its pinyin, and the build report names it.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from functools import cache

from reader.pronounce import forms, letters, sandhi
from reader.pronounce.lexicon import Lexicon
from reader.pronounce.readings import Reading
from reader.pronounce.speech_text import Piece

PAUSES = "，、；：？！。"
_PAUSE_OF = {
    **{mark: mark for mark in PAUSES},
    ",": "，",
    ";": "；",
    ":": "：",
    "?": "？",
    "!": "！",
    ".": "。",
    "…": "。",
    "—": "，",
}
_STRENGTH = {"，": 1, "、": 1, "；": 2, "：": 2, "？": 3, "！": 3, "。": 3}


def _word_ids(reading: Reading, first: int = 0) -> list[int]:
    ids: list[int] = []
    for number, word in enumerate(reading.words, start=first):
        ids.extend([number] * len(word.text))
    return ids


@cache
def _kept(shown: str, said: str) -> tuple[tuple[int, int, int], ...]:
    """(shown start, said start, length) of the characters a rewritten piece kept."""
    matcher = difflib.SequenceMatcher(None, shown, said, autojunk=False)
    return tuple((block.a, block.b, block.size) for block in matcher.get_matching_blocks())


def spoken_pinyin(
    display_reading: Reading, pieces: Sequence[Piece], rewritten: Mapping[str, Reading]
) -> tuple[str, ...]:
    """Tone-number syllables with sandhi, and pause tokens, for the speech text.

    `rewritten` holds the reading of each changed piece's spoken text, read on its own.
    """
    readings: list[str | None] = []
    words: list[int] = []
    display_words = _word_ids(display_reading)
    next_word = len(display_reading.words)
    shown_at = 0
    for piece in pieces:
        end = shown_at + len(piece.shown)
        if not piece.changed:
            readings.extend(display_reading.syllables[shown_at:end])
            words.extend(display_words[shown_at:end])
        else:  # characters a rewritten piece kept (人 in 2001年人口) keep reading and word
            own = rewritten[piece.said]
            said, said_words = list(own.syllables), _word_ids(own, next_word)
            for shown_start, said_start, size in _kept(piece.shown, piece.said):
                shown, kept = shown_at + shown_start, slice(said_start, said_start + size)
                said[kept] = display_reading.syllables[shown : shown + size]
                said_words[kept] = display_words[shown : shown + size]
            readings.extend(said)
            words.extend(said_words)
            next_word += len(own.words)
        shown_at = end
    speech = "".join(piece.said for piece in pieces)

    latin = _latin_syllables(speech)
    tokens: list[str] = []
    start = 0
    for position, char in enumerate(speech):
        if readings[position] is not None:
            continue
        tokens.extend(_with_sandhi(speech, readings, words, start, position, latin))
        start = position + 1
        if position in latin:
            tokens.extend(latin[position])
            continue
        pause = _pause(char, speech, position)
        if pause and tokens:
            _add_pause(tokens, pause)
    tokens.extend(_with_sandhi(speech, readings, words, start, len(speech), latin))
    return tuple(tokens)


def _latin_syllables(speech: str) -> dict[int, tuple[str, ...]]:
    """For each position of a Latin letter or English text in `speech`: the syllables said
    there (a word's all at its first letter; none for the rest, nor for English text)."""
    found: dict[int, tuple[str, ...]] = {}
    if not letters.has_latin(speech):
        return found
    for span in letters.latin_spans(speech):
        found.update(dict.fromkeys(range(span.start, span.end), ()))
        found[span.start] = span.syllables
    return found


def _with_sandhi(
    speech: str,
    readings: Sequence[str | None],
    words: Sequence[int],
    start: int,
    end: int,
    latin: Mapping[int, tuple[str, ...]],
) -> list[str]:
    """The spoken readings of speech[start:end], a stretch with no pause inside."""
    said = [reading for reading in readings[start:end] if reading is not None]
    chars = speech[start:end]
    if not sandhi.can_change(chars, said):
        return said
    run = [
        sandhi.Spoken(char, reading, word)
        for char, reading, word in zip(chars, said, words[start:end], strict=True)
    ]
    spoken = sandhi.apply(run)
    if start - 1 in latin and chars[0] == "一":
        spoken[0] = said[0]  # H1N1, GDP一季度: a code's digit or an ordinal, not 一流 yì
    return spoken


def _pause(char: str, text: str, position: int) -> str | None:
    if char.isspace():
        between = 0 < position < len(text) - 1
        return "，" if between and forms.is_han(text[position + 1]) else None
    return _PAUSE_OF.get(char)


def _add_pause(tokens: list[str], pause: str) -> None:
    last = tokens[-1]
    if last in _STRENGTH:
        if _STRENGTH[pause] > _STRENGTH[last]:
            tokens[-1] = pause
        return
    tokens.append(pause)


@cache
def _homophones() -> dict[str, str]:
    """Reading -> the most frequent character that has only that reading."""
    from pypinyin.pinyin_dict import pinyin_dict

    from reader.pronounce.frequency import zipf

    best: dict[str, tuple[float, str]] = {}
    for code, listed in pinyin_dict.items():
        if "," in listed:
            continue
        char = chr(code)
        reading = forms.from_marks(listed)
        score = zipf(char)
        if score > best.get(reading, (-1.0, ""))[0]:
            best[reading] = (score, char)
    return {reading: char for reading, (_, char) in best.items()}


def _unambiguous(char: str, reading: str) -> bool:
    from pypinyin.pinyin_dict import pinyin_dict

    from reader.pronounce.readings import default_reading

    listed = pinyin_dict.get(ord(char), "")
    return "," not in listed and default_reading(char) == reading


def respell(speech: str, lexicon: Lexicon) -> str:
    """`speech` with each lexicon word's characters that a voice could misread replaced by
    unambiguous homophones, for engines that take text only (孙慧姣 keeps 孙慧 and 姣 -> 交
    when 姣 could be read otherwise)."""
    spans = lexicon.spans(speech)
    if not spans:
        return speech
    table = _homophones()
    chars = list(speech)
    for start, end in spans:
        for offset, reading in enumerate(lexicon.entries[speech[start:end]]):
            char = chars[start + offset]
            if not _unambiguous(char, reading) and reading in table:
                chars[start + offset] = table[reading]
    return "".join(chars)


def clear_caches() -> None:
    """Forget the alignments of rewritten pieces (for timing a cold run)."""
    _kept.cache_clear()
