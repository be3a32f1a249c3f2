"""The files of an article folder beyond the section MP3s, one small writer each.

Every writer writes atomically and returns the paths it wrote (relative to nothing: the
caller stages them and commits the set, see `reader.builder.commit`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.builder.layout import AUDIO_DIR, CHAPTERS_NAME, PAGE_NAME
from reader.builder.report import REPORT_NAME, BuildReport
from reader.builder.slug import slugify
from reader.fsutil import write_text_atomic
from reader.manifest import MANIFEST_NAME, AudioFile, EpubFile, Manifest, SectionEntry
from reader.model import Article, Cue, SectionAudio
from reader.package.assembly import Episode, WrittenSection
from reader.package.chapters import chapters_json
from reader.package.files import MP3_HEADROOM_DB, audio_entry
from reader.package.profiles import Profile
from reader.package.tags import Chapter, EpisodeTags, write_tags
from reader.transcript import webvtt

SECTION_SLUG_CHARS = 40
LOUDNESS_TOLERANCE_LU = 1.0  # warn beyond this (speech that needs heavy limiting)


@dataclass(frozen=True)
class EpisodeFacts:
    """What the writers need to know about the article beyond its audio."""

    slug: str
    date: str
    article: Article  # pronounced
    source_sha256: str
    series: int | None
    publication: str

    @property
    def title(self) -> str:
        article = self.article
        return article.title.text.strip() if article.title else self.slug


def section_stem(index: int, title: str) -> str:
    """`01-shi-ying-ji-guan-li-ju`: 1-based number, then the title's slug."""
    return f"{index + 1:02d}-{slugify(title, limit=SECTION_SLUG_CHARS, fallback='section')}"


def section_paths(folder: Path, index: int, title: str) -> tuple[Path, Path]:
    """Where a section's MP3 and VTT go."""
    stem = section_stem(index, title)
    return folder / AUDIO_DIR / f"{stem}.mp3", folder / AUDIO_DIR / f"{stem}.vtt"


def episode_description(article: Article) -> str:
    """Subtitle and opening sentence: the episode's description."""
    parts = []
    if article.subtitle is not None:
        parts.append(article.subtitle.text.strip().rstrip("。") + "。")
    if article.paragraphs and article.paragraphs[0].sentences:
        parts.append(article.paragraphs[0].sentences[0].text.strip())
    return "".join(parts)


def chapters_of(sections: Sequence[WrittenSection], episode: Episode) -> list[Chapter]:
    ends = [*(s.start for s in sections[1:]), episode.duration]
    return [
        Chapter(s.speech.section.title, s.start, end) for s, end in zip(sections, ends, strict=True)
    ]


def write_episode_tags(episode: Episode, facts: EpisodeFacts, chapters: list[Chapter]) -> Path:
    """ID3 text frames and chapters on the episode MP3."""
    write_tags(
        episode.mp3,
        EpisodeTags(
            title=facts.title,
            album=facts.publication,
            artist=facts.article.byline or facts.publication,
            date=facts.date,
            track=facts.series,
            comment=episode_description(facts.article),
        ),
        chapters,
    )
    return episode.mp3


def write_episode_transcript(path: Path, sections: Sequence[WrittenSection]) -> Path:
    """The whole episode's WebVTT: every section's cues moved to where the episode holds it."""
    cues = [
        Cue(s.start + cue.start, s.start + cue.end, cue.text)
        for s in sections
        for cue in s.pcm.cues
    ]
    write_text_atomic(path, webvtt(cues))
    return path


def write_chapters(folder: Path, chapters: Sequence[Chapter]) -> Path:
    path = folder / CHAPTERS_NAME
    write_text_atomic(path, chapters_json(chapters))
    return path


def warn_about_levels(episode: Episode, profile: Profile, report: BuildReport) -> None:
    levels = episode.levels
    if abs(levels.loudness_lufs - profile.target_lufs) > LOUDNESS_TOLERANCE_LU:
        report.warn(
            f"episode loudness {levels.loudness_lufs:.1f} LUFS, target {profile.target_lufs:.0f}"
        )
    if levels.true_peak_dbtp > profile.ceiling_dbtp:
        report.warn(f"episode true peak {levels.true_peak_dbtp:.1f} dBTP over the ceiling")


