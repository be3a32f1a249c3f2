"""Build one article: text → readings → sections → speech → files, under the folder's lock.

Stages talk only through the document model. Speech is asked per paragraph, so the speech
cache (one entry per sentence) lets an interrupted build resume where it stopped; a rebuild
whose inputs and files are unchanged is skipped outright (`reader.builder.state`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reader import __version__
from reader.builder.lock import folder_lock
from reader.builder.metadata import find_date, series_number
from reader.builder.report import BuildReport
from reader.builder.slug import article_slug
from reader.builder.state import build_key, up_to_date
from reader.errors import InputError, UsageError
from reader.manifest import Manifest
from reader.model import Article, Paragraph, Section
from reader.package.profiles import PROFILES, Profile
from reader.speech.base import SpeechOutcome, VoicePreset

if TYPE_CHECKING:
    from reader.builder.output import ArticleWriter
    from reader.package.episode import SectionPcm
    from reader.speech.service import Plan

BUILD_FORMAT = 1  # bump when the files a build writes change shape


class Progress(Protocol):
    def update(self, n: int = 1) -> Any: ...

    def set_postfix_str(self, text: str) -> Any: ...

    def close(self) -> Any: ...


ProgressFactory = Callable[[int, str], Progress]


@dataclass(frozen=True)
class BuildOptions:
    output_dir: Path
    engine: str = "auto"  # auto | edge | offline
    voice: str | None = None  # preset name or voice id
    profile: str = "podcast"  # podcast | radio
    slug: str | None = None  # validated by the caller
    date: str | None = None  # YYYY-MM-DD
    lexicon: Path | None = None
    strict: bool = False
    publication: str | None = None


@dataclass(frozen=True)
class SpokenSection:
    """A section's speech as the voice returned it, one outcome per spoken paragraph."""

    section: Section
    paragraphs: tuple[Paragraph, ...]
    outcomes: tuple[SpeechOutcome, ...]


@dataclass(frozen=True)
class SpeechRun:
    """The speech of one section: an outcome per spoken paragraph."""

    section: Section
    outcomes: tuple[SpeechOutcome, ...]
    pcm: SectionPcm


class BuildContext:
    """What the builds of one command share: the pronouncer (slow to load), the voice, the
    speech cache, and the engine once `auto` has chosen one."""

    def __init__(
        self,
        options: BuildOptions,
        *,
        cache: Any = None,
        progress: ProgressFactory | None = None,
    ) -> None:
        if options.profile not in PROFILES:
            raise UsageError(f"unknown profile '{options.profile}' (use podcast or radio)")
        self.options = options
        self.profile: Profile = PROFILES[options.profile]
        self.progress = progress
        self._cache = cache
        self._pronouncer: Any = None
        self._preset: VoicePreset | None = None
        self._lexicon_digest: str | None = None
        self._voice: Plan | None = None

    @property
    def cache(self) -> Any:
        if self._cache is None:
            from reader.speech.cache import SpeechCache

            self._cache = SpeechCache()
        return self._cache

    def preset(self) -> VoicePreset | None:
        if self.options.voice is not None and self._preset is None:
            from reader.speech.presets import resolve_voice

            self._preset = resolve_voice(self.options.voice, self.options.engine)
        return self._preset

    def lexicon_digest(self) -> str:
        if self._lexicon_digest is None:
            path = self.options.lexicon
            try:
                data = path.read_bytes() if path is not None else b""
            except OSError as error:
                raise InputError(f"{path}: cannot read lexicon ({error.strerror})") from error
            self._lexicon_digest = hashlib.sha256(data).hexdigest()
        return self._lexicon_digest

    def pronouncer(self) -> Any:
        if self._pronouncer is None:
            from reader.pronounce import Lexicon, Pronouncer

            path = self.options.lexicon
            lexicon = Lexicon.load(path) if path is not None else None
            self._pronouncer = Pronouncer(lexicon=lexicon)
        return self._pronouncer

    def _settle_voice(self) -> Plan:
        """Choose the engine once per command (one reachability probe, one warning).

        `auto` that lands on the offline voice stays there for every article (the plan's
        fallback reason goes on every section); with the edge voice, a later outage still
        falls back section by section after the edge engine's own retries.
        """
        if self._voice is None:
            from reader.speech.service import plan

            self._voice = plan(self.options.engine, self.preset(), strict=self.options.strict)
        return self._voice

    def edge_chosen(self) -> bool:
        """Whether this command speaks with the edge voice (probing the service once)."""
        return self._settle_voice().engine.name != "offline"

    def speak(
        self, paragraphs: Sequence[Paragraph], done: Callable[[int], None] | None = None
    ) -> list[SpeechOutcome]:
        """Speech for each paragraph. The offline voice is asked paragraph by paragraph, so
        each finished paragraph is in the cache before the next starts (an interrupted build
        resumes there); the edge voice gets a whole section at once, to run in parallel."""
        from reader.speech.service import speak_many

        chosen = self._settle_voice()
        offline = chosen.engine.name == "offline"
        batches = [[p] for p in paragraphs] if offline else [list(paragraphs)]
        outcomes: list[SpeechOutcome] = []
        for batch in batches:
            outcomes += speak_many(
                [paragraph.sentences for paragraph in batch],
                chosen=chosen,
                cache=self.cache,
                strict=self.options.strict,
            )
            if done is not None:
                done(len(batch))
        return outcomes


