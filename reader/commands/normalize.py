"""`reader normalize` (not built yet)."""

import click

from reader.errors import UsageError


@click.command("normalize")
def command() -> None:
    """Not built yet."""
    raise UsageError("'reader normalize' is not built yet")