def section_entries(folder: Path, sections: Sequence[WrittenSection]) -> list[SectionEntry]:
    """The manifest's record of each section file as written."""
    entries = []
    for written in sections:
        engine, voice, reason = written.speech.voice()
        section = written.speech.section
        entries.append(
            SectionEntry(
                index=section.index,
                title=section.title,
                start=round(written.start, 3),
                audio=audio_entry(folder, written.mp3, written.vtt),
                engine=engine,
                voice=voice,
                fallback_reason=reason,
            )
        )
    return entries


def section_audio_of(
    sections: Sequence[WrittenSection], entries: Sequence[SectionEntry]
) -> list[SectionAudio]:
    """Each section's file, place in the episode and cues, as the page and the EPUB see it."""
    return [
        SectionAudio(
            written.speech.section,
            entry.audio.file,
            written.start,
            entry.audio.duration,
            written.pcm.cues,
            written.pcm.words,
        )
        for written, entry in zip(sections, entries, strict=True)
    ]


def write_page(
    folder: Path,
    article: Article,
    sections: Sequence[WrittenSection],
    entries: Sequence[SectionEntry],
    episode: AudioFile,
) -> Path:
    """The read-along page."""
    from reader.page import render_page

    section_audio = section_audio_of(sections, entries)
    page = render_page(
        article, section_audio, episode_file=episode.file, episode_duration=episode.duration
    )
    path = folder / PAGE_NAME
    write_text_atomic(path, page)
    return path


def write_epub(
    folder: Path,
    facts: EpisodeFacts,
    sections: Sequence[WrittenSection],
    entries: Sequence[SectionEntry],
) -> EpubFile:
    """The talking book `<slug>.epub` (`reader.epub`): text, pinyin and the section MP3s
    already in `folder`, synchronised by a media overlay."""
    from reader.epub.article import ArticleFacts, write_article_epub

    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    book = ArticleFacts(
        facts.slug, facts.date, facts.publication, now, episode_description(facts.article)
    )
    return write_article_epub(folder, facts.article, section_audio_of(sections, entries), book)


def _finite(value: float) -> float:
    return round(value, 2) if math.isfinite(value) else -99.0


def manifest_of(
    facts: EpisodeFacts,
    entries: Sequence[SectionEntry],
    episode: Episode,
    episode_file: AudioFile,
    profile: Profile,
    warnings: Sequence[str],
    epub: EpubFile | None = None,
) -> Manifest:
    article = facts.article
    return Manifest(
        slug=facts.slug,
        title=facts.title,
        subtitle=article.subtitle.text.strip() if article.subtitle else None,
        series=article.series,
        series_number=facts.series,
        byline=article.byline,
        date=facts.date,
        built_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        description=episode_description(article),
        page=PAGE_NAME,
        chapters=CHAPTERS_NAME,
        episode=episode_file,
        sections=tuple(entries),
        profile=profile.name,
        loudness_lufs=_finite(episode.levels.loudness_lufs),
        true_peak_dbtp=_finite(episode.levels.true_peak_dbtp),
        source_sha256=facts.source_sha256,
        warnings=tuple(warnings),
        epub=epub,
    )


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    manifest.save(folder)
    return folder / MANIFEST_NAME


def write_report(folder: Path, report: BuildReport, manifest: Manifest, profile: Profile) -> Path:
    """The report, with a line per section and the episode's levels."""
    for item in manifest.sections:
        report.note(
            f"  {item.index + 1:2d}. {item.title}  {item.audio.duration:6.1f} s  "
            f"{item.engine}:{item.voice}  {item.audio.file}"
        )
    episode = manifest.episode
    report.note(
        f"episode {episode.file}: {episode.duration:.1f} s, "
        f"{manifest.loudness_lufs:.1f} LUFS, true peak {manifest.true_peak_dbtp:.1f} dBTP "
        f"({profile.name} profile, MP3 headroom {MP3_HEADROOM_DB} dB)"
    )
    path = folder / REPORT_NAME
    write_text_atomic(path, report.text())
    return path
