"""Speech cut into one piece per sentence, and pieces joined back, with exact cues."""

from __future__ import annotations

from collections.abc import Sequence

from reader import audio
from reader.model import Cue, Speech


def split_sentences(speech: Speech) -> list[Speech]:
    """Cut speech into one piece per sentence cue, each with its own cues from 0.

    The cuts fall at the cues' starts (the first piece from 0, the last to the end), so no
    sample is lost even where an engine's cues leave gaps between sentences.
    """
    rate = speech.sample_rate
    total = len(speech.samples) // audio.BYTES_PER_SAMPLE
    cuts = [0, *(round(cue.start * rate) for cue in speech.sentences[1:]), total]
    pieces = []
    for cue, first, last in zip(speech.sentences, cuts, cuts[1:], strict=False):
        begin, end = first / rate, last / rate
        words = tuple(
            Cue(word.start - begin, min(word.end, end) - begin, word.text)
            for word in speech.words
            if begin <= word.start < end
        )
        samples = speech.samples[first * audio.BYTES_PER_SAMPLE : last * audio.BYTES_PER_SAMPLE]
        pieces.append(Speech(samples, rate, (Cue(0.0, end - begin, cue.text),), words))
    return pieces


def join_speech(pieces: Sequence[Speech]) -> Speech:
    """Join speech one after the other, converted to the first piece's sample rate.

    Cues move by each piece's offset; a piece's first sentence cue is stretched back to the
    piece's start and its last one to its end, so joined cues stay contiguous and cover all.
    """
    rate = pieces[0].sample_rate if pieces else 24_000
    parts: list[bytes] = []
    sentences: list[Cue] = []
    words: list[Cue] = []
    position = 0  # samples
    for piece in pieces:
        samples = audio.resample(piece.samples, piece.sample_rate, rate)
        start, end = position / rate, (position + len(samples) // audio.BYTES_PER_SAMPLE) / rate
        moved = [Cue(start + cue.start, start + cue.end, cue.text) for cue in piece.sentences]
        if moved:
            moved[0] = Cue(start, moved[0].end, moved[0].text)
            moved[-1] = Cue(moved[-1].start, end, moved[-1].text)
        sentences += moved
        words += [
            Cue(start + cue.start, min(start + cue.end, end), cue.text) for cue in piece.words
        ]
        parts.append(samples)
        position += len(samples) // audio.BYTES_PER_SAMPLE
    return Speech(audio.concat(parts), rate, tuple(sentences), tuple(words))
