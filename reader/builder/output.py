"""Write an article folder: section MP3s + VTT, the episode with tags and chapters, the page,
`chapters.json`, `manifest.json`, `report.txt`. Every file is written atomically."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from reader import audio
from reader.builder.report import REPORT_NAME, BuildReport
from reader.builder.slug import slugify
from reader.builder.state import save_state, sha256_file
from reader.fsutil import write_text_atomic
from reader.manifest import MANIFEST_NAME, Manifest, SectionEntry
from reader.model import Article, SectionAudio
from reader.package.chapters import chapters_json
from reader.package.episode import SectionPcm, assemble_episode
from reader.package.files import audio_entry, normalized, write_mp3
from reader.package.tags import Chapter, EpisodeTags, write_tags
from reader.transcript import webvtt

if TYPE_CHECKING:
    from reader.builder.pipeline import BuildContext, Progress, SpeechRun

AUDIO_DIR = "audio"
PAGE_NAME = "index.html"
CHAPTERS_NAME = "chapters.json"
SECTION_SLUG_CHARS = 40
LOUDNESS_TOLERANCE_LU = 1.0  # warn beyond this (speech that needs heavy limiting)


def section_stem(index: int, title: str) -> str:
    """`01-shi-ying-ji-guan-li-ju`: 1-based number, then the title's slug."""
    return f"{index + 1:02d}-{slugify(title, limit=SECTION_SLUG_CHARS, fallback='section')}"


def _describe(article: Article) -> str:
    parts = []
    if article.subtitle is not None:
        parts.append(article.subtitle.text.strip().rstrip("。") + "。")
    if article.paragraphs and article.paragraphs[0].sentences:
        parts.append(article.paragraphs[0].sentences[0].text.strip())
    return "".join(parts)


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


def write_outputs(
    *,
    folder: Path,
    slug: str,
    date: str,
    article: Article,
    runs: Sequence[SpeechRun],
    source_sha256: str,
    series: int | None,
    context: BuildContext,
    report: BuildReport,
    key: str,
    bar: Progress | None,
) -> Manifest:
    profile = context.profile
    options = context.options

    def step(label: str) -> None:
        if bar is not None:
            bar.set_postfix_str(label)
            bar.update(1)

    # Sections: each brought to the profile on its own, so any file plays well alone.
    shaped: list[SectionPcm] = []
    section_files: list[tuple[Path, Path]] = []
    for run in runs:
        stem = section_stem(run.section.index, run.section.title)
        mp3 = folder / AUDIO_DIR / f"{stem}.mp3"
        vtt = folder / AUDIO_DIR / f"{stem}.vtt"
        signal = normalized(run.pcm.samples, profile)
        write_mp3(signal, profile, mp3)
        write_text_atomic(vtt, webvtt(run.pcm.cues))
        shaped.append(SectionPcm(audio.from_float(signal), profile.sample_rate, run.pcm.cues))
        section_files.append((mp3, vtt))
        step(f"section {run.section.index + 1}")

    # The episode: the shaped sections joined; already at the target, so no second gain.
    episode = assemble_episode(shaped)
    episode_mp3 = folder / f"{slug}.mp3"
    episode_vtt = folder / f"{slug}.vtt"
    signal = audio.to_float(episode.samples).astype(np.float64)
    levels = write_mp3(signal, profile, episode_mp3)
    ends = [*episode.starts[1:], audio.duration(episode.samples, episode.sample_rate)]
    chapters = [
        Chapter(run.section.title, start, end)
        for run, start, end in zip(runs, episode.starts, ends, strict=True)
    ]
    title = article.title.text.strip() if article.title else slug
    publication = options.publication or "reader"
    write_tags(
        episode_mp3,
        EpisodeTags(
            title=title,
            album=publication,
            artist=article.byline or publication,
            date=date,
            track=series,
            comment=_describe(article),
        ),
        chapters,
    )
    write_text_atomic(episode_vtt, webvtt(episode.cues))
    write_text_atomic(folder / CHAPTERS_NAME, chapters_json(chapters))
    if abs(levels.loudness_lufs - profile.target_lufs) > LOUDNESS_TOLERANCE_LU:
        report.warn(
            f"episode loudness {levels.loudness_lufs:.1f} LUFS, target {profile.target_lufs:.0f}"
        )
    if levels.true_peak_dbtp > profile.ceiling_dbtp:
        report.warn(f"episode true peak {levels.true_peak_dbtp:.1f} dBTP over the ceiling")
    step("episode")

    entries = []
    section_audio = []
    for run, start, (mp3, vtt) in zip(runs, episode.starts, section_files, strict=True):
        entry = audio_entry(folder, mp3, vtt)
        engine, voice, reason = _engine_of(run)
        entries.append(
            SectionEntry(
                index=run.section.index,
                title=run.section.title,
                start=round(start, 3),
                audio=entry,
                engine=engine,
                voice=voice,
                fallback_reason=reason,
            )
        )
        section_audio.append(
            SectionAudio(run.section, entry.file, start, entry.duration, run.pcm.cues)
        )
    episode_entry = audio_entry(folder, episode_mp3, episode_vtt)

    from reader.page import render_page

    page = render_page(
        article,
        section_audio,
        episode_file=episode_entry.file,
        episode_duration=episode_entry.duration,
    )
    write_text_atomic(folder / PAGE_NAME, page)
    step("page")

    manifest = Manifest(
        slug=slug,
        title=title,
        subtitle=article.subtitle.text.strip() if article.subtitle else None,
        series=article.series,
        series_number=series,
        byline=article.byline,
        date=date,
        built_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        description=_describe(article),
        page=PAGE_NAME,
        chapters=CHAPTERS_NAME,
        episode=episode_entry,
        sections=tuple(entries),
        profile=profile.name,
        loudness_lufs=_finite(levels.loudness_lufs),
        true_peak_dbtp=_finite(levels.true_peak_dbtp),
        source_sha256=source_sha256,
        warnings=tuple(report.warnings),
    )
    for section_entry in entries:
        report.note(
            f"  {section_entry.index + 1:2d}. {section_entry.title}  "
            f"{section_entry.audio.duration:6.1f} s  "
            f"{section_entry.engine}:{section_entry.voice}  {section_entry.audio.file}"
        )
    report.note(
        f"episode {episode_entry.file}: {episode_entry.duration:.1f} s, "
        f"{manifest.loudness_lufs:.1f} LUFS, true peak {manifest.true_peak_dbtp:.1f} dBTP "
        f"({profile.name} profile)"
    )
    written = {name for mp3, vtt in section_files for name in _relative(folder, mp3, vtt)}
    _remove_stale(folder, written)
    manifest.save(folder)
    write_text_atomic(folder / REPORT_NAME, report.text())
    files = [
        *(path for pair in section_files for path in pair),
        episode_mp3,
        episode_vtt,
        folder / CHAPTERS_NAME,
        folder / PAGE_NAME,
        folder / MANIFEST_NAME,
    ]
    # The state file goes last: its presence means a complete build.
    save_state(
        folder, key, {path.relative_to(folder).as_posix(): sha256_file(path) for path in files}
    )
    return manifest


def _relative(folder: Path, *paths: Path) -> list[str]:
    return [path.relative_to(folder).as_posix() for path in paths]


def _finite(value: float) -> float:
    return round(value, 2) if math.isfinite(value) else -99.0
