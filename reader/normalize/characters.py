"""Rule group 1: characters. Each rule maps one line (or one joined block) to its clean form.

The rules are idempotent and local, so running them again on joined blocks or on the
rendered clean text changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from reader.han import HAN, HAN_RE
from reader.model import SENTENCE_END
from reader.normalize.changes import ChangeLog

# Full-width punctuation that prose never writes doubled.
UNDOUBLED_PUNCT = (
    "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40"
    "\uff5b-\uff65\u2018\u2019\u201c\u201d"
)
# Full-width punctuation of Chinese text: the above plus the dash, ellipsis and middle dot
# (—— and …… are written doubled on purpose).
CJK_PUNCT = f"{UNDOUBLED_PUNCT}\u2014\u2015\u2026\u00b7"
CJK = f"{HAN}{CJK_PUNCT}"

# Lines whose text ends a sentence: 。！？… or ；, maybe followed by closing quotes/brackets.
TERMINAL_RE = re.compile(f"{SENTENCE_END}$")

_NEWLINES = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# C0/C1 controls (tab and newline are handled elsewhere) and invisible format characters.
_CONTROLS = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("A") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
}
_FULLWIDTH_ALNUM_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_TO_FULL_PUNCT = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！"}
# An ASCII , . ; : ? ! after a Chinese character and before another one (or the line end).
_ASCII_PUNCT = re.compile(f"([{HAN}”’）》」』])[ ]*([,.;:?!])[ ]*(?=[{HAN}“‘（《「『]|$)")
_SPACE = r"[\s\u3000\u00a0\u2000-\u200a\u202f\u205f]"
_SPACES = re.compile(f"{_SPACE}+")
_SENTENCE_PUNCT = re.compile("[，。、；]")
_NARROW = re.compile(r"[\x00-\u02ff\u2000-\u2012\uff61-\uff9f]")
_EDGE_SPACES = re.compile(f"^{_SPACE}+|{_SPACE}+$")
HAN_WORD_END = re.compile(f"[{HAN}]{{2}}$")
HAN_WORD_START = re.compile(f"[{HAN}]{{2}}")
_CREDIT = re.compile(r"摄[）)]?$")  # 本报记者 李明 摄 keeps its space
_CJK_START = re.compile(f"^[{CJK}]")
_CJK_END = re.compile(f"[{CJK}]$")


def unify_newlines(text: str) -> str:
    """CR LF, CR, form feeds and Unicode line separators all become LF."""
    return _NEWLINES.sub("\n", text)


def remove_controls(text: str) -> str:
    return _CONTROLS.sub("", text)


def compose_nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def halfwidth_alphanumerics(text: str) -> str:
    """ＡＢＣ１２３ -> ABC123 (full-width punctuation is left alone)."""
    if not _FULLWIDTH_ALNUM_RE.search(text):
        return text
    return text.translate(_FULLWIDTH_ALNUM)


def fullwidth_punctuation(text: str) -> str:
    """ASCII , . ; : ? ! between Chinese characters become ，。；：？！ (spaces around dropped)."""
    return _ASCII_PUNCT.sub(lambda m: m.group(1) + _TO_FULL_PUNCT[m.group(2)], text)


def is_heading_like(text: str) -> bool:
    """A line without clause punctuation, as headlines, bylines and subheads are."""
    return _SENTENCE_PUNCT.search(text) is None


def normalize_spaces(text: str) -> str:
    """Drop the spaces OCR leaves between Chinese characters; keep one between Latin words.

    One exception: in a heading-like line (no ，。、；) a space between two runs of at least
    two Han characters separates phrases (筑牢安全屏障 护航高质量发展), or a photo credit
    from its name (本报记者 李明 摄), and is kept. In a
    letter-spaced line (筑 牢 安 全 屏 障   护 航, “ 1 5 6 ”) only a wide gap (an em or more)
    or one between two words of several letters stays.
    Runs of white space become one ASCII space; none is left at either end.
    """
    text = _EDGE_SPACES.sub("", text)
    tokens = _SPACES.split(text)
    if len(tokens) == 1:
        return text
    gaps = _SPACES.findall(text)
    heading = is_heading_like(text)
    singles = sum(1 for token in tokens if _CJK_END.match(token))  # one character
    letter_spaced = singles >= 3 and 2 * singles >= len(tokens)
    # Each piece is a run of tokens joined without a space; between pieces a space may stay.
    pieces: list[list[str]] = [[tokens[0]]]
    between_cjk = [False]
    for previous, gap, token in zip(tokens, gaps, tokens[1:], strict=False):
        cjk = _CJK_END.search(previous) is not None and _CJK_START.match(token) is not None
        wide = indent_width(gap) >= 1
        if letter_spaced:  # narrow gaps are OCR's: only wide ones or ones between words stay
            keep = (heading and wide) if cjk else wide or (len(previous) > 1 and len(token) > 1)
        else:
            keep = heading or not cjk
        if keep:
            pieces.append([token])
            between_cjk.append(cjk)
        else:
            pieces[-1].append(token)
    out = ["".join(pieces[0])]
    tail = out[0][-2:]
    for tokens_of_piece, cjk in zip(pieces[1:], between_cjk[1:], strict=True):
        piece = "".join(tokens_of_piece)
        phrase = HAN_WORD_END.search(tail) and (HAN_WORD_START.match(piece) or _CREDIT.match(piece))
        separator = "" if cjk and not phrase else " "
        out.append(separator + piece)
        tail = (tail + separator + piece)[-2:]
    return "".join(out)


LINE_RULES: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("control-characters", remove_controls),
    ("full-width-alphanumerics", halfwidth_alphanumerics),
    ("unicode-nfc", compose_nfc),
    ("spaces", normalize_spaces),
    ("full-width-punctuation", fullwidth_punctuation),
)


def clean_characters(text: str, line: int, log: ChangeLog) -> str:
    """Run every character rule in order, logging each one that changed something."""
    for name, rule in LINE_RULES:
        changed = rule(text)
        if changed != text:
            log.add(name, line, text, changed)
            text = changed
    return text


def display_width(text: str) -> float:
    """Width in em: Chinese characters and full-width punctuation 1, Latin letters/digits 0.5."""
    return len(text) - 0.5 * len(_NARROW.findall(text))


def indent_width(raw: str) -> float:
    """Leading white space in em: an ideographic space is 1, an ASCII space 0.5, a tab 2."""
    width = 0.0
    for char in raw:
        if char == "\u3000":
            width += 1
        elif char == "\t":
            width += 2
        elif char.isspace():
            width += 0.5
        else:
            break
    return width


def han_characters(text: str) -> list[str]:
    return HAN_RE.findall(text)
