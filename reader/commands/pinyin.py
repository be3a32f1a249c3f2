"""`reader pinyin`: context-correct pinyin over the hard terms of plain text lines."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reader.commands.options import lexicon_option, source_argument
from reader.errors import InputError
from reader.fsutil import write_text_atomic
from reader.model import split_sentences
from reader.page.levels import WORDS, PinyinLevel

EXAMPLE = """\b
Examples:
  reader pinyin examples/000_be6178708a06076a.txt -o pinyin.html
  echo '银行行长在调解纠纷' | reader pinyin - --format jsonl --level all
  reader pinyin names.txt --lexicon names.toml --format json
"""


@click.command("pinyin", epilog=EXAMPLE)
@click.argument("source", metavar="FILE|-")
@click.option(
    "--level",
    type=click.Choice(WORDS),
    default=PinyinLevel.HARD.value,
    show_default=True,
    help="Which characters get pinyin in the HTML: hard terms, every character, or none "
    "(off; none says the same).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["html", "json", "jsonl"]),
    default="html",
    show_default=True,
    help="A standalone page; JSON with the speech text; or one JSON array per input line of "
    "[character, pinyin or null, is_hard].",
)
@lexicon_option
@click.option(
    "--hard-zipf",
    type=click.FloatRange(min=0, max=8),
    default=None,
    help="Words rarer than this wordfreq Zipf frequency are hard (default 3.0; higher = more).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (atomically) instead of stdout.",
)
def command(
    source: str,
    level: str,
    output_format: str,
    lexicon: Path | None,
    hard_zipf: float | None,
    output: Path | None,
) -> None:
    """Show context-correct pinyin over the hard terms of a text (one paragraph per line)."""
    from reader.normalize import DEFAULT_MAX_SIZE, read_text
    from reader.pronounce import DEFAULT_HARD_ZIPF, Lexicon, Pronouncer, views

    data, name = source_argument(source, DEFAULT_MAX_SIZE)
    text = read_text(data, name=name)
    if not text.strip():
        raise InputError(f"{name} is empty" if not text else f"{name} contains only white space")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it does not start another
    lines = [line.removesuffix("\r") for line in lines]

    pronouncer = Pronouncer(
        Lexicon.load(lexicon) if lexicon is not None else Lexicon.empty(),
        DEFAULT_HARD_ZIPF if hard_zipf is None else hard_zipf,
    )
    split = [split_sentences(line) for line in lines]
    done = iter(pronouncer.sentences([sentence for line in split for sentence in line]))
    pronounced = [[next(done) for _ in line] for line in split]

    if output_format == "jsonl":
        rendered = views.jsonl(pronounced)
    elif output_format == "json":
        rendered = views.as_json(pronounced)
    else:
        from reader.page.pinyin_page import pinyin_page

        rendered = pinyin_page(pronounced, level, Path(name).name)
    if output is not None:
        write_text_atomic(output, rendered, through=True)
    else:
        sys.stdout.write(rendered)
        sys.stdout.flush()
