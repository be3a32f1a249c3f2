"""LAME MP3 streams: encoded, split into their Info frame and audio frames, joined gaplessly.

Encoding: LAME through `lameenc`, asked for what libsndfile asks LAME for (libsndfile's own
LAME build took three times as long). `lameenc` writes no Info
frame, which decoders need for exact length and gapless playback (encoder delay and padding)
and players for seeking; so each stream gets the Info frame libsndfile's LAME writes for the
same rate, mode and quality (taken once from a tenth of a second of silence), filled in for
that stream exactly as a join fills it in for the whole.

Joining: the episode is its section files with silence between them. Encoding it a second
time would be the costliest step of a build, so the sections' MP3 frames are joined instead:
every LAME stream starts with an empty bit reservoir, so frames of several streams decode in
sequence. The joined file keeps the first stream's Xing/Info frame, rewritten for the whole
(frame and byte counts, seek table, the last stream's end padding, both CRCs); the other
streams' Info frames are dropped. Decoders then trim the joined file exactly like a single
encode, and a stream's audio starts `frames before it × samples per frame` into the decoded
whole (all streams share the encoder delay, which is checked).

Frame layout: ISO 11172-3 / 13818-3 Layer III headers; Xing/Info and LAME tag as LAME 3.100
writes them (Info frame, flags, frames, bytes, 100-byte TOC, quality, then the 36-byte LAME
extension holding encoder delay and padding, music length, music CRC and tag CRC, both
CRC-16/ARC).
"""

from __future__ import annotations

import functools
import io
import struct
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import numpy.typing as npt

from reader.crc import crc16
from reader.errors import OutputError

_BITRATES_MPEG1 = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_BITRATES_MPEG2 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_XING_FRAMES, _XING_BYTES, _XING_TOC, _XING_QUALITY = 1, 2, 4, 8
_LAME_QUALITY = 2  # LAME's -q: the algorithm choices libsndfile makes ("near-best")
_LAME_VBR_MTRH = 4  # LAME's current VBR algorithm, as the Info frame of libsndfile records
_TEMPLATE_SECONDS = 0.1

BitrateMode = Literal["VARIABLE", "CONSTANT"]


@dataclass(frozen=True)
class FrameHeader:
    mpeg1: bool
    sample_rate: int
    length: int  # bytes, header included
    mono: bool
    crc_protected: bool

    @property
    def samples(self) -> int:
        return 1152 if self.mpeg1 else 576

    @property
    def side_info(self) -> int:
        if self.mpeg1:
            return 17 if self.mono else 32
        return 9 if self.mono else 17


def frame_header(data: bytes, at: int) -> FrameHeader | None:
    """The Layer III frame header at `at`, or None if there is none."""
    if at + 4 > len(data) or data[at] != 0xFF or data[at + 1] & 0xE0 != 0xE0:
        return None
    version, layer = (data[at + 1] >> 3) & 3, (data[at + 1] >> 1) & 3
    bitrate_index, rate_index = data[at + 2] >> 4, (data[at + 2] >> 2) & 3
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    mpeg1 = version == 3
    bitrate = (_BITRATES_MPEG1 if mpeg1 else _BITRATES_MPEG2)[bitrate_index] * 1000
    sample_rate = _SAMPLE_RATES[version][rate_index]
    padding = (data[at + 2] >> 1) & 1
    length = (144 if mpeg1 else 72) * bitrate // sample_rate + padding
    return FrameHeader(
        mpeg1=mpeg1,
        sample_rate=sample_rate,
        length=length,
        mono=(data[at + 3] >> 6) == 3,
        crc_protected=not data[at + 1] & 1,
    )


def _skip_id3(data: bytes) -> int:
    if data[:3] != b"ID3" or len(data) < 10:
        return 0
    size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
    return 10 + size + (10 if data[5] & 0x10 else 0)


@dataclass(frozen=True)
class LameStream:
    """One LAME-encoded file: its Info frame, its audio frames, its gapless numbers."""

    header: FrameHeader
    info: bytes  # the Xing/Info frame
    tag_at: int  # offset of "Xing"/"Info" in `info`
    audio: bytes  # every frame after the Info frame
    frame_sizes: tuple[int, ...]
    delay: int  # encoder delay, samples
    padding: int  # end padding, samples

    @property
    def frames(self) -> int:
        return len(self.frame_sizes)


