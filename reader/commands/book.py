"""`reader book OUTPUT_DIR`: the day's paper as one EPUB talking book."""

from __future__ import annotations

from pathlib import Path

import click

EXAMPLE = """\b
Examples:
  reader book output/                       # the newest day in output/
  reader book output/ --date 2026-11-30 -o jinzhong-2026-11-30.epub
"""


@click.command("book", epilog=EXAMPLE)
@click.argument("output_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--date", default=None, help="The day YYYY-MM-DD (default: the newest date in OUTPUT_DIR)."
)
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The book to write (default: OUTPUT_DIR/<date>.epub).",
)
def command(output_dir: Path, date: str | None, target: Path | None) -> None:
    """Join every article of one date built in OUTPUT_DIR into one EPUB 3 talking book.

    Each article is a chapter with its sections in the table of contents, its text, pinyin
    and media overlay; the section MP3s are copied from the articles' EPUBs, not encoded
    again. A book whose articles have not changed since it was written is left as it is.
    """
    from reader.builder.metadata import parse_date
    from reader.epub.day import day_book, existing_key, plan_day
    from reader.errors import InputError
    from reader.fsutil import write_bytes_atomic

    if not output_dir.is_dir():
        raise InputError(f"{output_dir}: no such folder")
    plan = plan_day(output_dir, parse_date(date) if date is not None else None)
    path = target if target is not None else output_dir / f"{plan.date}.epub"
    articles = f"{len(plan.articles)} article{'s' if len(plan.articles) != 1 else ''}"
    if existing_key(path) == plan.key:
        click.echo(f"book: {path} is up to date ({plan.date}, {articles})", err=True)
    else:
        write_bytes_atomic(path, day_book(plan), through=target is not None)
        click.echo(f"book: {plan.date}, {articles}: {', '.join(plan.slugs)}", err=True)
    click.echo(str(path))
