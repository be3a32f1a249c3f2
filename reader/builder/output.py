"""Write an article folder: section MP3s + VTT, the episode with tags and chapters, the page,
`chapters.json`, `manifest.json`, `report.txt`. Every file is written atomically.

Sections arrive one by one while the next is being synthesized: each is brought to the
profile and written at once. The episode is then joined from the section files' MP3 frames,
not encoded a second time, so little is left to do when the last section's speech is ready.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader import audio
from reader.builder.report import REPORT_NAME, BuildReport
from reader.builder.slug import slugify
from reader.builder.state import save_state
from reader.fsutil import write_bytes_atomic, write_text_atomic
from reader.manifest import MANIFEST_NAME, Manifest, SectionEntry
from reader.model import Article, Cue, SectionAudio
from reader.package.chapters import chapters_json
from reader.package.concat import LameStream, join_streams, parse_lame
from reader.package.crc import crc16
from reader.package.digest import sha256_file
from reader.package.episode import SECTION_PAUSE, SECTION_TAIL
from reader.package.files import (
    MP3_HEADROOM_DB,
    ReadBack,
    audio_entry,
    encode_mp3_bytes,
    normalized,
    read_back_bytes,
    write_mp3,
)
from reader.package.loudness import FloatArray, Levels, LoudnessMeter, integrated_loudness
from reader.package.profiles import Profile
from reader.package.tags import Chapter, EpisodeTags, write_tags
from reader.transcript import webvtt

if TYPE_CHECKING:
    from reader.builder.pipeline import SpeechRun

AUDIO_DIR = "audio"
PAGE_NAME = "index.html"
CHAPTERS_NAME = "chapters.json"
SECTION_SLUG_CHARS = 40
LOUDNESS_TOLERANCE_LU = 1.0  # warn beyond this (speech that needs heavy limiting)
ENCODER_GAIN_TOLERANCE_DB = 0.1  # an encoder level change smaller than this is left alone
MAX_ENCODER_GAIN_DB = 1.0


def section_stem(index: int, title: str) -> str:
    """`01-shi-ying-ji-guan-li-ju`: 1-based number, then the title's slug."""
    return f"{index + 1:02d}-{slugify(title, limit=SECTION_SLUG_CHARS, fallback='section')}"


def describe(article: Article) -> str:
    """Subtitle and opening sentence: the episode's description."""
    parts = []
    if article.subtitle is not None:
        parts.append(article.subtitle.text.strip().rstrip("。") + "。")
    if article.paragraphs and article.paragraphs[0].sentences:
        parts.append(article.paragraphs[0].sentences[0].text.strip())
    return "".join(parts)


@dataclass(frozen=True)
class WrittenSection:
    run: SpeechRun
    mp3: Path
    vtt: Path
    start: float  # in the episode, seconds


@dataclass(frozen=True)
class EpisodeFacts:
    """What the writer needs to know about the article beyond its audio."""

    slug: str
    date: str
    article: Article  # pronounced
    source_sha256: str
    series: int | None
    publication: str
    key: str  # the build key, for the state file


class ArticleWriter:
    """Receives sections in order (`add`), then joins the episode (`close_episode`).

    The episode is not encoded again: its MP3 is the section files' frames with a silent
    gap stream between them (`reader.package.concat`), decoded sample for sample like the
    sections themselves. Section k starts where the frames before it end.
    """

    def __init__(self, folder: Path, slug: str, profile: Profile, report: BuildReport) -> None:
        self.folder = folder
        self.profile = profile
        self.report = report
        self.episode_mp3 = folder / f"{slug}.mp3"
        self.sections: list[WrittenSection] = []
        self.episode_duration = 0.0
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

    def add(self, run: SpeechRun) -> None:
        """Shape one section, write its MP3 (read back: under the ceiling) and VTT, and queue
        its frames for the episode."""
        stem = section_stem(run.section.index, run.section.title)
        mp3 = self.folder / AUDIO_DIR / f"{stem}.mp3"
        vtt = self.folder / AUDIO_DIR / f"{stem}.vtt"
        signal = normalized(run.pcm.samples, self.profile, self._encoder_gain_db or 0.0)
        written = write_mp3(signal, self.profile, mp3)
        if self._encoder_gain_db is None:
            written = self._calibrate(run, signal, written, mp3)
        write_text_atomic(vtt, webvtt(run.pcm.cues))
        if self.sections:
            self._append(*self._gap_stream())
        start = self._position / self.profile.sample_rate
        self._append(parse_lame(mp3.read_bytes()), written)
        self.sections.append(WrittenSection(run, mp3, vtt, start))

    def _calibrate(
        self, run: SpeechRun, signal: FloatArray, written: ReadBack, mp3: Path
    ) -> ReadBack:
        """Learn the encoder's level change on the first section and, if it matters, shape
        and encode that section again aiming past it."""
        rate = self.profile.sample_rate
        change = integrated_loudness(written.signal, rate) - integrated_loudness(signal, rate)
        if not math.isfinite(change) or abs(change) < ENCODER_GAIN_TOLERANCE_DB:
            self._encoder_gain_db = 0.0
            return written
        self._encoder_gain_db = max(-MAX_ENCODER_GAIN_DB, min(MAX_ENCODER_GAIN_DB, change))
        signal = normalized(run.pcm.samples, self.profile, self._encoder_gain_db)
        return write_mp3(signal, self.profile, mp3)

    def close_episode(self) -> Levels:
        """Write the joined episode; its loudness and true peak.

        The episode decodes to the section files' and gaps' own samples at the offsets the
        join reports (within one 16-bit step where the decoder crosses a join, see
        `reader.package.concat`), and each was read back and measured there as it was
        joined, so nothing is decoded again: the loudness gates the block energies gathered
        stream by stream, the true peak is the highest of the streams'.
        """
        joined = join_streams(self._streams, music_crc=self._music_crc)
        write_bytes_atomic(self.episode_mp3, joined.data)
        self.episode_duration = joined.samples / joined.sample_rate
        return Levels(self._loudness.integrated(joined.samples), self._peak_dbtp)


