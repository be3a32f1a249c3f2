"""From the service's word boundaries to sentence and word cues, and the completeness checks.

Pure functions: the text sent is the sentences' respelled speech text joined by newlines
(edge-tts splits long texts at newlines, so its requests break between sentences); each
boundary the service returns is found in that text, in order, and so belongs to a sentence.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from reader.model import Cue, Sentence

SEPARATOR = "\n"
# A sentence that does not end in punctuation (a headline) gets a full stop, so the voice
# pauses and lowers its pitch instead of running it into the next sentence.
_FULL_STOP = "。"


@dataclass(frozen=True)
class Boundary:
    """A WordBoundary (or SentenceBoundary) from the service, in seconds."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Placed:
    """A boundary found in the request text."""

    boundary: Boundary
    position: int  # character offset in the request text
    sentence: int  # index of the input sentence it belongs to


@dataclass(frozen=True)
class RequestText:
    text: str
    spans: tuple[tuple[int, int], ...]  # each sentence's [start, end) in `text`


def spoken(sentence: Sentence) -> str:
    """What the voice is sent for one sentence: the respelled speech text, pause-terminated."""
    words = sentence.speech.respelled if sentence.speech is not None else sentence.text
    words = " ".join(words.split())  # OCR line breaks and tabs must not reach the service
    if words and not unicodedata.category(words[-1]).startswith("P"):
        words += _FULL_STOP
    return words


def request_text(sentences: Sequence[Sentence]) -> RequestText:
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in sentences:
        words = spoken(sentence)
        spans.append((cursor, cursor + len(words)))
        parts.append(words)
        cursor += len(words) + len(SEPARATOR)
    return RequestText(SEPARATOR.join(parts), tuple(spans))


def place(request: RequestText, boundaries: Sequence[Boundary]) -> list[Placed]:
    """Find each boundary's text in the request, in order; unmatched ones are skipped."""
    starts = [start for start, _ in request.spans]
    placed: list[Placed] = []
    cursor = 0
    for boundary in boundaries:
        needle = boundary.text.strip()
        if not needle:
            continue
        found = request.text.find(needle, cursor)
        if found < 0:
            continue
        sentence = max(bisect.bisect_right(starts, found) - 1, 0)
        placed.append(Placed(boundary, found, sentence))
        cursor = found + len(needle)
    return placed


def _speakable(text: str) -> int:
    return sum(1 for char in text if char.isalnum())


def incompleteness(
    request: RequestText, placed: Sequence[Placed], duration: float, tolerance: float
) -> str | None:
    """Why this audio is not the whole text, or None when it is.

    The service's known failure is silently truncated audio on long texts: the stream ends
    early (timings and audio stop mid-text) or the audio stops before the timings do.
    """
    total = _speakable(request.text)
    if not placed:
        return "the service sent no word timings" if total else None
    last = placed[-1]
    covered_to = last.position + len(last.boundary.text.strip())
    missing = _speakable(request.text[covered_to:])
    if missing > 1:  # one character of slack for a word the service names differently
        return f"the service stopped after {total - missing} of {total} characters"
    last_end = max(item.boundary.end for item in placed)
    if duration + tolerance < last_end:
        return f"the audio ends at {duration:.2f} s, before the last word ends at {last_end:.2f} s"
    return None


def sentence_cues(
    sentences: Sequence[Sentence], placed: Sequence[Placed], duration: float
) -> tuple[Cue, ...]:
    """One cue per sentence; consecutive cues meet halfway through the pause between them, so
    together they cover the audio from 0 to its end."""
    first: dict[int, float] = {}
    last: dict[int, float] = {}
    for item in placed:
        first.setdefault(item.sentence, item.boundary.start)
        last[item.sentence] = max(last.get(item.sentence, 0.0), item.boundary.end)
    starts = [0.0]
    spoken_until = 0.0
    for index in range(1, len(sentences)):
        spoken_until = max(spoken_until, last.get(index - 1, spoken_until))
        begins = first.get(index)
        start = spoken_until if begins is None else (spoken_until + begins) / 2
        starts.append(max(start, starts[-1]))
    ends = [*starts[1:], max(duration, starts[-1])]
    return tuple(
        Cue(start, end, sentence.text)
        for start, end, sentence in zip(starts, ends, sentences, strict=True)
    )


def _shown_alongside(sentence: Sentence) -> str | None:
    """The speech text laid character for character over `spoken(sentence)`, when the
    respelling kept its length (homophones replace characters one for one)."""
    if sentence.speech is None:
        return None
    sent = spoken(sentence)
    respelled = " ".join(sentence.speech.respelled.split())
    shown = " ".join(sentence.speech.text.split())
    if len(shown) != len(respelled):
        return None
    return shown + sent[len(respelled) :]


def word_cues(
    sentences: Sequence[Sentence], request: RequestText, placed: Sequence[Placed]
) -> tuple[Cue, ...]:
    """A cue per spoken word, its text as written (not as respelled) where that is known."""
    shown = [_shown_alongside(sentence) for sentence in sentences]
    cues: list[Cue] = []
    for item in placed:
        text = item.boundary.text.strip()
        if not _speakable(text):
            continue
        aligned = shown[item.sentence]
        if aligned is not None:
            offset = item.position - request.spans[item.sentence][0]
            text = aligned[offset : offset + len(text)] or text
        cues.append(Cue(item.boundary.start, item.boundary.end, text))
    return tuple(cues)
