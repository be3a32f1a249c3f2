"""`manifest.json`: what `reader build` made for one article, and what `reader feed` reads.

The manifest is the contract between the build stage and the feed stage. Paths are relative
to the article folder (`output/<slug>/`), with forward slashes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import InputError
from reader.fsutil import write_text_atomic

MANIFEST_NAME = "manifest.json"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class AudioFile:
    file: str  # e.g. "audio/01-jin-rong.mp3" or "<slug>.mp3"
    duration: float  # seconds, measured on the written file
    bytes: int
    sha256: str
    vtt: str  # its WebVTT transcript


@dataclass(frozen=True)
class EpubFile:
    """The article's EPUB talking book."""

    file: str  # "<slug>.epub"
    bytes: int
    sha256: str


@dataclass(frozen=True)
class SectionEntry:
    index: int
    title: str
    start: float  # offset of the section in the episode, seconds
    audio: AudioFile
    engine: str  # engine that made this section's audio
    voice: str
    fallback_reason: str | None = None


@dataclass(frozen=True)
class Manifest:
    slug: str
    title: str
    subtitle: str | None
    series: str | None  # as printed, e.g. "（九）"
    series_number: int | None  # 9 for "（九）"
    byline: str | None
    date: str  # ISO date of the article (YYYY-MM-DD)
    built_at: str  # ISO 8601 UTC time of the build
    description: str  # subtitle and opening sentence
    page: str  # "index.html"
    chapters: str  # "chapters.json"
    episode: AudioFile
    sections: tuple[SectionEntry, ...]
    profile: str  # a reader.package.profiles.ProfileName
    loudness_lufs: float  # integrated loudness of the episode as measured
    true_peak_dbtp: float
    source_sha256: str  # of the input bytes
    warnings: tuple[str, ...] = field(default=())
    epub: EpubFile | None = None  # None when built with --no-epub
    schema: int = SCHEMA_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"

    def save(self, article_dir: Path) -> None:
        write_text_atomic(article_dir / MANIFEST_NAME, self.to_json())

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        fields = dict(data)
        fields["episode"] = AudioFile(**fields["episode"])
        fields["sections"] = tuple(
            SectionEntry(**{**entry, "audio": AudioFile(**entry["audio"])})
            for entry in fields["sections"]
        )
        fields["warnings"] = tuple(fields.get("warnings", ()))
        if fields.get("epub") is not None:
            fields["epub"] = EpubFile(**fields["epub"])
        return cls(**fields)

    @classmethod
    def load(cls, article_dir: Path) -> Manifest:
        path = article_dir / MANIFEST_NAME
        try:
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError as error:
            raise InputError(f"{path}: no manifest (run 'reader build' first)") from error
        except (ValueError, TypeError, KeyError) as error:
            raise InputError(f"{path}: not a reader manifest ({error})") from error
