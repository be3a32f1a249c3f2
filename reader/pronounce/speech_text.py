"""The text the voices read: numbers, dates, symbols written out in Chinese characters.

Our override rules run first, in order (each a small function of the text); then
WeTextProcessing's Chinese text normalizer (compiled FSTs, offline) reads what is left. The
normalizer also turns full-width punctuation into ASCII and drops some particles, and its cost
grows with every character it is given (about 0.3 ms each), so it only sees short windows: a
run of non-Han material (digits, symbols, Latin; runs at most two Han characters apart are one
window) and the two Han characters after it, enough for 年/月/日, 赛季, 个 and units (on the
CPP dev sentences windows read like whole clauses in all but 4 of 9,893, each a better reading).
Windows never cross full-width punctuation, and each distinct window is normalized once per
process (news repeats its dates). Han characters the normalizer deletes are put back.
The common number shapes (3人, 12.5%, 2020年3月5日) are read by `common_numbers`, exactly as
the normalizer reads them, without running its FSTs. E-mail and web addresses are read mark by
mark (abc@163.com: 幺六三点com), never as amounts and full stops.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from reader.han import HAN
from reader.pronounce import common_numbers, forms

_DIGIT_NAMES = dict(zip("0123456789", "零一二三四五六七八九", strict=True))
_FULL_WIDTH_MARKS = "，。、；：？！“”‘’（）《》〈〉【】「」『』…—～·"
_CHUNKS = re.compile(f"([{_FULL_WIDTH_MARKS}\\s]+)")
_HAN = HAN
_OTHER = f"[^{_HAN}]+"
# A non-Han run, more runs at most two Han characters away, and two Han characters after.
_WINDOW = re.compile(f"{_OTHER}(?:[{_HAN}]{{1,2}}{_OTHER})*[{_HAN}]{{0,2}}")
# Anything a voice might read otherwise: neither Han, nor full-width punctuation, nor space.
_TO_READ = re.compile(f"[^{_HAN}{_FULL_WIDTH_MARKS}\\s]")


@dataclass(frozen=True)
class Rule:
    """An override: what `pattern` matches is read as `replace` says."""

    name: str
    pattern: re.Pattern[str]
    replace: Callable[[re.Match[str]], str]


# An e-mail or web address: name@163.com, www.gov.cn, https://example.org/a-b, 163.com.
_ADDRESS = re.compile(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|(?:https?://|www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[A-Za-z0-9._~%/?#=&-]*)?"
    r"|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|gov|edu|info)(?![A-Za-z0-9])"
)
# How an address's digits and marks are said: digit by digit, 1 as 幺 (as in a phone
# number), the dot 点 even after a digit (163.com), not a decimal point or a full stop.
_ADDRESS_SAID = {
    **_DIGIT_NAMES,
    "1": "幺",
    ".": "点",
    "-": "杠",
    "_": "下划线",
    "/": "斜杠",
    ":": "冒号",
}


def _address_said(match: re.Match[str]) -> str:
    """Letters and @ stay (the voices, or letters.py for the offline one, say them)."""
    return "".join(_ADDRESS_SAID.get(char, char) for char in match.group())


def _clock_said(match: re.Match[str]) -> str:
    """18:30时 as 十八时三十分 (the normalizer reads 十八比三零时), 18:00时 as 十八时."""
    hours, minutes = match.group(1), match.group(2)
    return _normalized(f"{int(hours)}时" if minutes == "00" else f"{int(hours)}时{minutes}分")


OVERRIDES = (
    Rule("address read out", _ADDRESS, _address_said),
    # A clock time with the hour's 时 after it: 会议于18:30时开始.
    Rule(
        "clock time before 时",
        re.compile(r"(?<![0-9:])([01]?[0-9]|2[0-3]):([0-5][0-9])时"),
        _clock_said,
    ),
    # A number in quotes names something (“156”战略): read it digit by digit, 一五六.
    Rule(
        "quoted number as a name",
        re.compile(r"(?<=[“\"「『‘])\d+(?=[”\"」』’])"),
        lambda match: "".join(_DIGIT_NAMES[digit] for digit in match.group()),
    ),
    # COVID-19, F-35: the hyphen joins a code to its number and is not read (the normalizer
    # would read it as a minus sign, 负十九).
    Rule(
        "hyphen between a code and its number",
        re.compile(r"(?<=[A-Za-z])-(?=[0-9])"),
        lambda match: "",
    ),
    # MH370, C919, A380: a long number in a code is read digit by digit, 三七零 (ASCII digits
    # only: \d would take full-width ones too, which _DIGIT_NAMES does not name).
    Rule(
        "long number in a code",
        re.compile(r"(?<=[A-Za-z])[0-9]{3,}(?![0-9.])"),
        lambda match: "".join(_DIGIT_NAMES[digit] for digit in match.group()),
    ),
    # “金融+”, “专业+机制+大数据”: the plus joins words and reads 加.
    Rule(
        "plus between words",
        re.compile(f"(?<=[{HAN}])\\+|\\+(?=[{HAN}])"),
        lambda match: "加",
    ),
)


@dataclass(frozen=True)
class Piece:
    """A stretch of the display text and what the voice says for it."""

    shown: str
    said: str

    @property
    def changed(self) -> bool:
        return self.shown != self.said


def _apply(rule: Rule, pieces: list[Piece]) -> list[Piece]:
    """Apply `rule` inside the pieces nothing has changed yet."""
    said = "".join(piece.said for piece in pieces)
    matches = list(rule.pattern.finditer(said))
    result: list[Piece] = []
    offset = 0
    for piece in pieces:
        end = offset + len(piece.said)
        if piece.changed:
            result.append(piece)
            offset = end
            continue
        position = offset
        for match in matches:
            if position <= match.start() and match.end() <= end:
                if match.start() > position:
                    result.append(
                        Piece(said[position : match.start()], said[position : match.start()])
                    )
                result.append(Piece(match.group(), rule.replace(match)))
                position = match.end()
        if position < end:
            result.append(Piece(said[position:end], said[position:end]))
        offset = end
    return result


@cache
def _normalizer() -> Any:
    from tn.chinese.normalizer import Normalizer

    logging.getLogger("wetext").setLevel(logging.WARNING)
    return Normalizer()


@cache
def _normalized(window: str) -> str:
    """What the normalizer says for `window`, with the Han characters it dropped put back."""
    said = common_numbers.read(window, _normalizer_says)
    return _restore_dropped(window, _normalizer_says(window) if said is None else said)


@cache
def _normalizer_says(text: str) -> str:
    """WeTextProcessing's own reading of a window, or of one symbol common_numbers asks about."""
    return str(_normalizer().normalize(text))


