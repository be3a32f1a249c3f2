"""Audio clips: speech cut into one clip per sentence, and clips joined back, with exact cues.

(Not the text "pieces" of `reader.pronounce.speech_text`, nor `reader.model.split_sentences`,
which cuts text.)
"""

from __future__ import annotations

from collections.abc import Sequence

from reader import audio
from reader.model import Cue, Speech


def _on_grid(seconds: float, rate: int) -> float:
    """A time snapped to its sample: the same instant reached by different sums (a clip cut
    from a longer synthesis, or synthesized alone) is then the same float, so a build from
    the cache and a fresh one agree to the last digit."""
    return round(seconds * rate) / rate


def clip_per_sentence(speech: Speech) -> list[Speech]:
    """Cut speech into one clip per sentence cue, each with its own cues from 0.

    The cuts fall at the cues' starts (the first clip from 0, the last to the end), so no
    sample is lost even where an engine's cues leave gaps between sentences.
    """
    rate = speech.sample_rate
    total = len(speech.samples) // audio.BYTES_PER_SAMPLE
    cuts = [0, *(round(cue.start * rate) for cue in speech.sentences[1:]), total]
    clips = []
    for cue, first, last in zip(speech.sentences, cuts, cuts[1:], strict=False):
        begin, end = first / rate, last / rate
        words = tuple(
            Cue(
                _on_grid(word.start - begin, rate),
                _on_grid(min(word.end, end) - begin, rate),
                word.text,
            )
            for word in speech.words
            if begin <= word.start < end
        )
        samples = speech.samples[first * audio.BYTES_PER_SAMPLE : last * audio.BYTES_PER_SAMPLE]
        clips.append(Speech(samples, rate, (Cue(0.0, end - begin, cue.text),), words))
    return clips


def join_speech(clips: Sequence[Speech]) -> Speech:
    """Join clips one after the other, converted to the first clip's sample rate.

    Cues move by each clip's offset; a clip's first sentence cue is stretched back to the
    clip's start and its last one to its end, so joined cues stay contiguous and cover all.
    """
    rate = clips[0].sample_rate if clips else 24_000
    parts: list[bytes] = []
    sentences: list[Cue] = []
    words: list[Cue] = []
    position = 0  # samples
    for clip in clips:
        samples = audio.resample(clip.samples, clip.sample_rate, rate)
        start, end = position / rate, (position + len(samples) // audio.BYTES_PER_SAMPLE) / rate
        moved = [Cue(start + cue.start, start + cue.end, cue.text) for cue in clip.sentences]
        if moved:
            moved[0] = Cue(start, moved[0].end, moved[0].text)
            moved[-1] = Cue(moved[-1].start, end, moved[-1].text)
        sentences += moved
        words += [
            Cue(
                _on_grid(start + cue.start, rate),
                _on_grid(min(start + cue.end, end), rate),
                cue.text,
            )
            for cue in clip.words
        ]
        parts.append(samples)
        position += len(samples) // audio.BYTES_PER_SAMPLE
    return Speech(audio.concat(parts), rate, tuple(sentences), tuple(words))