@dataclass(frozen=True)
class BuildResult:
    source: Path
    slug: str
    folder: Path
    manifest: Manifest | None  # None when the folder was already up to date
    report: BuildReport
    skipped: bool = False
    sentences_synthesized: int = 0
    warnings: tuple[str, ...] = field(default=())


def headline_of(article: Article) -> str:
    if article.title is not None and article.title.text.strip():
        return article.title.text.strip()
    for paragraph in article.paragraphs:
        if paragraph.sentences:
            return paragraph.sentences[0].text.strip()
    return "article"


def _article_date(article: Article, options: BuildOptions) -> str:
    return options.date or find_date(article.furniture) or dt.date.today().isoformat()


def _load(source: Path) -> tuple[Article, str]:
    """The article in `source` and the SHA-256 of its bytes (read once)."""
    from reader.normalize import load_normalized
    from reader.normalize.decode import read_source

    data, name = read_source(source)
    article = load_normalized(data, name=name).article
    if not article.paragraphs and article.title is None:
        raise InputError(f"{source}: no article text found")
    return article, hashlib.sha256(data).hexdigest()


def build_article(
    source: Path, context: BuildContext, *, taken: set[str] | None = None
) -> BuildResult:
    """Build `source` into `<output>/<slug>/`; `taken` holds slugs already used by this command
    (a second article with the same date and headline gets `-2`)."""
    options = context.options
    article, source_sha256 = _load(source)
    date = _article_date(article, options)
    slug = options.slug or article_slug(date, headline_of(article))
    if taken is not None:
        base, number = slug, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
    folder = options.output_dir / slug
    key = build_key(
        {
            "reader": __version__,
            "build": BUILD_FORMAT,
            "source": source_sha256,
            "engine": options.engine,
            "voice": options.voice,
            "profile": options.profile,
            "date": date,
            "publication": options.publication,
            "lexicon": context.lexicon_digest(),
        }
    )
    with folder_lock(folder):
        retry_edge = _had_fallbacks(folder, options.engine) and context.edge_chosen()
        if up_to_date(folder, key) and not retry_edge:
            report = BuildReport(slug)
            report.note("up to date: nothing changed since the last build")
            return BuildResult(source, slug, folder, None, report, skipped=True)
        return _build_locked(source, article, source_sha256, date, slug, folder, key, context)


def _had_fallbacks(folder: Path, engine: str) -> bool:
    """Whether the previous build fell back to the offline voice (worth retrying when the
    edge voice is reachable again)."""
    if engine == "offline":
        return False
    try:
        return any(s.fallback_reason for s in Manifest.load(folder).sections)
    except InputError:
        return True


