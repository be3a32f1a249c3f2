"""Tone sandhi for speech: the tones a speaker says, not the ones a dictionary shows.

Applied to one stretch of speech between pauses, in this order:
- 不 bu4 becomes bu2 before a fourth tone, and neutral in A不A questions (是不是);
- 一 yi1 stays yi1 at the end, after 第, at the end of a word (统一) and among digits
  (一九五六, 十一); it is neutral between a repeated verb (看一看), yi2 before a fourth tone
  (or a neutral one, 一个), yi4 before the others (一天, 一年, 一起, 一百);
- third tone: in a run of third tones, every syllable but the last of each word becomes
  second tone; at a word boundary inside the run the first word's last syllable does too,
  except a one-syllable word before a longer one (保管好 báo guán hǎo, 老保管 lǎo báo guǎn).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from reader.pronounce import forms

_DIGITS = set("零〇一二三四五六七八九十两幺")
_MAGNITUDES = set("百千万亿")


@dataclass(frozen=True)
class Spoken:
    """One Han syllable of speech: its character, reading, and the word it belongs to."""

    char: str
    reading: str  # tone-number form
    word: int  # index of its word in the sentence; syllables of one word share it


def can_change(chars: str, readings: Sequence[str]) -> bool:
    """Whether `apply` could change anything in a stretch: it has 一 or 不, or two third
    tones in a row (most stretches have neither, and need no Spoken objects)."""
    if "一" in chars or "不" in chars:
        return True
    return any(first.endswith("3") and second.endswith("3") for first, second in pairwise(readings))


def apply(run: Sequence[Spoken]) -> list[str]:
    """The spoken readings of a stretch of syllables with no pause inside."""
    readings = [syllable.reading for syllable in run]
    for at, syllable in enumerate(run):
        if syllable.char == "不" and readings[at] == "bu4":
            readings[at] = _bu(run, readings, at)
        elif syllable.char == "一" and readings[at] == "yi1":
            readings[at] = _yi(run, readings, at)
    _third_tone(run, readings)
    return readings


def _bu(run: Sequence[Spoken], readings: list[str], at: int) -> str:
    if at + 1 >= len(run):
        return "bu4"
    if at > 0 and run[at - 1].char == run[at + 1].char:
        return "bu5"
    return "bu2" if forms.tone(readings[at + 1]) == 4 else "bu4"


def _yi(run: Sequence[Spoken], readings: list[str], at: int) -> str:
    before = run[at - 1] if at > 0 else None
    after = run[at + 1] if at + 1 < len(run) else None
    if after is None or (before is not None and before.char == "第"):
        return "yi1"
    word_end = after.word != run[at].word
    if word_end and before is not None and before.word == run[at].word:
        return "yi1"  # 统一, 唯一
    # A digit of a number (十一, 一九五六, 五十一万), but not a group's first (零一百 yì bǎi).
    digit = after.char in _DIGITS or (before is not None and before.char in _DIGITS)
    group_start = before is not None and before.char != "十" and after.char in _MAGNITUDES
    if digit and not group_start:
        return "yi1"
    if before is not None and before.char == after.char:
        return "yi5"
    return "yi2" if forms.tone(readings[at + 1]) in (4, 5) else "yi4"


def _third_tone(run: Sequence[Spoken], readings: list[str]) -> None:
    at = 0
    while at < len(run):
        if forms.tone(readings[at]) != 3:
            at += 1
            continue
        end = at
        while end + 1 < len(run) and forms.tone(readings[end + 1]) == 3:
            end += 1
        for position in range(at, end):
            same_word = run[position].word == run[position + 1].word
            if same_word or not _lone_before_longer(run, position, end):
                readings[position] = forms.with_tone(readings[position], 2)
        at = end + 1


def _lone_before_longer(run: Sequence[Spoken], position: int, end: int) -> bool:
    """A one-syllable word at `position` followed, within the run, by a longer word."""
    word = run[position].word
    alone = (position == 0 or run[position - 1].word != word) and run[position + 1].word != word
    following = run[position + 1].word
    longer = position + 2 <= end and run[position + 2].word == following
    return alone and longer
