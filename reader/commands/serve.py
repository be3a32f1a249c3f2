"""`reader serve` (not built yet)."""

import click

from reader.errors import UsageError


@click.command("serve")
def command() -> None:
    """Not built yet."""
    raise UsageError("'reader serve' is not built yet")
