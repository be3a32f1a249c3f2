"""Options several subcommands share, so they read and behave the same everywhere."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reader.speech import engines

engine_option = click.option(
    "--engine",
    type=click.Choice(engines.choices()),
    default=engines.AUTO,
    show_default=True,
    help="auto: the edge voice when its service answers, else the embedded offline voice.",
)
voice_option = click.option(
    "--voice", default=None, help="Voice preset (see 'reader voices') or an edge voice id."
)
strict_option = click.option(
    "--strict", is_flag=True, help="Fail instead of falling back to the offline voice."
)
# A missing or malformed lexicon is reported by Lexicon.load as bad input (exit 65).
lexicon_option = click.option(
    "--lexicon",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help='Readings that always win, for names and terms: TOML (word = "sun1 hui4 jiao1") '
    "or TSV (word<TAB>pinyin).",
)


def source_argument(source: str, max_size: int) -> tuple[Path | bytes, str]:
    """A FILE|- argument as what reader.normalize reads, and its name for messages.

    "-" is stdin, read up to one byte past `max_size` so an oversized input is refused
    without holding all of it.
    """
    if source == "-":
        return sys.stdin.buffer.read(max_size + 1), "stdin"
    path = Path(source)
    return path, str(path)
