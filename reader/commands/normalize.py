"""`reader normalize`: OCR'd article text to clean text or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reader.commands.options import source_argument
from reader.errors import UsageError
from reader.fsutil import write_text_atomic
from reader.normalize import (
    DEFAULT_MAX_SIZE,
    article_to_json,
    load_normalized,
    render_text,
)
from reader.normalize.decode import check_encoding_name

EXAMPLE = """\b
Examples:
  reader normalize examples/000_be6178708a06076a.txt
  reader normalize examples/000_be6178708a06076a.txt --format json -o output/sample.json
  iconv -t GB18030 article.txt | reader normalize - --explain 2> changes.txt
"""


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return check_encoding_name(value)
    except UsageError as error:
        raise click.BadParameter(str(error)) from None


@click.command("normalize", epilog=EXAMPLE)
@click.argument("source", metavar="FILE|-")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (atomically) instead of stdout.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Clean text, or the JSON fields title, subtitle, series, byline, captions, paragraphs.",
)
@click.option(
    "--explain", is_flag=True, help="List every change (rule, line, before -> after) on stderr."
)
@click.option("--encoding", callback=_encoding, help="Force the input encoding (default: detect).")
@click.option(
    "--max-size",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_SIZE,
    show_default=True,
    metavar="BYTES",
    help="Refuse inputs larger than this.",
)
def command(
    source: str,
    output: Path | None,
    output_format: str,
    explain: bool,
    encoding: str | None,
    max_size: int,
) -> None:
    """Clean an OCR'd Chinese article: repair wrapped lines and doubled bold text, and find the
    headline, subtitle, captions, series marker, byline and page furniture.

    FILE is a text file in UTF-8, UTF-16 (with BOM), GB18030/GBK or Big5; - reads stdin.
    """
    data, name = source_argument(source, max_size)
    result = load_normalized(data, encoding=encoding, max_size=max_size, name=name)
    if output_format == "json":
        rendered = json.dumps(article_to_json(result.article), ensure_ascii=False, indent=2) + "\n"
    else:
        rendered = render_text(result.article)
    if explain:
        for change in result.changes:
            click.echo(change.explain(), err=True)
        click.echo(f"{len(result.changes)} changes", err=True)
    if output is None:
        sys.stdout.write(rendered)
        sys.stdout.flush()
    else:
        write_text_atomic(output, rendered, through=True)
