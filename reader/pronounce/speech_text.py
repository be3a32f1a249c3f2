"""The text the voices read: numbers, dates, symbols written out in Chinese characters.

Our override rules run first, in order (each a small function of the text); then
WeTextProcessing's Chinese text normalizer (compiled FSTs, offline) reads what is left. The
normalizer also turns full-width punctuation into ASCII and drops some particles, so it only
sees the stretches between full-width punctuation marks that hold something other than Han
characters; the marks themselves, and every all-Han stretch, pass through untouched, and Han
characters it deletes are put back.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from reader.pronounce import forms

_DIGIT_NAMES = dict(zip("0123456789", "零一二三四五六七八九", strict=True))
_FULL_WIDTH_MARKS = "，。、；：？！“”‘’（）《》〈〉【】「」『』…—～·"
_CHUNKS = re.compile(f"([{_FULL_WIDTH_MARKS}\\s]+)")


def _quoted_number_as_name(text: str) -> str:
    """A number in quotes names something (“156”战略): read it digit by digit, 一五六."""
    return re.sub(
        r"(?<=[“\"「『‘])(\d+)(?=[”\"」』’])",
        lambda match: "".join(_DIGIT_NAMES[digit] for digit in match.group(1)),
        text,
    )


def _plus_after_word(text: str) -> str:
    """“金融+”, “专业+机制+大数据”: the plus joins words and reads 加."""
    return re.sub(r"(?<=[\u4e00-\u9fff])\+|\+(?=[\u4e00-\u9fff])", "加", text)


OVERRIDES: tuple[Callable[[str], str], ...] = (_quoted_number_as_name, _plus_after_word)


@cache
def _normalizer() -> Any:
    from tn.chinese.normalizer import Normalizer

    logging.getLogger("wetext").setLevel(logging.WARNING)
    return Normalizer()


def _needs_normalizer(chunk: str) -> bool:
    return any(not forms.is_han(char) for char in chunk)


def _restore_dropped(original: str, normalized: str) -> str:
    """Put back Han characters the normalizer deleted (its FSTs drop erhua 儿 and particles
    such as 啊): the speech text may only read things out, never leave words out."""
    matcher = difflib.SequenceMatcher(None, original, normalized, autojunk=False)
    pieces = []
    for operation, start, end, new_start, new_end in matcher.get_opcodes():
        if operation == "delete" and all(forms.is_han(char) for char in original[start:end]):
            pieces.append(original[start:end])
        else:
            pieces.append(normalized[new_start:new_end])
    return "".join(pieces)


def speech_text(text: str) -> str:
    """`text` as a voice should read it; the display text is never changed."""
    for rule in OVERRIDES:
        text = rule(text)
    pieces = _CHUNKS.split(text)
    for index in range(0, len(pieces), 2):  # even pieces lie between the marks
        chunk = pieces[index]
        if chunk and _needs_normalizer(chunk):
            pieces[index] = _restore_dropped(chunk, str(_normalizer().normalize(chunk)))
    return "".join(pieces)
