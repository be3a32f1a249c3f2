"""A sentence as page markup: characters with their pinyin, hard words, and word timings.

Pinyin is drawn by CSS from a `data-p` attribute (`rt::before`), never as text in the
document, so copying and the browser's find see the Chinese alone and screen readers do not
read the syllables. Each run of hard syllables is one `.hw` element: it carries the run's
pinyin as one line (shown at the "hard" level without widening the characters) and is what
the English gloss belongs to.

Word timings become `data-w` on the sentence: one entry per spoken word or syllable, "t" or
"u:t", with t the start in centiseconds from the sentence's start and u the index of the
word's first unit (a `<ruby>` or a run of other text) when it is not the previous one's + 1.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence

from reader.model import Cue, Sentence, Syllable

MAX_SKIP = 12  # characters a word may be ahead of the last one (numbers read out in between)


def _ruby(syllable: Syllable) -> str:
    pinyin = html.escape(syllable.pinyin or "", quote=True)
    return f'<ruby>{html.escape(syllable.text)}<rt data-p="{pinyin}"></rt></ruby>'


def _runs(syllables: Sequence[Syllable]) -> Iterator[tuple[bool, list[Syllable]]]:
    """Consecutive syllables grouped as (hard, run); hard runs hold annotated syllables only."""
    run: list[Syllable] = []
    hard = False
    for syllable in syllables:
        is_hard = syllable.hard and syllable.pinyin is not None
        if run and is_hard != hard:
            yield hard, run
            run = []
        hard = is_hard
        run.append(syllable)
    if run:
        yield hard, run


def sentence_markup(sentence: Sentence) -> str:
    """The inner HTML of a sentence (plain escaped text when it has no readings)."""
    if not sentence.syllables:
        return html.escape(sentence.text)
    parts: list[str] = []
    for hard, run in _runs(sentence.syllables):
        if hard:
            joined = html.escape("".join(s.pinyin or "" for s in run), quote=True)
            inner = "".join(_ruby(s) for s in run)
            parts.append(f'<span class="hw" data-p="{joined}">{inner}</span>')
            continue
        for syllable in run:
            parts.append(_ruby(syllable) if syllable.pinyin else html.escape(syllable.text))
    return "".join(parts)


def hard_words(sentence: Sentence) -> Iterator[str]:
    """The text of each hard run, as the page shows it."""
    for hard, run in _runs(sentence.syllables):
        if hard:
            yield "".join(s.text for s in run)


def _unit_of_characters(sentence: Sentence) -> list[int]:
    """For each character of the sentence, the index of its unit: every `<ruby>` is one unit,
    and so is each stretch of plain text between them (as the page's script counts them)."""
    units: list[int] = []
    unit = -1
    plain_before = False
    for syllable in sentence.syllables:
        plain = syllable.pinyin is None
        if not (plain and plain_before):
            unit += 1
        plain_before = plain
        units += [unit] * len(syllable.text)
    return units


def word_timings(sentence: Sentence, cue: Cue, words: Sequence[Cue]) -> str:
    """The sentence's `data-w` value from the voice's word cues that fall in `cue`; "" when
    none can be placed in the displayed text."""
    if not sentence.syllables or not words:
        return ""
    units = _unit_of_characters(sentence)
    text = sentence.text
    if len(units) != len(text):
        return ""
    entries: list[str] = []
    cursor = 0
    last_unit = -1
    for word in words:
        spoken = word.text.strip()
        if not spoken:
            continue
        found = text.find(spoken, cursor)
        if found < 0 or found - cursor > MAX_SKIP:
            continue
        cursor = found + len(spoken)
        unit = units[found]
        if unit <= last_unit:
            continue
        centis = max(0, round((word.start - cue.start) * 100))
        entries.append(str(centis) if unit == last_unit + 1 else f"{unit}:{centis}")
        last_unit = unit
    return " ".join(entries)


def words_in(cue: Cue, words: Sequence[Cue]) -> list[Cue]:
    """The word cues that start within the sentence cue."""
    return [word for word in words if cue.start - 0.005 <= word.start < cue.end]
