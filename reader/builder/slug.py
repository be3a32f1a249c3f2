"""Folder and file names: ASCII slugs from the headline's toneless pinyin, safe anywhere.

A slug is lowercase a–z, 0–9 and single hyphens, never empty, never `.`/`..`, never a
reserved Windows device name, and short enough for any file system and URL.
"""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

from reader.errors import UsageError

MAX_SLUG_CHARS = 80
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_VALID = re.compile(r"^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{name}{digit}" for name in ("com", "lpt") for digit in range(1, 10)
}


def ascii_words(text: str) -> str:
    """Toneless pinyin of the Han characters, ASCII-folded other text, hyphen-joined."""
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    folded = unicodedata.normalize("NFKD", " ".join(syllables))
    plain = folded.encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_SLUG.sub("-", plain).strip("-")


def _cap(slug: str, limit: int) -> str:
    """Cut at the last hyphen that keeps the slug within `limit` characters."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    hyphen = cut.rfind("-")
    return (cut[:hyphen] if hyphen > 0 else slug[:limit]).strip("-")


def slugify(text: str, *, limit: int = MAX_SLUG_CHARS, fallback: str = "article") -> str:
    """An ASCII slug of `text` (Chinese through toneless pinyin), at most `limit` chars."""
    slug = _cap(ascii_words(text), limit)
    if not slug or slug in _WINDOWS_RESERVED:
        return fallback
    return slug


def article_slug(date: str, headline: str) -> str:
    """`<date>-<headline pinyin>`, e.g. 2026-03-05-zhu-lao-an-quan-ping-zhang-hu-hang."""
    return f"{date}-{slugify(headline, limit=MAX_SLUG_CHARS - len(date) - 1)}"


def validate_slug(slug: str) -> str:
    """A user's `--slug`: accepted only if it is already a safe name (never rewritten, so the
    user knows the folder's name); `../`, separators and control characters are refused."""
    if (
        len(slug) > MAX_SLUG_CHARS
        or not _VALID.match(slug)
        or ".." in slug
        or slug.split(".")[0] in _WINDOWS_RESERVED
    ):
        raise UsageError(
            f"--slug {slug!r}: use lowercase letters, digits, '-', '_' or '.', "
            f"at most {MAX_SLUG_CHARS} characters (e.g. {slugify(slug) or 'my-article'})"
        )
    return slug