def _engine_of(run: SpeechRun) -> tuple[str, str, str | None]:
    """The engine and voice that made most of a section, and the first fallback reason."""
    counts = Counter((outcome.engine, outcome.voice) for outcome in run.outcomes)
    (engine, voice), _ = counts.most_common(1)[0]
    reason = next((o.fallback_reason for o in run.outcomes if o.fallback_reason), None)
    return engine, voice, reason


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Section files of an earlier build that this build did not write (sections changed)."""
    audio_dir = folder / AUDIO_DIR
    if not audio_dir.is_dir():
        return
    for path in audio_dir.iterdir():
        name = f"{AUDIO_DIR}/{path.name}"
        if path.suffix in (".mp3", ".vtt") and name not in keep:
            path.unlink(missing_ok=True)


def _finite(value: float) -> float:
    return round(value, 2) if math.isfinite(value) else -99.0


def finish(writer: ArticleWriter, facts: EpisodeFacts) -> Manifest:
    """Close the episode, then tag it and write transcripts, chapters, page, manifest, report."""
    folder, profile, report = writer.folder, writer.profile, writer.report
    levels = writer.close_episode()
    sections = writer.sections
    ends = [*(s.start for s in sections[1:]), writer.episode_duration]
    chapters = [
        Chapter(s.run.section.title, s.start, end) for s, end in zip(sections, ends, strict=True)
    ]
    article = facts.article
    title = article.title.text.strip() if article.title else facts.slug
    write_tags(
        writer.episode_mp3,
        EpisodeTags(
            title=title,
            album=facts.publication,
            artist=article.byline or facts.publication,
            date=facts.date,
            track=facts.series,
            comment=describe(article),
        ),
        chapters,
    )
    episode_vtt = folder / f"{facts.slug}.vtt"
    episode_cues = [
        Cue(s.start + cue.start, s.start + cue.end, cue.text)
        for s in sections
        for cue in s.run.pcm.cues
    ]
    write_text_atomic(episode_vtt, webvtt(episode_cues))
    write_text_atomic(folder / CHAPTERS_NAME, chapters_json(chapters))
    if abs(levels.loudness_lufs - profile.target_lufs) > LOUDNESS_TOLERANCE_LU:
        report.warn(
            f"episode loudness {levels.loudness_lufs:.1f} LUFS, target {profile.target_lufs:.0f}"
        )
    if levels.true_peak_dbtp > profile.ceiling_dbtp:
        report.warn(f"episode true peak {levels.true_peak_dbtp:.1f} dBTP over the ceiling")

    entries: list[SectionEntry] = []
    section_audio: list[SectionAudio] = []
    for written in sections:
        entry = audio_entry(folder, written.mp3, written.vtt)
        engine, voice, reason = _engine_of(written.run)
        section = written.run.section
        entries.append(
            SectionEntry(
                index=section.index,
                title=section.title,
                start=round(written.start, 3),
                audio=entry,
                engine=engine,
                voice=voice,
                fallback_reason=reason,
            )
        )
        section_audio.append(
            SectionAudio(section, entry.file, written.start, entry.duration, written.run.pcm.cues)
        )
    episode_entry = audio_entry(folder, writer.episode_mp3, episode_vtt)

    from reader.page import render_page

    page = render_page(
        article,
        section_audio,
        episode_file=episode_entry.file,
        episode_duration=episode_entry.duration,
    )
    write_text_atomic(folder / PAGE_NAME, page)

    manifest = Manifest(
        slug=facts.slug,
        title=title,
        subtitle=article.subtitle.text.strip() if article.subtitle else None,
        series=article.series,
        series_number=facts.series,
        byline=article.byline,
        date=facts.date,
        built_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        description=describe(article),
        page=PAGE_NAME,
        chapters=CHAPTERS_NAME,
        episode=episode_entry,
        sections=tuple(entries),
        profile=profile.name,
        loudness_lufs=_finite(levels.loudness_lufs),
        true_peak_dbtp=_finite(levels.true_peak_dbtp),
        source_sha256=facts.source_sha256,
        warnings=tuple(report.warnings),
    )
    for item in entries:
        report.note(
            f"  {item.index + 1:2d}. {item.title}  {item.audio.duration:6.1f} s  "
            f"{item.engine}:{item.voice}  {item.audio.file}"
        )
    report.note(
        f"episode {episode_entry.file}: {episode_entry.duration:.1f} s, "
        f"{manifest.loudness_lufs:.1f} LUFS, true peak {manifest.true_peak_dbtp:.1f} dBTP "
        f"({profile.name} profile, MP3 headroom {MP3_HEADROOM_DB} dB)"
    )
    section_paths = [path for s in sections for path in (s.mp3, s.vtt)]
    _remove_stale(folder, {path.relative_to(folder).as_posix() for path in section_paths})
    manifest.save(folder)
    write_text_atomic(folder / REPORT_NAME, report.text())
    files = [
        *section_paths,
        writer.episode_mp3,
        episode_vtt,
        folder / CHAPTERS_NAME,
        folder / PAGE_NAME,
        folder / MANIFEST_NAME,
    ]
    # The state file goes last: its presence with matching checksums means a complete build.
    save_state(
        folder,
        facts.key,
        {path.relative_to(folder).as_posix(): sha256_file(path) for path in files},
    )
    return manifest
