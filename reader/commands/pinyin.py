"""`reader pinyin` (not built yet)."""

import click

from reader.errors import UsageError


@click.command("pinyin")
def command() -> None:
    """Not built yet."""
    raise UsageError("'reader pinyin' is not built yet")
