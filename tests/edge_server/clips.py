"""Real MP3 for the server to stream: recordings, or a synthetic tone per word."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import soundfile

from edge_server.protocol import SAMPLE_RATE, Word


@dataclass(frozen=True)
class Clip:
    mp3: bytes
    words: tuple[Word, ...]


def encode_mp3(samples: np.ndarray) -> bytes:
    """Float samples in [-1, 1] at 24 kHz → MP3 bytes, 48 kbps CBR (the service's format)."""
    buffer = io.BytesIO()
    soundfile.write(
        buffer,
        samples.astype(np.float32),
        SAMPLE_RATE,
        format="MP3",
        bitrate_mode="CONSTANT",
        compression_level=0.75,
    )
    return buffer.getvalue()


def clip_from_speech(
    samples: bytes, sample_rate: int, words: Sequence[tuple[str, float, float]]
) -> Clip:
    """A recording (16-bit PCM at 24 kHz, e.g. from the offline voice) as the service sends it."""
    if sample_rate != SAMPLE_RATE:
        raise ValueError("the service streams 24 kHz audio")
    signal = np.frombuffer(samples, dtype="<i2").astype(np.float32) / 32768
    return Clip(encode_mp3(signal), tuple(Word(*word) for word in words))


_WORD = re.compile(r"[A-Za-z0-9]+|[^\W\d_A-Za-z]{1,2}")


def synthetic_clip(text: str, seconds_per_char: float = 0.12) -> Clip:
    """A tone per word (Han characters in pairs, Latin/digit runs whole), pauses at
    punctuation; `seconds_per_char` sets the pace (and so the MP3 encoding time)."""
    pause, gap = 1.5 * seconds_per_char, seconds_per_char / 4
    pieces: list[np.ndarray] = [np.zeros(int(0.1 * SAMPLE_RATE))]
    words: list[Word] = []
    position = 0.1
    cursor = 0
    for index, match in enumerate(_WORD.finditer(text)):
        if re.search(r"[，。！？；、,.!?;\n]", text[cursor : match.start()]):
            pieces.append(np.zeros(int(pause * SAMPLE_RATE)))
            position += pause
        cursor = match.end()
        seconds = seconds_per_char * len(match.group())
        t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
        pieces.append(0.3 * np.sin(2 * np.pi * (180 + 20 * (index % 7)) * t))
        pieces.append(np.zeros(int(gap * SAMPLE_RATE)))
        words.append(Word(match.group(), position, position + seconds))
        position += seconds + gap
    pieces.append(np.zeros(int(0.2 * SAMPLE_RATE)))
    return Clip(encode_mp3(np.concatenate(pieces)), tuple(words))
