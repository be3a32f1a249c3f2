"""Write audio to a delivery profile and describe the files as the manifest lists them."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

from reader import audio, mp3
from reader.errors import OutputError
from reader.manifest import AudioFile
from reader.package.digest import sha256_file
from reader.package.loudness import (
    FloatArray,
    Levels,
    limit,
    measure,
    normalize,
    true_peak,
)
from reader.package.profiles import Profile

# MP3 coding moves peaks by a few tenths of a dB: aim this far under the ceiling, then check
# the file read back and attenuate more if it still went over.
MP3_HEADROOM_DB = 1.0
MAX_ENCODE_TRIES = 3


def normalized(samples: bytes, profile: Profile, encoder_gain_db: float = 0.0) -> FloatArray:
    """PCM at the profile's rate brought to its loudness, under its ceiling with headroom.

    `encoder_gain_db`: what the MP3 encoder itself does to the level (libsndfile's LAME
    lowers CBR output by about 0.45 dB); the PCM is aimed that much higher, so the file,
    not the PCM, lands on the target.
    """
    return normalize(
        audio.to_float(samples).astype(np.float64),
        profile.sample_rate,
        profile.target_lufs - encoder_gain_db,
        profile.ceiling_dbtp - MP3_HEADROOM_DB - encoder_gain_db,
    )


@dataclass(frozen=True)
class ReadBack:
    """An audio file as a player decodes it, and its true peak."""

    signal: FloatArray  # mono, as `measure_file` measures it
    sample_rate: int
    true_peak_dbtp: float


def _read_back_pcm(samples: bytes, sample_rate: int) -> ReadBack:
    signal = audio.to_float(samples).astype(np.float64)
    return ReadBack(signal, sample_rate, true_peak(signal))


def read_back(path: Path) -> ReadBack:
    """Decode an audio file and measure its true peak."""
    return _read_back_pcm(*audio.decode_audio(path))


def read_back_bytes(data: bytes) -> ReadBack:
    """An MP3 in memory (a short piece: the gap) decoded as a player decodes it."""
    try:
        decoded, rate = soundfile.read(io.BytesIO(data), dtype="int16", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError) as error:
        raise OutputError(f"cannot decode MP3: {error}") from error
    return _read_back_pcm(decoded[:, 0].astype("<i2").tobytes(), int(rate))  # mono profiles


def measure_file(path: Path) -> Levels:
    """Loudness and true peak of an audio file as a player decodes it."""
    samples, rate = audio.decode_audio(path)
    return measure(audio.to_float(samples).astype(np.float64), rate)


def write_mp3(signal: FloatArray, profile: Profile, path: Path) -> ReadBack:
    """Encode `signal` as the profile's MP3, read it back, and encode it again lower until its
    true peak is under the ceiling; returns the file as written, read back."""
    headroom = 0.0
    for _ in range(MAX_ENCODE_TRIES):
        shaped = (
            signal
            if headroom == 0.0
            else limit(
                signal, profile.sample_rate, profile.ceiling_dbtp - MP3_HEADROOM_DB - headroom
            )
        )
        audio.encode_mp3(
            audio.from_float(shaped),
            profile.sample_rate,
            path,
            bitrate_mode=profile.bitrate_mode,
            quality=profile.mp3_quality,
        )
        written = read_back(path)
        peak = written.true_peak_dbtp
        if math.isinf(peak) or peak <= profile.ceiling_dbtp:
            break
        headroom += peak - profile.ceiling_dbtp + 0.2
    return written


def encode_mp3_bytes(samples: bytes, profile: Profile) -> bytes:
    """PCM at the profile's rate as the profile's MP3, in memory (a short piece: the gap)."""
    return mp3.encode(
        audio.to_array(samples), profile.sample_rate, profile.bitrate_mode, profile.mp3_quality
    )


def file_duration(path: Path) -> float:
    """Seconds of audio in the file as written (libsndfile honours the encoder delay info)."""
    try:
        return float(soundfile.info(str(path)).duration)
    except (soundfile.LibsndfileError, RuntimeError, OSError) as error:
        raise OutputError(f"cannot read back {path}: {error}") from error


def audio_entry(folder: Path, mp3: Path, vtt: Path) -> AudioFile:
    """The manifest's record of a written MP3 and its transcript (paths relative to folder)."""
    return AudioFile(
        file=mp3.relative_to(folder).as_posix(),
        duration=round(file_duration(mp3), 3),
        bytes=mp3.stat().st_size,
        sha256=sha256_file(mp3),
        vtt=vtt.relative_to(folder).as_posix(),
    )
