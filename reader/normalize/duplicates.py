"""Rule group 3: duplication repair.

OCR of bold type prints every glyph twice, and a caption may be read twice in one line.
The rules, precisely (a "pair" is two equal adjacent characters; only Chinese characters and
full-width punctuation count, never ——, …… or ·, which are written doubled on purpose):

1. repeated-line: a line (or block) that is X followed by X, or X, one space, X, becomes X
   when X has at least three Han characters and two different characters.
   日常巡逻维护和谐稳定日常巡逻维护和谐稳定 -> 日常巡逻维护和谐稳定; 研究研究 stays.
2. doubled-characters, whole line: a line whose every space-separated word is made of pairs,
   with at least three pairs of at least two different characters, keeps one of each pair.
   （（九九）） -> （九）; 筑筑牢牢安安全全屏屏障障 -> 筑牢安全屏障; 方方面面 (two pairs) stays.
3. doubled-characters, inside a line: a run of consecutive pairs is halved when it has
   at least three pairs and one of them is punctuation (prose never doubles ，or （),
   or when it has at least five pairs (reduplication stops at AABB: 兢兢业业, 家家户户,
   and 时时放心不下, 常常 have fewer pairs still).

The rules run until nothing changes, so the result is a fixed point.
"""

from __future__ import annotations

import re

from reader.han import HAN, HAN_RE
from reader.normalize.changes import ChangeLog
from reader.normalize.characters import UNDOUBLED_PUNCT

_PAIRABLE = f"{HAN}{UNDOUBLED_PUNCT}"
_PAIRABLE_RE = re.compile(f"[{_PAIRABLE}]")
_PUNCT_RE = re.compile(f"[{UNDOUBLED_PUNCT}]")
_PAIR_RUN = re.compile(f"(?:([{_PAIRABLE}])\\1){{3,}}")

MIN_REPEATED_HAN = 3
MIN_LINE_PAIRS = 3
MIN_PUNCT_RUN_PAIRS = 3
MIN_RUN_PAIRS = 5


def undo_repeated_line(text: str) -> str:
    half, odd = divmod(len(text), 2)
    if odd:
        if text[half] != " ":
            return text
        first, second = text[:half], text[half + 1 :]
    else:
        first, second = text[:half], text[half:]
    if first != second or len(HAN_RE.findall(first)) < MIN_REPEATED_HAN or len(set(first)) < 2:
        return text
    return first


def _is_pairs(word: str) -> bool:
    return len(word) % 2 == 0 and word[0::2] == word[1::2]


def undo_doubled_line(text: str) -> str:
    words = text.split(" ")
    if not all(_is_pairs(word) for word in words):
        return text
    halves = [word[0::2] for word in words]
    pairable = [char for half in halves for char in half if _PAIRABLE_RE.match(char)]
    if len(pairable) < MIN_LINE_PAIRS or len(set(pairable)) < 2:
        return text
    if len(pairable) != sum(len(half) for half in halves):
        return text  # a word made of other pairs (digits, dashes) is not bold OCR
    return " ".join(halves)


def _halve_run(match: re.Match[str]) -> str:
    run = match.group()
    half = run[0::2]
    pairs = len(half)
    if pairs >= MIN_RUN_PAIRS or (pairs >= MIN_PUNCT_RUN_PAIRS and _PUNCT_RE.search(half)):
        return half
    return run


def undo_doubled_runs(text: str) -> str:
    return _PAIR_RUN.sub(_halve_run, text)


def repair_duplicates(text: str, line: int, log: ChangeLog) -> tuple[str, bool]:
    """Apply the three rules until stable; also say whether a whole-line rule fired."""
    whole = False
    while True:
        before = text
        for name, rule, is_whole in (
            ("repeated-line", undo_repeated_line, True),
            ("doubled-characters", undo_doubled_line, True),
            ("doubled-characters", undo_doubled_runs, False),
        ):
            changed = rule(text)
            if changed != text:
                log.add(name, line, text, changed)
                whole = whole or is_whole
                text = changed
        if text == before:
            return text, whole
