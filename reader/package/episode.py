"""Section and episode audio from per-paragraph speech: pauses, timings, one sample rate.

A section is its paragraphs' speech joined by PARAGRAPH_PAUSE, ending in a short tail; the
episode is the sections joined so that a SECTION_PAUSE separates them. Cue times follow the
samples exactly, so the read-along and the transcripts stay in step with the files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader import audio
from reader.errors import SynthesisError
from reader.model import Cue, Paragraph, Speech

PARAGRAPH_PAUSE = 0.6  # seconds between paragraphs of a section
SECTION_TAIL = 0.3  # silence closing every section file, so players do not cut the last word
SECTION_PAUSE = 1.2  # silence between two sections in the episode (tail included)


@dataclass(frozen=True)
class SectionPcm:
    samples: bytes  # 16-bit mono PCM at `sample_rate`
    sample_rate: int
    cues: tuple[Cue, ...]  # one per spoken sentence, display text, times within the section

    @property
    def duration(self) -> float:
        return audio.duration(self.samples, self.sample_rate)


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
    offset_samples = 0
    for index, (paragraph, speech) in enumerate(zip(paragraphs, speeches, strict=True)):
        if index:
            pause = audio.silence(PARAGRAPH_PAUSE, sample_rate)
            parts.append(pause)
            offset_samples += len(pause) // audio.BYTES_PER_SAMPLE
        samples = audio.resample(speech.samples, speech.sample_rate, sample_rate)
        cues += _paragraph_cues(paragraph, speech, offset_samples / sample_rate)
        parts.append(samples)
        offset_samples += len(samples) // audio.BYTES_PER_SAMPLE
    parts.append(audio.silence(SECTION_TAIL, sample_rate))
    return SectionPcm(audio.concat(parts), sample_rate, tuple(cues))


@dataclass(frozen=True)
class EpisodePcm:
    samples: bytes
    sample_rate: int
    starts: tuple[float, ...]  # where each section begins, seconds
    cues: tuple[Cue, ...]  # every sentence, times within the episode


def assemble_episode(sections: Sequence[SectionPcm]) -> EpisodePcm:
    """The sections in order with SECTION_PAUSE between them (each already ends in its tail)."""
    if not sections:
        raise SynthesisError("no audio to put in the episode")
    sample_rate = sections[0].sample_rate
    gap = audio.silence(max(0.0, SECTION_PAUSE - SECTION_TAIL), sample_rate)
    parts: list[bytes] = []
    starts: list[float] = []
    cues: list[Cue] = []
    offset_samples = 0
    for index, section in enumerate(sections):
        if index:
            parts.append(gap)
            offset_samples += len(gap) // audio.BYTES_PER_SAMPLE
        start = offset_samples / sample_rate
        starts.append(start)
        cues += [Cue(start + cue.start, start + cue.end, cue.text) for cue in section.cues]
        parts.append(section.samples)
        offset_samples += len(section.samples) // audio.BYTES_PER_SAMPLE
    return EpisodePcm(audio.concat(parts), sample_rate, tuple(starts), tuple(cues))