def _speak_section(
    section: Section, total: int, context: BuildContext, report: BuildReport, bar: Progress | None
) -> tuple[SpokenSection, int]:
    """Synthesize one section; returns its speech and how many sentences were not cached."""
    paragraphs = tuple(section.spoken())
    if bar is not None:
        bar.set_postfix_str(f"{section.index + 1}/{total} {section.title[:16]}")
    outcomes = tuple(context.speak(paragraphs, bar.update if bar is not None else None))
    for outcome in outcomes:
        if outcome.fallback_reason:
            report.warn(f"section {section.index + 1} ({section.title}): {outcome.fallback_reason}")
    synthesized = sum(
        len(paragraph.sentences)
        for paragraph, outcome in zip(paragraphs, outcomes, strict=True)
        if not outcome.cached
    )
    return SpokenSection(section, paragraphs, outcomes), synthesized


def _build_locked(
    source: Path,
    article: Article,
    source_sha256: str,
    date: str,
    slug: str,
    folder: Path,
    key: str,
    context: BuildContext,
) -> BuildResult:
    from reader.sections import split_sections

    _remove_leftovers(folder)
    report = BuildReport(slug)
    pronounced: Article = context.pronouncer().article(article)
    sections = split_sections(pronounced)
    steps = sum(len(tuple(section.spoken())) for section in sections) + len(sections) + 1
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="package") as packager:
        # The worker loads the packaging stages (scipy and friends: over a second to import)
        # while the first section is spoken (the voice leaves the GIL free far more than the
        # pronouncer, so the import goes beside it, not beside pronouncing).
        opened = packager.submit(_open_writer, folder, slug, context.profile, report)
        bar = context.progress(steps, slug) if context.progress else None
        try:
            synthesized = _speak_all(sections, context, report, bar, packager, opened)
            from reader.builder.output import EpisodeFacts, finish

            facts = EpisodeFacts(
                slug=slug,
                date=date,
                article=pronounced,
                source_sha256=source_sha256,
                series=series_number(article.series),
                publication=context.options.publication or "reader",
                key=key,
            )
            manifest = finish(opened.result(), facts)
            if bar is not None:
                bar.update(1)
        finally:
            if bar is not None:
                bar.close()
    return BuildResult(
        source,
        slug,
        folder,
        manifest,
        report,
        sentences_synthesized=synthesized,
        warnings=tuple(report.warnings),
    )


def _speak_all(
    sections: Sequence[Section],
    context: BuildContext,
    report: BuildReport,
    bar: Progress | None,
    packager: ThreadPoolExecutor,
    opened: Future[ArticleWriter],
) -> int:
    """Speak the sections in order, handing each to the packager as soon as it is spoken
    (section k is packaged while section k+1 is synthesized; the writer sees them in order).
    Returns how many sentences were synthesized."""
    pending: list[Future[Any]] = [opened]
    synthesized = 0
    try:
        for section in sections:
            spoken, count = _speak_section(section, len(sections), context, report, bar)
            synthesized += count
            pending.append(packager.submit(_package, opened, spoken, context.profile, bar))
            if pending[0].done():
                pending.pop(0).result()  # surface a packaging error early
        for future in pending:
            future.result()
    except BaseException:
        for future in pending:
            future.cancel()  # a failed build packages nothing more
        raise
    return synthesized


def _remove_leftovers(folder: Path) -> None:
    """Temporary files of a build that was killed mid-write (SIGKILL, power loss). Safe under
    the folder's lock: no other build is writing here."""
    for pattern in (".*.tmp", "audio/.*.tmp"):
        for leftover in folder.glob(pattern):
            leftover.unlink(missing_ok=True)


def _open_writer(folder: Path, slug: str, profile: Profile, report: BuildReport) -> ArticleWriter:
    from reader.builder.output import ArticleWriter

    return ArticleWriter(folder, slug, profile, report)


def _package(
    opened: Future[ArticleWriter], spoken: SpokenSection, profile: Profile, bar: Progress | None
) -> None:
    """Join a section's speech into one PCM run and hand it to the writer (worker thread)."""
    from reader.package.episode import assemble_section

    pcm = assemble_section(
        spoken.paragraphs,
        [outcome.speech for outcome in spoken.outcomes],
        profile.sample_rate,
    )
    opened.result().add(SpeechRun(spoken.section, spoken.outcomes, pcm))
    if bar is not None:
        bar.update(1)
