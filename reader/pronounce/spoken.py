"""From readings to what a voice says: spoken pinyin with sandhi, pauses, and respellings.

One pronunciation truth: where the speech text kept the display text's characters, the
spoken syllable is the displayed reading (plus sandhi); only characters the speech text
added (numbers read out, 加 for +) take readings of their own, from the same reader.

Erhua: the 儿 of an erhua word (一会儿) is spoken as its own neutral syllable "er5" after the
base syllable, the form the offline voice's symbol set (Databaker) was trained on; its
reading already comes out neutral from the phrase dictionary.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from functools import cache

from reader.pronounce import forms, sandhi
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


def _word_ids(reading: Reading) -> list[int]:
    ids: list[int] = []
    for number, word in enumerate(reading.words):
        ids.extend([number] * len(word.text))
    return ids


def spoken_pinyin(
    display_reading: Reading, pieces: Sequence[Piece], speech_reading: Reading
) -> tuple[str, ...]:
    """Tone-number syllables with sandhi, and pause tokens, for the speech text."""
    readings = list(speech_reading.syllables)
    shown_at = said_at = 0
    for piece in pieces:
        if not piece.changed:
            readings[said_at : said_at + len(piece.said)] = display_reading.syllables[
                shown_at : shown_at + len(piece.shown)
            ]
        else:  # characters a rewritten piece kept (增长 in 增长12.5%) keep their readings
            matcher = difflib.SequenceMatcher(None, piece.shown, piece.said, autojunk=False)
            for block in matcher.get_matching_blocks():
                for offset in range(block.size):
                    readings[said_at + block.b + offset] = display_reading.syllables[
                        shown_at + block.a + offset
                    ]
        shown_at += len(piece.shown)
        said_at += len(piece.said)
    speech = "".join(piece.said for piece in pieces)
    words = _word_ids(speech_reading)

    tokens: list[str] = []
    run: list[sandhi.Spoken] = []
    for position, char in enumerate(speech):
        reading = readings[position]
        if reading is not None:
            run.append(sandhi.Spoken(char, reading, words[position]))
            continue
        tokens.extend(sandhi.apply(run))
        run = []
        pause = _pause(char, speech, position)
        if pause and tokens:
            _add_pause(tokens, pause)
    tokens.extend(sandhi.apply(run))
    return tuple(tokens)


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