def _lame_offset(info: bytes, tag_at: int) -> int:
    flags = struct.unpack(">I", info[tag_at + 4 : tag_at + 8])[0]
    offset = tag_at + 8
    for flag, size in ((_XING_FRAMES, 4), (_XING_BYTES, 4), (_XING_TOC, 100), (_XING_QUALITY, 4)):
        if flags & flag:
            offset += size
    return offset


def parse_lame(data: bytes) -> LameStream:
    """Split a LAME MP3 into its Info frame and audio frames; OutputError if it is not one."""
    start = _skip_id3(data)
    header = frame_header(data, start)
    if header is None:
        raise OutputError("not an MPEG Layer III stream")
    info = data[start : start + header.length]
    tag_at = _info_tag_at(info, header)
    if tag_at is None:
        raise OutputError("the MP3 has no Xing/Info frame (not written by LAME)")
    lame = _lame_offset(info, tag_at)
    if info[lame : lame + 4] != b"LAME" or len(info) < lame + 36:
        raise OutputError("the MP3 has no LAME tag (encoder delay unknown)")
    delay_padding = info[lame + 21 : lame + 24]
    delay = (delay_padding[0] << 4) | (delay_padding[1] >> 4)
    padding = ((delay_padding[1] & 0x0F) << 8) | delay_padding[2]
    sizes, end = _frame_sizes(data, start + header.length)
    audio = data[start + header.length : end]
    return LameStream(header, info, tag_at, audio, sizes, delay, padding)


def _info_tag_at(frame: bytes, header: FrameHeader) -> int | None:
    """Where "Xing"/"Info" stands in a first frame that is an Info frame, else None."""
    tag_at = 4 + (2 if header.crc_protected else 0) + header.side_info
    return tag_at if frame[tag_at : tag_at + 4] in (b"Xing", b"Info") else None


def _frame_sizes(data: bytes, at: int) -> tuple[tuple[int, ...], int]:
    """The sizes of the MPEG frames from `at` on, and where they end: at the end of `data` or
    at what is not a frame (a trailing tag, ID3v1 or APE, ends the audio)."""
    sizes = []
    while at < len(data):
        frame = frame_header(data, at)
        if frame is None:
            break
        sizes.append(frame.length)
        at += frame.length
    return tuple(sizes), at


