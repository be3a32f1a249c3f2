"""`reader feed` (not built yet)."""

import click

from reader.errors import UsageError


@click.command("feed")
def command() -> None:
    """Not built yet."""
    raise UsageError("'reader feed' is not built yet")
