"""Episodes of the feed and `episodes.json`, the index that keeps them after their folders go.

The feed is regenerated from the manifests on disk; the index remembers every episode it has
published (and the ones `--keep` retired), so an episode whose folder was archived stays in the
feed, and its GUID never changes when the article is rebuilt.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reader.errors import InputError
from reader.feed.text import xml_safe
from reader.fsutil import write_text_atomic
from reader.manifest import MANIFEST_NAME, Manifest

INDEX_NAME = "episodes.json"
INDEX_SCHEMA = 1
# Episode GUIDs are UUIDv5 of the slug in this namespace (itself UUIDv5 of "reader episode").
EPISODE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://reader.invalid/episode")


def episode_guid(slug: str) -> str:
    """The stable GUID of an article's episode: the same slug always gives the same GUID."""
    return str(uuid.uuid5(EPISODE_NAMESPACE, slug))


@dataclass(frozen=True)
class EpisodeRecord:
    """What the feed says about one article; paths are relative to its folder."""

    slug: str
    folder: str  # the article folder's name inside the output folder
    guid: str
    title: str
    description: str
    byline: str | None
    series: str | None
    series_number: int | None
    date: str  # YYYY-MM-DD
    built_at: str
    audio: str
    audio_bytes: int  # measured on the file, not copied from the manifest
    duration: float
    vtt: str
    page: str
    chapters: str

    def sort_key(self) -> tuple[str, int, str]:
        """Oldest first: by date, then series number, then slug."""
        return (self.date, self.series_number or 0, self.slug)


def record_from_manifest(article_dir: Path, manifest: Manifest) -> EpisodeRecord:
    """The episode of a built article; InputError when its audio or date is unusable.

    Text is cleaned here already: the index is UTF-8 JSON, which cannot hold lone surrogates.
    """
    try:
        date.fromisoformat(manifest.date)
    except (TypeError, ValueError) as error:
        raise InputError(
            f"{article_dir / MANIFEST_NAME}: date {manifest.date!r} is not YYYY-MM-DD"
        ) from error
    audio_path = article_dir / manifest.episode.file
    try:
        audio_bytes = audio_path.stat().st_size
    except OSError as error:
        raise InputError(f"{audio_path}: episode audio missing ({error.strerror})") from error
    return EpisodeRecord(
        slug=manifest.slug,
        folder=article_dir.name,
        guid=episode_guid(manifest.slug),
        title=xml_safe(manifest.title),
        description=xml_safe(manifest.description),
        byline=None if manifest.byline is None else xml_safe(manifest.byline),
        series=None if manifest.series is None else xml_safe(manifest.series),
        series_number=manifest.series_number,
        date=manifest.date,
        built_at=manifest.built_at,
        audio=manifest.episode.file,
        audio_bytes=audio_bytes,
        duration=manifest.episode.duration,
        vtt=manifest.episode.vtt,
        page=manifest.page,
        chapters=manifest.chapters,
    )


@dataclass
class EpisodeIndex:
    """The contents of `episodes.json`."""

    podcast_guid: str | None = None
    episodes: dict[str, EpisodeRecord] = field(default_factory=dict)
    retired: dict[str, str] = field(default_factory=dict)  # slug -> built_at when trimmed

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "schema": INDEX_SCHEMA,
            "podcast_guid": self.podcast_guid,
            "episodes": [asdict(record) for record in self.newest_first()],
            "retired": dict(sorted(self.retired.items())),
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def newest_first(self) -> list[EpisodeRecord]:
        return sorted(self.episodes.values(), key=EpisodeRecord.sort_key, reverse=True)

    def save(self, path: Path) -> None:
        write_text_atomic(path, self.to_json())

    @classmethod
    def load(cls, path: Path) -> EpisodeIndex:
        """The index at `path`, empty when there is none yet."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            records = [EpisodeRecord(**entry) for entry in data["episodes"]]
            retired = {str(slug): str(built) for slug, built in data.get("retired", {}).items()}
            podcast_guid = data.get("podcast_guid")
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            raise InputError(
                f"{path}: unreadable episode index ({error}); repair or delete it"
                " (episodes whose folders are gone would then leave the feed)"
            ) from error
        return cls(
            podcast_guid=podcast_guid if isinstance(podcast_guid, str) else None,
            episodes={record.slug: record for record in records},
            retired=retired,
        )
