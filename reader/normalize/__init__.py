"""The OCR normalizer: article bytes or text to a clean, structured `reader.model.Article`.

Rule groups, in order: decode (decode.py), characters (characters.py), duplicates
(duplicates.py), line repair (lines.py), layout roles (patterns.py, layout.py); views of
the result in render.py.
"""

from __future__ import annotations

from pathlib import Path

from reader.errors import InputError
from reader.model import Article
from reader.normalize.changes import Change
from reader.normalize.decode import DEFAULT_MAX_SIZE, decode_bytes, read_source
from reader.normalize.pipeline import Normalized, normalize
from reader.normalize.render import article_to_json, render_text

__all__ = [
    "DEFAULT_MAX_SIZE",
    "Change",
    "Normalized",
    "article_to_json",
    "decode_bytes",
    "load_article",
    "load_normalized",
    "normalize",
    "read_text",
    "render_text",
]


def _read_named(
    source: Path | bytes, encoding: str | None, max_size: int, name: str | None
) -> tuple[str, str]:
    data, source_name = read_source(source, max_size, name)
    name = name or source_name
    try:
        return decode_bytes(data, encoding), name
    except InputError as error:
        raise InputError(f"{name}: {error}") from None


def read_text(
    source: Path | bytes,
    *,
    encoding: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    name: str | None = None,
) -> str:
    """Read and decode an article file (or its bytes), without normalizing it.

    Raises InputError (exit 65) naming the input (`name`, default the path or "input") for
    a missing file, a directory, a binary file, undecodable bytes or over `max_size` bytes.
    """
    return _read_named(source, encoding, max_size, name)[0]


def load_normalized(
    source: Path | bytes,
    *,
    encoding: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    name: str | None = None,
) -> Normalized:
    """Read, decode and normalize, keeping the change log (for `--explain`).

    `name` is what error messages call bytes input (default "input").
    """
    text, name = _read_named(source, encoding, max_size, name)
    if not text.strip():
        raise InputError(f"{name} is empty" if not text else f"{name} contains only white space")
    result = normalize(text)
    article = result.article
    if not any(article.blocks()) and not article.furniture and not article.byline:
        raise InputError(f"{name} contains no text")
    return result


def load_article(
    source: Path | bytes, *, encoding: str | None = None, max_size: int = DEFAULT_MAX_SIZE
) -> Article:
    """Read, decode and normalize an article file (or its bytes).

    Raises InputError (exit 65) with a one-line message for a missing file, a directory,
    an empty or white-space-only file, a binary file, undecodable bytes or a file over
    `max_size` bytes.
    """
    return load_normalized(source, encoding=encoding, max_size=max_size).article
