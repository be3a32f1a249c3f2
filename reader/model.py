"""The document model: the only thing the pipeline stages share.

Every stage takes and returns these frozen dataclasses; none reaches into another stage's
internals. Text blocks (headline, subtitle, captions, body) are all `Paragraph`s of
`Sentence`s, so the pronunciation and speech stages treat them alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# A sentence ends at 。！？… (a run of them counts as one) or ；, and keeps the closing quotes
# and brackets that follow, so ”。” or 。）stay with the sentence they close (a regex pattern;
# the normalizer's line-ends-a-sentence test is built from it too).
SENTENCE_END = r"(?:[。！？!?…]+|；)[”’」』）)】》〉\]\"']*"
# White space after the end stays too, so no sentence starts with a space or is only white space.
_SENTENCE_END = re.compile(SENTENCE_END + r"\s*")


def split_sentences(text: str) -> list[str]:
    """Split Chinese text into sentences; joining the result gives back `text`."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        sentences.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        sentences.append(text[start:])
    return [sentence for sentence in sentences if sentence]


@dataclass(frozen=True)
class Syllable:
    """One displayed unit of a sentence.

    A Han character with its reading, or a run of other text (Latin, digits, punctuation)
    whose `pinyin` is None. Joining the `text` of a sentence's syllables gives the sentence.
    """

    text: str
    pinyin: str | None = None  # citation reading with tone marks, e.g. "zhòng"
    hard: bool = False  # annotate this syllable with pinyin at the `hard` level


@dataclass(frozen=True)
class SpeechText:
    """What the voices say for one sentence (the display text never changes)."""

    text: str  # numbers, dates, symbols read out in Chinese characters
    respelled: str  # `text` with lexicon words respelled by unambiguous homophones
    # Spoken readings: tone-number syllables ("ni2", "hao3"; 5 = neutral) with sandhi and
    # neutral tones applied, and punctuation kept as pause tokens ("，", "。").
    pinyin: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    text: str
    syllables: tuple[Syllable, ...] = ()  # filled by the pronunciation stage
    speech: SpeechText | None = None  # filled by the pronunciation stage


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return "".join(sentence.text for sentence in self.sentences)

    @classmethod
    def from_text(cls, text: str) -> Paragraph:
        return cls(tuple(Sentence(sentence) for sentence in split_sentences(text)))


@dataclass(frozen=True)
class Article:
    """A cleaned article. Reading order: title, subtitle, paragraphs."""

    title: Paragraph | None
    subtitle: Paragraph | None  # without its leading dash
    series: str | None  # a part marker such as "（九）"
    byline: str | None
    captions: tuple[Paragraph, ...]
    paragraphs: tuple[Paragraph, ...]
    furniture: tuple[str, ...] = ()  # page numbers, dates, column names found in the text

    def blocks(self) -> Iterator[Paragraph]:
        """Every text block that can carry readings, headline first."""
        if self.title is not None:
            yield self.title
        if self.subtitle is not None:
            yield self.subtitle
        yield from self.paragraphs
        yield from self.captions


@dataclass(frozen=True)
class Section:
    """A part of the article that becomes one audio file and one h2 on the page."""

    index: int  # 0-based reading order
    title: str  # taken from the text
    paragraphs: tuple[Paragraph, ...]
    # Spoken before the paragraphs but shown elsewhere (the headline and subtitle in section 0).
    intro: tuple[Paragraph, ...] = ()

    def spoken(self) -> Iterator[Paragraph]:
        yield from self.intro
        yield from self.paragraphs


@dataclass(frozen=True)
class Cue:
    """A span of audio, in seconds from the start of its file, and the text spoken in it."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Speech:
    """An engine's result: mono PCM and its timings."""

    samples: bytes  # 16-bit signed little-endian mono PCM
    sample_rate: int
    sentences: tuple[Cue, ...]  # one per input sentence, in order
    words: tuple[Cue, ...] = field(default=())  # per word/syllable where the engine gives them

    @property
    def duration(self) -> float:
        return len(self.samples) / 2 / self.sample_rate


@dataclass(frozen=True)
class SectionAudio:
    """A section's audio as the page and the packaging see it."""

    section: Section
    file: str  # relative to the article folder, e.g. "audio/01-jin-rong.mp3"
    start: float  # offset of this section in the full episode, seconds
    duration: float
    cues: tuple[Cue, ...]  # one per sentence of `section.spoken()`, in order, times within `file`
    # Word or syllable timings within `file` where the voice gives them (the page follows them).
    words: tuple[Cue, ...] = ()
