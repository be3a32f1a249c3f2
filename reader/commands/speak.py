"""`reader speak` (not built yet)."""

import click

from reader.errors import UsageError


@click.command("speak")
def command() -> None:
    """Not built yet."""
    raise UsageError("'reader speak' is not built yet")
