"""Section audio from per-paragraph speech: pauses, timings, one sample rate.

A section is its paragraphs' speech joined by PARAGRAPH_PAUSE, ending in a short tail; the
episode (`reader.package.assembly.EpisodeAssembler`) joins the sections so that SECTION_PAUSE
separates them. Cue times follow the samples exactly, so the read-along and the transcripts
stay in step with the files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reader import audio
from reader.errors import SynthesisError
from reader.model import Cue, Paragraph, Section, Speech
from reader.speech.base import SpeechOutcome

PARAGRAPH_PAUSE = 0.6  # seconds between paragraphs of a section
SECTION_TAIL = 0.3  # silence closing every section file, so players do not cut the last word
SECTION_PAUSE = 1.2  # silence between two sections in the episode (tail included)


@dataclass(frozen=True)
class SectionSpeech:
    """A section's speech as the voice returned it: one outcome per spoken paragraph."""

    section: Section
    paragraphs: tuple[Paragraph, ...]
    outcomes: tuple[SpeechOutcome, ...]

    def voice(self) -> tuple[str, str, str | None]:
        """The engine and voice that made most of the section, and the first fallback reason."""
        counts = Counter((outcome.engine, outcome.voice) for outcome in self.outcomes)
        (engine, voice), _ = counts.most_common(1)[0]
        reason = next((o.fallback_reason for o in self.outcomes if o.fallback_reason), None)
        return engine, voice, reason


@dataclass(frozen=True)
class SectionPcm:
    samples: bytes  # 16-bit mono PCM at `sample_rate`
    sample_rate: int
    cues: tuple[Cue, ...]  # one per spoken sentence, display text, times within the section
    words: tuple[Cue, ...] = ()  # the voice's word or syllable cues, times within the section


def _paragraph_cues(paragraph: Paragraph, speech: Speech, offset: float) -> list[Cue]:
    sentences = paragraph.sentences
    if len(speech.sentences) != len(sentences):
        raise SynthesisError(
            f"the voice returned {len(speech.sentences)} timings for {len(sentences)} "
            f"sentences of “{paragraph.text[:20]}…”"
        )
    return [
        Cue(offset + cue.start, offset + cue.end, sentence.text)
        for cue, sentence in zip(speech.sentences, sentences, strict=True)
    ]


def assemble_section(
    paragraphs: Sequence[Paragraph], speeches: Sequence[Speech], sample_rate: int
) -> SectionPcm:
    """Join the paragraphs' speech (resampled to `sample_rate`) with pauses between them."""
    parts: list[bytes] = []
    cues: list[Cue] = []
    words: list[Cue] = []
    offset_samples = 0
    for index, (paragraph, speech) in enumerate(zip(paragraphs, speeches, strict=True)):
        if index:
            pause = audio.silence(PARAGRAPH_PAUSE, sample_rate)
            parts.append(pause)
            offset_samples += len(pause) // audio.BYTES_PER_SAMPLE
        samples = audio.resample(speech.samples, speech.sample_rate, sample_rate)
        offset = offset_samples / sample_rate
        cues += _paragraph_cues(paragraph, speech, offset)
        words += [Cue(offset + w.start, offset + w.end, w.text) for w in speech.words]
        parts.append(samples)
        offset_samples += len(samples) // audio.BYTES_PER_SAMPLE
    parts.append(audio.silence(SECTION_TAIL, sample_rate))
    return SectionPcm(audio.concat(parts), sample_rate, tuple(cues), tuple(words))