def _windows(chunk: str) -> list[Piece]:
    """`chunk` (no full-width punctuation in it) as pieces: each window normalized, the Han
    text between windows kept as it is."""
    result: list[Piece] = []
    position = 0
    for match in _WINDOW.finditer(chunk):
        if match.start() > position:
            kept = chunk[position : match.start()]
            result.append(Piece(kept, kept))
        result.append(Piece(match.group(), _normalized(match.group())))
        position = match.end()
    if position < len(chunk):
        result.append(Piece(chunk[position:], chunk[position:]))
    return result


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


def speech_pieces(text: str) -> list[Piece]:
    """`text` cut into pieces, each with what a voice should say for it; joined, the shown
    sides give `text` back. Unchanged pieces keep the display's characters."""
    pieces = [Piece(text, text)]
    if _TO_READ.search(text) is None:
        return pieces
    for rule in OVERRIDES:
        pieces = _apply(rule, pieces)
    result: list[Piece] = []
    for piece in pieces:
        if piece.changed:
            result.append(piece)
            continue
        for index, chunk in enumerate(_CHUNKS.split(piece.shown)):
            if index % 2 == 0 and chunk:
                result.extend(_windows(chunk))
            elif chunk:
                result.append(Piece(chunk, chunk))
    return result


def speech_text(text: str) -> str:
    """`text` as a voice should read it; the display text is never changed."""
    return "".join(piece.said for piece in speech_pieces(text))


def clear_caches() -> None:
    """Forget the windows already normalized (for timing a cold run)."""
    _normalized.cache_clear()
    _normalizer_says.cache_clear()
