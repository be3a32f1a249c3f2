"""`reader build FILE...`: each article into `OUTPUT/<slug>/` — page, MP3s, chapters, manifest."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from reader.commands.options import engine_option, lexicon_option, strict_option, voice_option
from reader.errors import ReaderError, UsageError
from reader.package.profiles import DEFAULT_PROFILE, ProfileName

EXAMPLE = """\b
Example:
  reader build examples/000_be6178708a06076a.txt -o output/ --engine offline
  reader build today/*.txt -o output/ --profile radio --publication 晋中日报 -q
"""


def _progress_factory(quiet: bool) -> Any:
    if quiet:
        return None
    from tqdm import tqdm

    def make(total: int, label: str) -> Any:
        return tqdm(
            total=total,
            desc=label[:40],
            unit="step",
            file=sys.stderr,
            leave=False,
            dynamic_ncols=True,
        )

    return make


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
    quiet: bool,
) -> None:
    """Build the page, section MP3s, episode, chapters and transcripts of each FILE.

    Each article goes to OUTPUT/<slug>/: index.html, audio/NN-<section>.mp3 (+ .vtt),
    <slug>.mp3 with ID3 chapters, <slug>.vtt, <slug>.epub (a talking book: text, pinyin and
    the section audio synchronised), chapters.json, manifest.json and report.txt.
    A file that cannot be built is reported and the others still build; the exit code is then
    that error's. When OUTPUT has a reader.toml, the feed is updated too.
    """
    from reader.builder.metadata import parse_date
    from reader.builder.pipeline import BuildContext, BuildOptions, build_article
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
    context = BuildContext(options, progress=_progress_factory(quiet))
    failures: list[ReaderError] = []
    built = 0
    taken: set[str] = set()
    for source in files:
        try:
            result = build_article(source, context, taken=taken)
        except ReaderError as error:
            if isinstance(error, UsageError):
                raise
            message = str(error)
            where = "" if str(source) in message else f"{source}: "
            click.echo(f"reader: error: {where}{message}", err=True)
            failures.append(error)
            continue
        built += 1
        if not quiet:
            click.echo(result.report.text(), nl=False, err=True)
        for warning in result.warnings if quiet else ():
            click.echo(f"reader: warning: {result.slug}: {warning}", err=True)
        click.echo(str(result.folder))
    if built:
        _update_feed(output_dir, quiet)
    if failures:
        raise _Failed(failures)


class _Failed(ReaderError):
    """Some inputs failed (each already reported); exit with the first one's code."""

    def __init__(self, failures: list[ReaderError]) -> None:
        super().__init__(f"{len(failures)} of the inputs could not be built")
        self.exit_code = failures[0].exit_code
