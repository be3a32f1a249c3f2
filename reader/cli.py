"""The `reader` command: a thin shell over the library, one module per subcommand."""

from __future__ import annotations

import errno
import importlib
import os
import sys

import click

from reader import __version__
from reader.errors import ReaderError

# Subcommands load on demand so `reader --help` does not import the models.
_COMMANDS = {
    "normalize": "Clean OCR'd article text into headline, subtitle, paragraphs and metadata.",
    "pinyin": "Show context-correct pinyin over the hard terms of a text.",
    "speak": "Read a text aloud into an MP3 with a WebVTT transcript.",
    "voices": "List the voice presets and, when online, the service's Chinese voices.",
    "build": "Build the page, section MP3s, episode, chapters and transcripts of articles.",
    "book": "Join one day's built articles into an EPUB 3 talking book.",
    "feed": "Write the podcast feed and radio playlist of an output folder.",
    "serve": "Preview an output folder on 127.0.0.1 (pages, seekable audio, the feed).",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS:
            return None
        module = importlib.import_module(f"reader.commands.{cmd_name}")
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help from the table above, without importing every command.
        with formatter.section("Commands"):
            formatter.write_dl(list(_COMMANDS.items()))


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Example: reader build examples/000_be6178708a06076a.txt -o output/",
)
@click.version_option(__version__, prog_name="reader")
def cli() -> None:
    """Turn OCR'd Chinese newspaper articles into clean text, a pinyin read-along page,
    MP3 episodes with chapters, and a podcast / radio feed."""


# Errors of a write no reader code turned into OutputError: standard output on a full device.
_CANNOT_WRITE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}


def _drop_pending_output() -> None:
    """Point stdout at /dev/null so the interpreter's final flush of what is still buffered
    does not fail again with a second message and another exit code."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> None:
    """Entry point: one-line errors, distinct exit codes; a traceback only with READER_DEBUG=1."""
    try:
        cli.main(args=argv, prog_name="reader", standalone_mode=False)
        sys.stdout.flush()  # here, not at exit, so a full device is reported like any output
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("reader: interrupted", err=True)
        sys.exit(130)
    except ReaderError as error:
        click.echo(f"reader: error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("reader: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(141)
    except OSError as error:
        if error.errno not in _CANNOT_WRITE or os.environ.get("READER_DEBUG"):
            raise
        _drop_pending_output()
        click.echo(f"reader: error: cannot write output: {error.strerror or error}", err=True)
        sys.exit(73)
    except Exception as error:  # a bug: say so in one line; READER_DEBUG=1 shows the traceback
        if os.environ.get("READER_DEBUG"):
            raise
        click.echo(f"reader: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(70)
    sys.exit(0)
