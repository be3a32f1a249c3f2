"""`reader build` (not built yet)."""

import click

from reader.errors import UsageError


@click.command("build")
def command() -> None:
    """Not built yet."""
    raise UsageError("'reader build' is not built yet")