def _seek_table(info_size: int, sizes: Sequence[int], total_bytes: int) -> bytes:
    """Xing TOC: for each percent of the frames, the byte position as a 0–255 fraction."""
    offsets = [info_size]
    for size in sizes[:-1]:
        offsets.append(offsets[-1] + size)
    table = bytearray(100)
    for percent in range(100):
        frame = min(len(offsets) - 1, percent * len(sizes) // 100)
        table[percent] = min(255, offsets[frame] * 256 // total_bytes)
    return bytes(table)


@dataclass(frozen=True)
class Joined:
    data: bytes
    starts: tuple[int, ...]  # each stream's first sample in the decoded whole
    samples: int  # decoded length of the whole
    sample_rate: int


def join_streams(streams: Sequence[LameStream], *, music_crc: int | None = None) -> Joined:
    """One gapless MP3 of the streams in order (same rate, channels and encoder delay).

    `music_crc`: the CRC-16 of the streams' audio frames if the caller kept it running
    (`crc16(stream.audio, crc)` stream by stream), so it need not be computed here.
    """
    if not streams:
        raise OutputError("nothing to join")
    first = streams[0]
    for stream in streams[1:]:
        same = (stream.header.sample_rate, stream.header.mono, stream.delay) == (
            first.header.sample_rate,
            first.header.mono,
            first.delay,
        )
        if not same:
            raise OutputError("MP3 streams to join differ in rate, channels or encoder delay")
    sizes = [size for stream in streams for size in stream.frame_sizes]
    audio = b"".join(stream.audio for stream in streams)
    total_bytes = len(first.info) + len(audio)
    info = bytearray(first.info)
    tag = first.tag_at
    flags = struct.unpack(">I", info[tag + 4 : tag + 8])[0]
    at = tag + 8
    if flags & _XING_FRAMES:
        info[at : at + 4] = struct.pack(">I", len(sizes))
        at += 4
    if flags & _XING_BYTES:
        info[at : at + 4] = struct.pack(">I", total_bytes)
        at += 4
    if flags & _XING_TOC:
        info[at : at + 100] = _seek_table(len(first.info), sizes, total_bytes)
    lame = _lame_offset(bytes(info), tag)
    last = streams[-1]
    info[lame + 21 : lame + 24] = bytes(
        [first.delay >> 4, ((first.delay & 0x0F) << 4) | (last.padding >> 8), last.padding & 0xFF]
    )
    info[lame + 28 : lame + 32] = struct.pack(">I", total_bytes)
    info[lame + 32 : lame + 34] = struct.pack(
        ">H", crc16(audio) if music_crc is None else music_crc
    )
    info[lame + 34 : lame + 36] = struct.pack(">H", crc16(bytes(info[: lame + 34])))
    per_frame = first.header.samples
    starts, position = [], 0
    for stream in streams:
        starts.append(position)
        position += stream.frames * per_frame
    samples = position - first.delay - last.padding
    return Joined(bytes(info) + audio, tuple(starts), samples, first.header.sample_rate)


def _constant_bitrate(sample_rate: int, quality: float) -> int:
    """kbit/s for a compression level, as libsndfile maps it (LAME picks the nearest legal)."""
    if sample_rate >= 32000:  # MPEG-1
        return int(320 - quality * (320 - 32))
    if sample_rate >= 16000:  # MPEG-2
        return int(160 - quality * (160 - 8))
    return int(64 - quality * (64 - 8))  # MPEG-2.5


@functools.cache
def _info_template(
    sample_rate: int, bitrate_mode: BitrateMode, quality: float
) -> LameStream | None:
    """The Info frame LAME writes for these settings (through libsndfile, on silence); None
    where LAME writes none (a constant bitrate whose frames are too small to hold it)."""
    import soundfile

    silence = np.zeros(int(sample_rate * _TEMPLATE_SECONDS), dtype=np.int16)
    buffer = io.BytesIO()
    try:
        soundfile.write(
            buffer,
            silence,
            sample_rate,
            format="MP3",
            subtype="MPEG_LAYER_III",
            bitrate_mode=bitrate_mode,
            compression_level=quality,
        )
    except (soundfile.LibsndfileError, ValueError, TypeError) as error:
        raise OutputError(f"cannot encode MP3 at {sample_rate} Hz: {error}") from error
    data = buffer.getvalue()
    header = frame_header(data, 0)
    if header is None:
        raise OutputError(f"cannot encode MP3 at {sample_rate} Hz")
    return None if _info_tag_at(data, header) is None else parse_lame(data)


def _lame_frames(
    samples: npt.NDArray[np.int16], sample_rate: int, bitrate_mode: BitrateMode, quality: float
) -> bytes:
    """The audio frames LAME makes of mono PCM with the settings libsndfile would give it."""
    import lameenc

    encoder = lameenc.Encoder()
    try:
        encoder.set_in_sample_rate(sample_rate)
        encoder.set_out_sample_rate(sample_rate)  # else LAME resamples at low bitrates
        encoder.set_channels(1)
        encoder.set_quality(_LAME_QUALITY)
        if bitrate_mode == "CONSTANT":
            encoder.set_bit_rate(_constant_bitrate(sample_rate, quality))
        else:
            encoder.set_vbr(_LAME_VBR_MTRH)
            encoder.set_vbr_quality(min(9, round(quality * 10)))
        return bytes(encoder.encode(samples.astype("<i2").tobytes()) + encoder.flush())
    except RuntimeError as error:
        raise OutputError(f"cannot encode MP3: {error}") from error


def encode(
    samples: npt.NDArray[np.int16], sample_rate: int, bitrate_mode: BitrateMode, quality: float
) -> bytes:
    """Mono PCM as a LAME MP3 with its Info frame. `quality` is libsndfile's compression level:
    0.0 is the highest bitrate; VBR quality is its tenths (0.3: LAME's -V 3)."""
    if samples.size == 0:
        raise OutputError("no audio to encode")
    template = _info_template(sample_rate, bitrate_mode, quality)
    frames = _lame_frames(samples, sample_rate, bitrate_mode, quality)
    first = frame_header(frames, 0) if frames else None
    if first is None or (first.sample_rate, first.mono) != (sample_rate, True):
        raise OutputError("the MP3 encoder wrote frames of another rate or channel count")
    sizes, end = _frame_sizes(frames, 0)
    if end != len(frames):
        raise OutputError("the MP3 encoder wrote something that is not an MPEG frame")
    if template is None:
        return frames  # as LAME writes it then: no Info frame
    padding = len(sizes) * first.samples - template.delay - len(samples)
    if not 0 <= padding < 1 << 12:  # the LAME tag holds 12 bits
        raise OutputError("the MP3 encoder's frames do not match its Info frame")
    stream = replace(template, audio=frames, frame_sizes=sizes, padding=padding)
    return join_streams([stream]).data
