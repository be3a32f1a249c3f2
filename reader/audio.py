"""Audio I/O on 16-bit mono PCM: MP3 encoding through LAME (`reader.mp3`), WAV and decoding
through soundfile (libsndfile, no ffmpeg), resampling, silence and concatenation.

PCM travels as `bytes` (16-bit signed little-endian mono), the format of `reader.model.Speech`.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import soundfile

from reader import mp3
from reader.errors import InputError, OutputError
from reader.fsutil import write_bytes_atomic
from reader.mp3 import BitrateMode as BitrateMode  # the profiles name their mode by it

BYTES_PER_SAMPLE = 2
_INT16_SCALE = 32768.0


def to_array(samples: bytes) -> npt.NDArray[np.int16]:
    """A read-only view of PCM bytes as int16 samples."""
    if len(samples) % BYTES_PER_SAMPLE:
        raise ValueError("16-bit PCM must have an even number of bytes")
    return np.frombuffer(samples, dtype="<i2")


def from_float(signal: npt.NDArray[np.floating]) -> bytes:
    """Float samples in [-1, 1] (clipped beyond) to PCM bytes."""
    scaled = np.clip(np.rint(np.asarray(signal, dtype=np.float64) * _INT16_SCALE), -32768, 32767)
    return scaled.astype("<i2").tobytes()


def to_float(samples: bytes) -> npt.NDArray[np.float32]:
    return to_array(samples).astype(np.float32) / np.float32(_INT16_SCALE)


def duration(samples: bytes, sample_rate: int) -> float:
    """Length of PCM in seconds."""
    return len(samples) / BYTES_PER_SAMPLE / sample_rate


def silence(seconds: float, sample_rate: int) -> bytes:
    """`seconds` of digital silence (rounded to whole samples)."""
    if seconds < 0:
        raise ValueError("silence cannot be negative")
    return bytes(BYTES_PER_SAMPLE * round(seconds * sample_rate))


def concat(parts: Sequence[bytes]) -> bytes:
    """Join PCM parts of one sample rate."""
    return b"".join(parts)


def gain(samples: bytes, factor: float) -> bytes:
    """Scale the amplitude by `factor`, clipping at full scale."""
    if factor == 1.0:
        return samples
    return from_float(to_float(samples) * factor)


def rms(samples: bytes) -> float:
    """Root-mean-square level relative to full scale (0.0 for no samples)."""
    array = to_float(samples)
    return float(np.sqrt(np.mean(np.square(array)))) if array.size else 0.0


def resample(samples: bytes, from_rate: int, to_rate: int) -> bytes:
    """Convert the sample rate with a polyphase filter (scipy.signal.resample_poly)."""
    if from_rate <= 0 or to_rate <= 0:
        raise ValueError("sample rates must be positive")
    if from_rate == to_rate or not samples:
        return samples
    from scipy.signal import resample_poly  # scipy is heavy to import; only here

    common = math.gcd(from_rate, to_rate)
    converted = resample_poly(to_float(samples), to_rate // common, from_rate // common)
    return from_float(converted)


def encode_mp3(
    samples: bytes,
    sample_rate: int,
    path: Path,
    *,
    bitrate_mode: BitrateMode = "VARIABLE",
    quality: float = 0.5,
    through: bool = False,
) -> None:
    """Write PCM as an MP3 file, atomically (`through`: a destination the user named, see
    `fsutil.atomic_writer`).

    `quality` is libsndfile's compression level: 0.0 is the highest bitrate, towards 1.0 the
    smallest file. "CONSTANT" gives the fixed bitrate radio playout systems often require.
    LAME supports MPEG sample rates only: 8–48 kHz (24 kHz is the voices' rate).
    """
    if not 0.0 <= quality < 1.0:
        raise ValueError("quality must be in [0.0, 1.0)")
    array = to_array(samples)
    if array.size == 0:
        raise OutputError(f"cannot write {path}: no audio")
    try:
        encoded = mp3.encode(array, sample_rate, bitrate_mode, quality)
    except OutputError as error:
        raise OutputError(f"cannot write {path}: {error}") from error
    write_bytes_atomic(Path(path), encoded, through=through)


def encode_wav(samples: bytes, sample_rate: int, path: Path) -> None:
    """Write PCM as a 16-bit WAV file, atomically."""
    write_bytes_atomic(Path(path), _encode(to_array(samples), sample_rate, "WAV", "PCM_16"))


def _encode(
    array: npt.NDArray[np.int16], sample_rate: int, file_format: str, subtype: str, **options: Any
) -> bytes:
    """Encode in memory, so a failing disk (full, gone) fails in our own write with one clear
    error, not inside libsndfile's callbacks (which print every failed call and go on)."""
    buffer = io.BytesIO()
    soundfile.write(buffer, array, sample_rate, format=file_format, subtype=subtype, **options)
    return buffer.getvalue()


def decode_audio(source: Path | bytes) -> tuple[bytes, int]:
    """Read a file, or a file's bytes, in any format libsndfile knows (MP3, WAV, FLAC, Ogg) as
    16-bit mono PCM and its rate."""
    readable = io.BytesIO(source) if isinstance(source, bytes) else str(source)
    name = "data" if isinstance(source, bytes) else str(source)
    try:
        data, sample_rate = soundfile.read(readable, dtype="int16", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, OSError) as error:
        raise InputError(f"cannot decode audio {name}: {error}") from error
    if data.shape[1] > 1:  # down-mix: mean of the channels
        mono = np.rint(data.astype(np.float64).mean(axis=1)).astype("<i2")
    else:
        mono = data[:, 0].astype("<i2")
    return mono.tobytes(), int(sample_rate)
