"""Folder and file names: ASCII slugs from the headline's toneless pinyin, safe anywhere.

A slug is lowercase a–z, 0–9 and single hyphens, never empty, never `.`/`..`, never a
reserved Windows device name, never a file the output folder itself holds (`feed.xml`…), and
short enough for any file system and URL.

A slug belongs to one source: `.source.json` in the article folder records the input's path
and checksum, and a different input with the same date and headline gets `-2`, `-3`, …
instead of replacing the other article.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from reader.errors import UsageError
from reader.fsutil import write_text_atomic

MAX_SLUG_CHARS = 80
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_VALID = re.compile(r"^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{name}{digit}" for name in ("com", "lpt") for digit in range(1, 10)
}
# What the output folder holds beside the article folders (the feed's files, the config, the
# preview's landing page): an article folder by one of these names would block them.
RESERVED_NAMES = frozenset(
    {
        "reader.toml",
        "feed.xml",
        "episodes.json",
        "playlist.m3u8",
        "playlist-sections.m3u8",
        "index.html",
    }
)
# The output folder's own kinds of file (the day's `<date>.epub`, feeds, playlists, configs).
RESERVED_SUFFIXES = (".epub", ".xml", ".m3u8", ".json", ".toml", ".html")
SOURCE_NAME = ".source.json"


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


def article_slug(date: str, headline: str, fallback: str = "article") -> str:
    """`<date>-<headline pinyin>`, e.g. 2026-03-05-zhu-lao-an-quan-ping-zhang-hu-hang;
    `fallback` (e.g. the input file's name) when the headline gives no ASCII at all."""
    limit = MAX_SLUG_CHARS - len(date) - 1
    return f"{date}-{slugify(headline, limit=limit, fallback=slugify(fallback, limit=limit))}"


@dataclass(frozen=True)
class SourceRecord:
    """Which input an article folder was built from."""

    path: str  # the input's resolved path
    sha256: str  # of its bytes

    @classmethod
    def of(cls, source: Path, sha256: str) -> SourceRecord:
        return cls(str(source.resolve()) if str(source) != "-" else "-", sha256)

    def same_article(self, other: SourceRecord) -> bool:
        """The same input file (perhaps edited since), or the very same bytes."""
        return (self.path == other.path and self.path != "-") or self.sha256 == other.sha256


def _recorded_source(folder: Path) -> SourceRecord | None:
    try:
        data = json.loads((folder / SOURCE_NAME).read_text(encoding="utf-8"))
        return SourceRecord(str(data["path"]), str(data["sha256"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _recorded_sha256(folder: Path) -> str | None:
    """The source checksum in a manifest written before folders recorded their source."""
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return str(data["source_sha256"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _free_for(folder: Path, source: SourceRecord) -> bool:
    """Whether `source` may build into `folder`: absent, empty, or built from this source."""
    recorded = _recorded_source(folder)
    if recorded is not None:
        return recorded.same_article(source)
    older = _recorded_sha256(folder)
    return older is None or older == source.sha256


def claim_slug(
    output_dir: Path, slug: str, source: SourceRecord, taken: set[str]
) -> tuple[str, str | None]:
    """The first of `slug`, `slug-2`, `slug-3`, … not used by another article (in
    `output_dir` or earlier in this command); with a note for the report when suffixed."""
    candidate, number = slug, 2
    while candidate in taken or not _free_for(output_dir / candidate, source):
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    if candidate == slug:
        return candidate, None
    return candidate, f"{slug} holds another article (same date and headline); this is {candidate}"


def record_source(folder: Path, source: SourceRecord) -> None:
    """Mark `folder` as built from `source` (under the folder's lock; an unchanged record is
    left alone, so a rebuild with nothing changed touches no file)."""
    if _recorded_source(folder) == source:
        return
    text = json.dumps({"path": source.path, "sha256": source.sha256}, ensure_ascii=False)
    write_text_atomic(folder / SOURCE_NAME, text + "\n")


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
    if slug in RESERVED_NAMES or slug.endswith(RESERVED_SUFFIXES):
        raise UsageError(
            f"--slug {slug!r}: the output folder keeps its own files by such names; "
            f"choose another name (e.g. {slugify(slug)}-article)"
        )
    return slug
