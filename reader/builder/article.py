"""Build one article into a folder: the unit of work a process pool or a cluster runs.

`build_files(job, context, folder)` pronounces the article, splits it into sections, speaks
them and packages them, and returns what it wrote. It knows nothing of locks, the state
file or the feed: the caller builds into a staging folder and commits the set
(`reader.builder.pipeline`), or a worker returns the files to the client
(`reader.builder.batch`).

Speech is asked per paragraph, so the speech cache (one entry per sentence) lets an
interrupted build resume where it stopped. Section k is packaged on a worker thread while
section k+1 is synthesized.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.builder.context import BuildContext
from reader.builder.metadata import series_number
from reader.builder.options import Progress
from reader.builder.report import BuildReport
from reader.manifest import Manifest
from reader.model import Article, Paragraph, Section, Sentence

if TYPE_CHECKING:
    from reader.package.assembly import EpisodeAssembler
    from reader.package.episode import SectionSpeech
    from reader.package.profiles import Profile
    from reader.speech.base import SpeechOutcome


@dataclass(frozen=True)
class ArticleJob:
    """One article to build, decided by the client: everything a worker needs (picklable)."""

    source: Path  # as the user named it (messages only: a worker never reads it)
    article: Article  # normalized, not yet pronounced
    source_sha256: str
    slug: str
    date: str
    key: str  # the build key (`reader.builder.state`)
    publication: str
    slug_note: str | None = None  # why the slug has a suffix, for the report
    pronounced: bool = False  # `article` already carries its readings (`pronounce_job`)

    @property
    def characters(self) -> int:
        """The article's length, the weight of its share of a batch's progress."""
        title = len(self.article.title.text) if self.article.title else 0
        return title + sum(len(paragraph.text) for paragraph in self.article.paragraphs)


def pronounce_job(job: ArticleJob, context: BuildContext) -> ArticleJob:
    """`job` with its article pronounced. The client of a local pool does this once for
    every article, so its worker processes never load the pronouncer (seconds of CPU each)."""
    if job.pronounced:
        return job
    return replace(job, article=context.pronouncer().article(job.article), pronounced=True)


def spoken_sentences(article: Article) -> list[Sentence]:
    """The sentences `build_files` speaks, in the order it speaks them (article pronounced)."""
    from reader.sections import split_sections

    return [
        sentence
        for section in split_sections(article)
        for paragraph in section.spoken()
        for sentence in paragraph.sentences
    ]


def longest_first(jobs: Sequence[ArticleJob]) -> list[ArticleJob]:
    """The order to hand articles to workers: the longest first, so that the last to finish
    are short ones and no worker is left alone with a long one at the end."""
    return sorted(jobs, key=lambda job: job.characters, reverse=True)


@dataclass(frozen=True)
class BuiltArticle:
    """What `build_files` wrote (paths relative to the folder it built into)."""

    slug: str
    manifest: Manifest
    report: BuildReport
    files: tuple[str, ...]
    synthesized: int  # sentences not found in the speech cache


def build_files(job: ArticleJob, context: BuildContext, folder: Path) -> BuiltArticle:
    """Pronounce, split, speak and package `job` into `folder` (an empty staging folder)."""
    from reader.sections import split_sections

    report = BuildReport(job.slug)
    if job.slug_note is not None:
        report.warn(job.slug_note)
    pronounced = pronounce_job(job, context).article
    sections = split_sections(pronounced)
    steps = sum(len(tuple(section.spoken())) for section in sections) + len(sections) + 1
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="package") as packager:
        # The worker loads the packaging stages (scipy and friends: over a second to import)
        # while the first section is spoken (the voice leaves the GIL free far more than the
        # pronouncer, so the import goes beside it, not beside pronouncing).
        opened = packager.submit(_open_assembler, context.profile)
        bar = context.progress(steps, job.slug) if context.progress else None
        try:
            synthesized = _speak_all(sections, folder, context, report, bar, packager, opened)
            manifest, paths = _finish(opened.result(), folder, job, pronounced, context, report)
            if bar is not None:
                bar.update(1)
        finally:
            if bar is not None:
                bar.close()
    files = tuple(path.relative_to(folder).as_posix() for path in paths)
    return BuiltArticle(job.slug, manifest, report, files, synthesized)


def _speak_section(
    section: Section, total: int, context: BuildContext, report: BuildReport, bar: Progress | None
) -> tuple[SectionSpeech, int]:
    """Synthesize one section; returns its speech and how many sentences were not cached."""
    from reader.package.episode import SectionSpeech

    paragraphs = tuple(section.spoken())
    if bar is not None:
        bar.set_postfix_str(f"{section.index + 1}/{total} {section.title[:16]}")
    outcomes = tuple(context.speak(paragraphs, bar.update if bar is not None else None))
    for outcome in outcomes:
        if outcome.fallback_reason:
            report.warn(f"section {section.index + 1} ({section.title}): {outcome.fallback_reason}")
    _report_latin(section, paragraphs, outcomes, report)
    synthesized = sum(
        len(paragraph.sentences)
        for paragraph, outcome in zip(paragraphs, outcomes, strict=True)
        if not outcome.cached
    )
    return SectionSpeech(section, paragraphs, outcomes), synthesized


def _report_latin(
    section: Section,
    paragraphs: Sequence[Paragraph],
    outcomes: Sequence[SpeechOutcome],
    report: BuildReport,
) -> None:
    """Name the English the offline voice spelled or left out (it has no Latin sounds; the
    edge voice reads English itself)."""
    from reader.pronounce.letters import offline_notes
    from reader.speech import engines

    for paragraph, outcome in zip(paragraphs, outcomes, strict=True):
        if outcome.engine != engines.OFFLINE:
            continue
        for sentence in paragraph.sentences:
            if sentence.speech is not None:
                for note in offline_notes(sentence.speech.text):
                    report.warn(f"section {section.index + 1} ({section.title}): {note}")


def _speak_all(
    sections: Sequence[Section],
    folder: Path,
    context: BuildContext,
    report: BuildReport,
    bar: Progress | None,
    packager: ThreadPoolExecutor,
    opened: Future[EpisodeAssembler],
) -> int:
    """Speak the sections in order, handing each to the packager as soon as it is spoken
    (section k is packaged while section k+1 is synthesized; the assembler sees them in
    order). Returns how many sentences were synthesized."""
    pending: list[Future[object]] = [opened]  # type: ignore[list-item]
    synthesized = 0
    try:
        for section in sections:
            spoken, count = _speak_section(section, len(sections), context, report, bar)
            synthesized += count
            pending.append(packager.submit(_package, opened, spoken, folder, bar))
            if pending[0].done():
                pending.pop(0).result()  # surface a packaging error early
        for future in pending:
            future.result()
    except BaseException:
        for future in pending:
            future.cancel()  # a failed build packages nothing more
        raise
    return synthesized


def _open_assembler(profile: Profile) -> EpisodeAssembler:
    from reader.package.assembly import EpisodeAssembler

    return EpisodeAssembler(profile)


def _package(
    opened: Future[EpisodeAssembler], spoken: SectionSpeech, folder: Path, bar: Progress | None
) -> None:
    """Write one section's MP3 and VTT (packaging thread)."""
    from reader.builder.writers import section_paths

    mp3, vtt = section_paths(folder, spoken.section.index, spoken.section.title)
    opened.result().add(spoken, mp3, vtt)
    if bar is not None:
        bar.update(1)


