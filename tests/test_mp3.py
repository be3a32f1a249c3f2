"""LAME MP3 streams (`reader.mp3`): encoded with their Info frame, so that they decode to
exactly the samples given; joined frame by frame, so that the joined file decodes to each
stream's own audio, sample for sample, at the offsets `join_streams` reports."""

from __future__ import annotations

import io
import struct

import numpy as np
import pytest
import soundfile
from mutagen.mp3 import MP3

from reader.crc import _crc16_loop, crc16
from reader.errors import OutputError
from reader.mp3 import encode, join_streams, parse_lame


def _encode(signal: np.ndarray, rate: int, mode: str, quality: float) -> bytes:
    """A LAME stream as libsndfile writes it (the encoder reader used before its own)."""
    buffer = io.BytesIO()
    soundfile.write(
        buffer, signal, rate, format="MP3", bitrate_mode=mode, compression_level=quality
    )
    return buffer.getvalue()


def _as_int16(signal: np.ndarray) -> np.ndarray:
    return np.round(signal * 32767).astype(np.int16)


@pytest.mark.parametrize(
    ("rate", "mode", "quality"),
    [(24000, "VARIABLE", 0.3), (24000, "VARIABLE", 0.5), (44100, "CONSTANT", 0.5)],
)
def test_an_encoded_stream_decodes_to_exactly_its_samples(
    rate: int, mode: str, quality: float
) -> None:
    source = _as_int16(np.concatenate(_pieces(rate)))
    data = encode(source, rate, mode, quality)  # type: ignore[arg-type]
    decoded, decoded_rate = soundfile.read(io.BytesIO(data), dtype="int16")
    assert decoded_rate == rate and len(decoded) == len(source)  # delay and padding trimmed
    error = decoded.astype(float) - source
    assert 10 * np.log10((source.astype(float) ** 2).sum() / (error**2).sum()) > 20  # aligned
    stream = parse_lame(data)
    assert stream.frames * stream.header.samples == stream.delay + len(source) + stream.padding
    lame = stream.info.index(b"LAME")
    assert struct.unpack(">H", stream.info[lame + 34 : lame + 36])[0] == crc16(
        stream.info[: lame + 34]
    )
    assert MP3(io.BytesIO(data)).info.length == pytest.approx(len(source) / rate, abs=0.001)


def test_streams_of_both_encoders_join_sample_for_sample() -> None:
    pieces = _pieces(24000)
    encoded = [
        encode(_as_int16(piece), 24000, "VARIABLE", 0.3)
        if index % 2
        else _encode(piece, 24000, "VARIABLE", 0.3)
        for index, piece in enumerate(pieces)
    ]
    joined = join_streams([parse_lame(data) for data in encoded])
    decoded = soundfile.read(io.BytesIO(joined.data), dtype="int16")[0]
    assert len(decoded) == joined.samples
    for data, start in zip(encoded, joined.starts, strict=True):
        alone = soundfile.read(io.BytesIO(data), dtype="int16")[0].astype(int)
        assert np.abs(decoded[start : start + len(alone)] - alone).max() <= 1


def test_a_constant_bitrate_too_low_for_an_info_frame_still_decodes() -> None:
    source = _as_int16(_pieces(24000)[0])
    data = encode(source, 24000, "CONSTANT", 0.9)  # 24 kbit/s: no room for LAME's Info frame
    decoded = soundfile.read(io.BytesIO(data), dtype="int16")[0]
    assert soundfile.info(io.BytesIO(data)).samplerate == 24000  # not resampled by LAME
    assert len(source) <= len(decoded) <= len(source) + 4096  # untrimmed, as LAME writes it


def _pieces(rate: int) -> list[np.ndarray]:
    pieces = []
    for seconds, pitch in [(2.3, 300), (0.9, 0), (3.1, 500), (0.9, 0), (1.7, 700)]:
        t = np.arange(int(seconds * rate)) / rate
        tone = 0.3 * np.sin(2 * np.pi * pitch * t) * np.sin(np.pi * t / seconds)
        pieces.append((tone if pitch else np.zeros_like(t)).astype(np.float32))
    return pieces


@pytest.mark.parametrize(
    ("rate", "mode", "quality"),
    [(24000, "VARIABLE", 0.3), (24000, "CONSTANT", 0.6), (44100, "CONSTANT", 0.5)],
)
def test_joined_streams_decode_to_each_stream_sample_for_sample(
    rate: int, mode: str, quality: float
) -> None:
    encoded = [_encode(piece, rate, mode, quality) for piece in _pieces(rate)]
    joined = join_streams([parse_lame(data) for data in encoded])
    decoded, decoded_rate = soundfile.read(io.BytesIO(joined.data), dtype="int16")
    assert decoded_rate == rate == joined.sample_rate
    assert len(decoded) == joined.samples
    for data, start in zip(encoded, joined.starts, strict=True):
        alone = soundfile.read(io.BytesIO(data), dtype="int16")[0].astype(int)
        # The same samples (within one 16-bit step: the decoder's filter state carries a
        # trace of the silent padding before a join).
        assert np.abs(decoded[start : start + len(alone)] - alone).max() <= 1
    # Players read the joined length from the rewritten Info frame.
    assert MP3(io.BytesIO(joined.data)).info.length == pytest.approx(
        joined.samples / rate, abs=0.05
    )


def test_the_rewritten_lame_tag_checksums_hold() -> None:
    encoded = [_encode(piece, 24000, "VARIABLE", 0.3) for piece in _pieces(24000)]
    joined = join_streams([parse_lame(data) for data in encoded])
    first = parse_lame(joined.data)
    lame = first.info.index(b"LAME")
    stored_tag_crc = struct.unpack(">H", first.info[lame + 34 : lame + 36])[0]
    assert stored_tag_crc == crc16(first.info[: lame + 34])
    assert struct.unpack(">H", first.info[lame + 32 : lame + 34])[0] == crc16(first.audio)
    assert struct.unpack(">I", first.info[lame + 28 : lame + 32])[0] == len(joined.data)


def test_streams_that_cannot_be_joined_are_refused() -> None:
    with pytest.raises(OutputError):
        parse_lame(b"not an mp3 at all")
    a = parse_lame(_encode(_pieces(24000)[0], 24000, "CONSTANT", 0.6))
    b = parse_lame(_encode(_pieces(44100)[0], 44100, "CONSTANT", 0.6))
    with pytest.raises(OutputError):
        join_streams([a, b])
    with pytest.raises(OutputError):
        join_streams([])


def test_crc16_is_crc16_arc_for_any_length_and_running_value() -> None:
    assert crc16(b"123456789") == 0xBB3D  # the catalogue's check value for CRC-16/ARC
    rng = np.random.default_rng(7)
    for size in [0, 1, 511, 4096, 4097, 70001, 1_000_003]:
        data = rng.integers(0, 256, size, dtype=np.uint8).tobytes()
        running = int(rng.integers(0, 65536))
        assert crc16(data, running) == _crc16_loop(data, running), size
        half = size // 3
        assert crc16(data[half:], crc16(data[:half])) == crc16(data)


def test_music_crc_matches_the_one_lame_wrote() -> None:
    data = _encode(np.concatenate(_pieces(24000)), 24000, "VARIABLE", 0.3)
    stream = parse_lame(data)
    lame = stream.info.index(b"LAME")
    assert struct.unpack(">H", stream.info[lame + 32 : lame + 34])[0] == crc16(stream.audio)
