"""`reader voices` (not built yet)."""

import click

from reader.errors import UsageError


@click.command("voices")
def command() -> None:
    """Not built yet."""
    raise UsageError("'reader voices' is not built yet")
