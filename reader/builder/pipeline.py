"""Build one article: text → readings → sections → speech → files, under the folder's lock.

The client side of a build: read the source, decide the slug and the build key, take the
folder's lock, skip a build whose inputs and files are unchanged (`reader.builder.state`),
then build into a staging folder (`reader.builder.article`) and replace the folder's files as
one step (`reader.builder.commit`). A batch (`reader.builder.batch`) runs the middle part in
worker processes or on a cluster and commits what they return.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reader import __version__
from reader.builder.article import ArticleJob, BuiltArticle, build_files
from reader.builder.commit import commit, discard, recover, staging_folder
from reader.builder.context import BuildContext
from reader.builder.lock import folder_lock
from reader.builder.metadata import find_date
from reader.builder.options import BUILD_FORMAT, BuildOptions, Progress, ProgressFactory
from reader.builder.report import BuildReport
from reader.builder.slug import SourceRecord, article_slug, claim_slug, record_source
from reader.builder.state import build_key, up_to_date
from reader.errors import InputError
from reader.fsutil import write_bytes_atomic
from reader.manifest import Manifest
from reader.model import Article
from reader.speech import engines

__all__ = [
    "BUILD_FORMAT",
    "BuildContext",
    "BuildOptions",
    "BuildResult",
    "Progress",
    "ProgressFactory",
    "build_article",
]


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


def prepare(source: Path, context: BuildContext, *, taken: set[str] | None = None) -> ArticleJob:
    """Read and normalize `source`; decide its slug, date and build key. `taken` holds slugs
    already used by this command; a slug whose folder holds another source's article, or
    taken earlier in this command, gets `-2`, `-3`, … (`reader.builder.slug.claim_slug`)."""
    options = context.options
    article, source_sha256 = _load(source)
    date = _article_date(article, options)
    slug, slug_note = options.slug, None
    if slug is None:
        wanted = article_slug(date, headline_of(article), fallback=source.stem)
        origin = SourceRecord.of(source, source_sha256)
        slug, slug_note = claim_slug(
            options.output_dir, wanted, origin, set() if taken is None else taken
        )
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
            "epub": options.epub,
        }
    )
    publication = options.publication or "reader"
    return ArticleJob(source, article, source_sha256, slug, date, key, publication, slug_note)


def folder_of(job: ArticleJob, context: BuildContext) -> Path:
    return context.options.output_dir / job.slug


def skip_if_current(job: ArticleJob, context: BuildContext) -> BuildResult | None:
    """Under the folder's lock: finish or drop what an interrupted build left, then the
    result of a build that has nothing to do, or None when the article must be built."""
    folder = folder_of(job, context)
    recover(folder)
    record_source(folder, SourceRecord.of(job.source, job.source_sha256))
    retry_edge = _had_fallbacks(folder, context.options.engine) and context.network_voice_chosen()
    if up_to_date(folder, job.key) and not retry_edge:
        report = BuildReport(job.slug)
        report.note("up to date: nothing changed since the last build")
        return BuildResult(job.source, job.slug, folder, None, report, skipped=True)
    return None


def _had_fallbacks(folder: Path, engine: str) -> bool:
    """Whether the previous build fell back to the local voice (worth retrying when the
    network voice is reachable again)."""
    if engine == engines.FALLBACK:
        return False
    try:
        return any(s.fallback_reason for s in Manifest.load(folder).sections)
    except InputError:
        return True


def build_in_place(job: ArticleJob, context: BuildContext) -> BuildResult:
    """Build `job` into its folder's staging area and commit it (under the folder's lock)."""
    folder = folder_of(job, context)
    staging = staging_folder(folder)
    try:
        built = build_files(job, context, staging)
        commit(folder, built.files, job.key)
    except BaseException:
        discard(folder)
        raise
    return result_of(job, folder, built)


def commit_files(
    job: ArticleJob, built: BuiltArticle, data: Mapping[str, bytes], context: BuildContext
) -> BuildResult:
    """Write files a worker returned into the folder's staging area and commit them (under
    the folder's lock)."""
    folder = folder_of(job, context)
    staging = staging_folder(folder)
    try:
        for name in built.files:
            write_bytes_atomic(staging / name, data[name])
        commit(folder, built.files, job.key)
    except BaseException:
        discard(folder)
        raise
    return result_of(job, folder, built)


def result_of(job: ArticleJob, folder: Path, built: BuiltArticle) -> BuildResult:
    return BuildResult(
        job.source,
        job.slug,
        folder,
        built.manifest,
        built.report,
        sentences_synthesized=built.synthesized,
        warnings=tuple(built.report.warnings),
    )


def build_article(
    source: Path, context: BuildContext, *, taken: set[str] | None = None
) -> BuildResult:
    """Build `source` into `<output>/<slug>/` in this process."""
    job = prepare(source, context, taken=taken)
    with folder_lock(folder_of(job, context)):
        return skip_if_current(job, context) or build_in_place(job, context)
