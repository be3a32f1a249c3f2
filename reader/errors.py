"""Errors users see as one line, each with its own exit code (sysexits.h where one fits)."""

from __future__ import annotations


class ReaderError(Exception):
    """A failure explained in one line; the CLI prints it and exits with `exit_code`."""

    exit_code = 1


class UsageError(ReaderError):
    """A flag or argument that cannot work (an unknown voice preset, say)."""

    exit_code = 64  # EX_USAGE


class InputError(ReaderError):
    """Input that cannot be read as an article: missing, empty, binary, undecodable, too big."""

    exit_code = 65  # EX_DATAERR


class ServiceUnavailableError(ReaderError):
    """An online service that cannot be reached when it was explicitly asked for."""

    exit_code = 69  # EX_UNAVAILABLE


class SynthesisError(ReaderError):
    """A voice engine that failed to produce complete audio."""

    exit_code = 70  # EX_SOFTWARE


class OutputError(ReaderError):
    """An output file or folder that cannot be written."""

    exit_code = 73  # EX_CANTCREAT


class BusyError(ReaderError):
    """Another build holds the output folder's lock."""

    exit_code = 75  # EX_TEMPFAIL
