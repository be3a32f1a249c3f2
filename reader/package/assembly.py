"""Episode assembly: section MP3s written as their speech arrives, then one joined episode.

Sections arrive in order while the next one is still being synthesized: each is joined into
one PCM run (`reader.package.episode`), brought to the profile and encoded at once. The
episode is not encoded again: its MP3 is the section files' frames with a silent gap stream
between them (`reader.mp3`), decoded sample for sample like the sections
themselves, so section k starts where the frames before it end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from reader import audio
from reader.crc import crc16
from reader.fsutil import write_bytes_atomic, write_text_atomic
from reader.mp3 import LameStream, join_streams, parse_lame
from reader.package.episode import (
    SECTION_PAUSE,
    SECTION_TAIL,
    SectionPcm,
    SectionSpeech,
    assemble_section,
)
from reader.package.files import (
    ReadBack,
    encode_mp3_bytes,
    normalized,
    read_back_bytes,
    write_mp3,
)
from reader.package.loudness import FloatArray, Levels, LoudnessMeter, integrated_loudness
from reader.package.profiles import Profile
from reader.transcript import webvtt

ENCODER_GAIN_TOLERANCE_DB = 0.1  # an encoder level change smaller than this is left alone
MAX_ENCODER_GAIN_DB = 1.0


@dataclass(frozen=True)
class WrittenSection:
    """A section as written: its speech, its PCM's cues, its files and where the episode
    holds it."""

    speech: SectionSpeech
    pcm: SectionPcm
    mp3: Path
    vtt: Path
    start: float  # in the episode, seconds


@dataclass(frozen=True)
class Episode:
    """The joined episode as written."""

    mp3: Path
    duration: float  # seconds
    levels: Levels  # its loudness and true peak


class EpisodeAssembler:
    """Receives sections in order (`add`), then joins the episode (`close`)."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.sections: list[WrittenSection] = []
        self._streams: list[LameStream] = []
        self._position = 0  # samples of the frames gathered so far
        self._music_crc = 0  # of the frames gathered so far (the LAME tag wants it)
        self._loudness = LoudnessMeter(profile.sample_rate)  # of the episode, stream by stream
        self._peak_dbtp = -math.inf  # the highest true peak of the streams joined
        self._gap: tuple[LameStream, ReadBack] | None = None
        self._encoder_gain_db: float | None = None  # learnt on the first section

    def _append(self, stream: LameStream, decoded: ReadBack) -> None:
        """Queue a stream for the episode and measure it where the episode will hold it."""
        self._streams.append(stream)
        self._loudness.add(decoded.signal, self._position)
        self._peak_dbtp = max(self._peak_dbtp, decoded.true_peak_dbtp)
        self._position += stream.frames * stream.header.samples
        self._music_crc = crc16(stream.audio, self._music_crc)

    def _gap_stream(self) -> tuple[LameStream, ReadBack]:
        if self._gap is None:
            pause = audio.silence(SECTION_PAUSE - SECTION_TAIL, self.profile.sample_rate)
            data = encode_mp3_bytes(pause, self.profile)
            self._gap = parse_lame(data), read_back_bytes(data)
        return self._gap

    def add(self, speech: SectionSpeech, mp3: Path, vtt: Path) -> WrittenSection:
        """Join one section's speech, shape it, write its MP3 (read back: under the ceiling)
        and VTT, and queue its frames for the episode."""
        pcm = assemble_section(
            speech.paragraphs,
            [outcome.speech for outcome in speech.outcomes],
            self.profile.sample_rate,
        )
        signal = normalized(pcm.samples, self.profile, self._encoder_gain_db or 0.0)
        written = write_mp3(signal, self.profile, mp3)
        if self._encoder_gain_db is None:
            written = self._calibrate(pcm, signal, written, mp3)
        write_text_atomic(vtt, webvtt(pcm.cues))
        if self.sections:
            self._append(*self._gap_stream())
        start = self._position / self.profile.sample_rate
        self._append(parse_lame(mp3.read_bytes()), written)
        section = WrittenSection(speech, pcm, mp3, vtt, start)
        self.sections.append(section)
        return section

    def _calibrate(
        self, pcm: SectionPcm, signal: FloatArray, written: ReadBack, mp3: Path
    ) -> ReadBack:
        """Learn the encoder's level change on the first section and, if it matters, shape
        and encode that section again aiming past it."""
        rate = self.profile.sample_rate
        change = integrated_loudness(written.signal, rate) - integrated_loudness(signal, rate)
        if not math.isfinite(change) or abs(change) < ENCODER_GAIN_TOLERANCE_DB:
            self._encoder_gain_db = 0.0
            return written
        self._encoder_gain_db = max(-MAX_ENCODER_GAIN_DB, min(MAX_ENCODER_GAIN_DB, change))
        signal = normalized(pcm.samples, self.profile, self._encoder_gain_db)
        return write_mp3(signal, self.profile, mp3)

    def close(self, mp3: Path) -> Episode:
        """Write the joined episode to `mp3`.

        The episode decodes to the section files' and gaps' own samples at the offsets the
        join reports (within one 16-bit step where the decoder crosses a join, see
        `reader.mp3`), and each was read back and measured there as it was
        joined, so nothing is decoded again: the loudness gates the block energies gathered
        stream by stream, the true peak is the highest of the streams'.
        """
        joined = join_streams(self._streams, music_crc=self._music_crc)
        write_bytes_atomic(mp3, joined.data)
        levels = Levels(self._loudness.integrated(joined.samples), self._peak_dbtp)
        return Episode(mp3, joined.samples / joined.sample_rate, levels)
