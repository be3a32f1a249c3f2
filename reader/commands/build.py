"""`reader build FILE...`: each article into `OUTPUT/<slug>/` — page, MP3s, chapters, manifest."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reader.commands.options import engine_option, lexicon_option, strict_option, voice_option
from reader.errors import ReaderError, UsageError
from reader.package.profiles import DEFAULT_PROFILE, ProfileName

if TYPE_CHECKING:
    from reader.builder.batch import BatchFailure, Runner
    from reader.builder.pipeline import BuildResult

EXAMPLE = """\b
Example:
  reader build examples/000_be6178708a06076a.txt -o output/ --engine offline
  reader build today/*.txt -o output/ --profile radio --publication 晋中日报 -q
  reader build today/*.txt -o output/ --scheduler tcp://10.0.0.5:8786
"""


def _default_publication(output_dir: Path) -> str | None:
    """The feed's title when the output folder has a `reader.toml` feed config."""
    from reader.feed import CONFIG_NAME, load_config

    config_path = output_dir / CONFIG_NAME
    if not config_path.is_file():
        return None
    title: str = load_config(config_path).title
    return title


def _update_feed(output_dir: Path, quiet: bool) -> None:
    from reader.feed import CONFIG_NAME, update_feed

    if not (output_dir / CONFIG_NAME).is_file():
        return
    result = update_feed(output_dir)
    if not quiet:
        click.echo(f"feed: {result.feed}", err=True)


@click.command("build", epilog=EXAMPLE)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder that gets one sub-folder per article.",
)
@engine_option
@voice_option
@click.option(
    "--profile",
    type=click.Choice([name.value for name in ProfileName]),
    default=DEFAULT_PROFILE.value,
    show_default=True,
    help="podcast: −16 LUFS VBR; radio: EBU R128 −23 LUFS, 44.1 kHz CBR.",
)
@click.option(
    "--slug", default=None, help="Folder name for a single article (default: date-headline)."
)
@click.option(
    "--date", default=None, help="Article date YYYY-MM-DD (default: from the page, else today)."
)
@lexicon_option
@click.option("--publication", default=None, help="Album tag (default: the feed config's title).")
@click.option(
    "--epub/--no-epub",
    default=True,
    show_default=True,
    help="Also write <slug>.epub, an EPUB 3 talking book with media overlays.",
)
@strict_option
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Articles built side by side in worker processes (default: the number of CPUs).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:PORT",
    help="Build on a Dask distributed cluster: the address of its scheduler.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or report; errors only.")
def command(
    files: tuple[Path, ...],
    output_dir: Path,
    engine: str,
    voice: str | None,
    profile: str,
    slug: str | None,
    date: str | None,
    lexicon: Path | None,
    publication: str | None,
    epub: bool,
    strict: bool,
    jobs: int | None,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Build the page, section MP3s, episode, chapters and transcripts of each FILE.

    Each article goes to OUTPUT/<slug>/: index.html, audio/NN-<section>.mp3 (+ .vtt),
    <slug>.mp3 with ID3 chapters, <slug>.vtt, <slug>.epub (a talking book: text, pinyin and
    the section audio synchronised), chapters.json, manifest.json and report.txt.
    A file that cannot be built is reported and the others still build; the exit code is then
    that error's. When OUTPUT has a reader.toml, the feed is updated once, at the end.
    With several FILEs, --jobs builds them side by side; --scheduler sends them to a Dask
    cluster whose workers return the files, which are written here.
    """
    from reader.builder.batch import Batch
    from reader.builder.metadata import parse_date
    from reader.builder.pipeline import BuildContext, BuildOptions
    from reader.builder.slug import validate_slug

    if slug is not None:
        if len(files) > 1:
            raise UsageError("--slug names one article's folder: give a single FILE with it")
        slug = validate_slug(slug)
    options = BuildOptions(
        output_dir=output_dir,
        engine=engine,
        voice=voice,
        profile=profile,
        slug=slug,
        date=parse_date(date) if date is not None else None,
        lexicon=lexicon,
        strict=strict,
        publication=publication or _default_publication(output_dir),
        epub=epub,
    )
    context = BuildContext(options)
    display = None if quiet else BatchBar()
    runner: Runner | None = None
    if scheduler is not None:
        from reader.builder.cluster import ClusterRunner

        runner = ClusterRunner(context, scheduler)
    elif len(files) > 1 and (jobs or os.cpu_count() or 1) > 1:
        from reader.builder.pool import PoolRunner

        runner = PoolRunner(context, jobs or os.cpu_count() or 1, display)

    def built(result: BuildResult) -> None:
        with _above(display):
            if not quiet:
                click.echo(result.report.text(), nl=False, err=True)
            for warning in result.warnings if quiet else ():
                click.echo(f"reader: warning: {result.slug}: {warning}", err=True)
            click.echo(str(result.folder))

    def failed(failure: BatchFailure) -> None:
        with _above(display):
            click.echo(f"reader: error: {failure.message}", err=True)

    batch = Batch(context, on_result=built, on_failure=failed, display=display)
    try:
        outcome = batch.run(files, runner)
    finally:
        if display is not None:
            display.close()
    if outcome.results:
        _update_feed(output_dir, quiet)
    if outcome.failures:
        raise _Failed([failure.exit_code for failure in outcome.failures])


class _Failed(ReaderError):
    """Some inputs failed (each already reported); exit with the first one's code."""

    def __init__(self, exit_codes: list[int]) -> None:
        super().__init__(f"{len(exit_codes)} of the inputs could not be built")
        self.exit_code = exit_codes[0]


@contextlib.contextmanager
def _above(display: BatchBar | None) -> Iterator[None]:
    """Print above the progress display (which is redrawn after)."""
    if display is None:
        yield
    else:
        with display.paused():
            yield


class BatchBar:
    """The batch's one progress display (tqdm on stderr): articles done, minutes of audio
    built, time left. Worker processes' steps arrive from another thread."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._shares: dict[str, float] = {}
        self._articles = self._done = 0
        self._audio_seconds = 0.0
        self._lock = threading.RLock()

    def begin(self, articles: int) -> None:
        from tqdm import tqdm

        self._articles = articles
        if articles:
            self._bar = tqdm(
                total=articles,
                file=sys.stderr,
                leave=False,
                dynamic_ncols=True,
                bar_format="{percentage:3.0f}%|{bar}| {desc} [{elapsed}<{remaining}]",
            )
            self._show()

    def _show(self) -> None:
        self._bar.set_description_str(
            f"{self._done}/{self._articles} articles, {self._audio_seconds / 60:.1f} min audio",
            refresh=False,
        )

    def _move(self, slug: str, share: float) -> None:
        self._shares[slug] = share
        if self._bar is not None:
            self._bar.n = min(float(self._articles), sum(self._shares.values()))
            self._bar.refresh()

    def advance(self, slug: str, share: float) -> None:
        with self._lock:
            self._move(slug, min(0.99, self._shares.get(slug, 0.0) + share))

    def done(self, slug: str, result: BuildResult | None) -> None:
        with self._lock:
            self._done += 1
            if result is not None and result.manifest is not None:
                self._audio_seconds += result.manifest.episode.duration
            self._move(slug, 1.0)
            if self._bar is not None:
                self._show()
                self._bar.refresh()

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        with self._lock:
            if self._bar is None:
                yield
            else:
                with self._bar.external_write_mode(file=sys.stderr):
                    yield

    def write(self, text: str) -> None:
        with self.paused():
            click.echo(text, err=True)

    def close(self) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.close()
                self._bar = None