def _finish(
    assembler: EpisodeAssembler,
    folder: Path,
    job: ArticleJob,
    pronounced: Article,
    context: BuildContext,
    report: BuildReport,
) -> tuple[Manifest, list[Path]]:
    """Join the episode, then write its tags, transcript, chapters, page, manifest, report."""
    from reader.builder import writers
    from reader.package.files import audio_entry

    profile = context.profile
    facts = writers.EpisodeFacts(
        slug=job.slug,
        date=job.date,
        article=pronounced,
        source_sha256=job.source_sha256,
        series=series_number(job.article.series),
        publication=job.publication,
    )
    sections = assembler.sections
    episode = assembler.close(folder / f"{job.slug}.mp3")
    chapters = writers.chapters_of(sections, episode)
    paths = [path for s in sections for path in (s.mp3, s.vtt)]
    paths.append(writers.write_episode_tags(episode, facts, chapters))
    paths.append(writers.write_episode_transcript(folder / f"{job.slug}.vtt", sections))
    paths.append(writers.write_chapters(folder, chapters))
    writers.warn_about_levels(episode, profile, report)
    entries = writers.section_entries(folder, sections)
    episode_file = audio_entry(folder, episode.mp3, paths[-2])
    paths.append(writers.write_page(folder, pronounced, sections, entries, episode_file))
    epub = writers.write_epub(folder, facts, sections, entries) if context.options.epub else None
    paths += [folder / epub.file] if epub is not None else []
    manifest = writers.manifest_of(
        facts, entries, episode, episode_file, profile, report.warnings, epub
    )
    paths.append(writers.write_manifest(folder, manifest))
    paths.append(writers.write_report(folder, report, manifest, profile))
    return manifest, paths
