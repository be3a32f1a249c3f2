"""`update_feed`: merge the built articles into the episode index, then write feed and playlists."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.errors import InputError, UsageError
from reader.feed.config import CONFIG_NAME, FeedConfig, load_config, normalize_base_url
from reader.feed.episodes import INDEX_NAME, EpisodeIndex, EpisodeRecord, record_from_manifest
from reader.feed.playlist import (
    PLAYLIST_NAME,
    SECTIONS_PLAYLIST_NAME,
    PlaylistEntry,
    render_m3u8,
)
from reader.feed.rss import FEED_NAME, podcast_guid_for, render_feed
from reader.fsutil import write_bytes_atomic, write_text_atomic
from reader.locking import held_lock
from reader.manifest import MANIFEST_NAME, Manifest

LOCK_NAME = ".feed.lock"
LOCK_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class FeedResult:
    feed: Path
    feed_url: str
    playlist: Path
    index: Path
    sections_playlist: Path | None
    episodes: int  # items in the feed
    added: tuple[str, ...] = ()  # slugs
    updated: tuple[str, ...] = ()
    archived: tuple[str, ...] = ()  # kept from the index: their folders are gone
    trimmed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass
class _Scan:
    """Articles found on disk this run."""

    records: dict[str, EpisodeRecord] = field(default_factory=dict)
    manifests: dict[str, Manifest] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _scan_articles(output_dir: Path) -> _Scan:
    scan = _Scan()
    for article_dir in sorted(path for path in output_dir.iterdir() if path.is_dir()):
        if not (article_dir / MANIFEST_NAME).is_file():
            continue
        try:
            manifest = Manifest.load(article_dir)
            record = record_from_manifest(article_dir, manifest)
        except InputError as error:
            scan.warnings.append(f"skipped {article_dir.name}: {error}")
            continue
        if record.slug in scan.records:
            other = scan.records[record.slug].folder
            scan.warnings.append(f"skipped {article_dir.name}: slug {record.slug!r} is {other}'s")
            continue
        scan.records[record.slug] = record
        scan.manifests[record.slug] = manifest
    return scan


def resolve_config(output_dir: Path, config_path: Path | None) -> FeedConfig:
    """The config given, or `reader.toml` in the output folder."""
    if config_path is not None:
        return load_config(config_path)
    default = output_dir / CONFIG_NAME
    if not default.is_file():
        raise InputError(
            f"{output_dir}: no {CONFIG_NAME} (write one with 'reader feed {output_dir} --init'"
            " and edit it, or pass --config FILE)"
        )
    return load_config(default)


def resolve_base_url(config: FeedConfig, base_url: str | None) -> str:
    if base_url is None:
        if config.base_url is None:
            raise UsageError("no base URL: set base_url in reader.toml or pass --base-url URL")
        return config.base_url
    normalized = normalize_base_url(base_url)
    if normalized is None:
        raise UsageError(f"--base-url {base_url!r} is not an absolute http(s) URL")
    return normalized


def update_feed(
    output_dir: Path,
    *,
    config_path: Path | None = None,
    base_url: str | None = None,
    keep: int | None = None,
    sections_playlist: bool = False,
) -> FeedResult:
    """Regenerate `feed.xml` and `playlist.m3u8` of `output_dir` from its manifests.

    Episodes already published stay (their GUIDs too) even when their folders are gone;
    `keep` (or `keep` in the config) trims to the newest N. Everything is written atomically.
    """
    output_dir = Path(output_dir)
    if not output_dir.is_dir():
        raise InputError(f"{output_dir}: no such folder")
    if keep is not None and keep < 1:
        raise UsageError(f"--keep {keep}: keep at least 1 episode")
    config = resolve_config(output_dir, config_path)
    base = resolve_base_url(config, base_url)
    with held_lock(
        output_dir / LOCK_NAME,
        timeout=LOCK_TIMEOUT_SECONDS,
        busy_message=f"{output_dir}: another 'reader feed' is writing this feed",
        error_message=f"cannot write {output_dir}",
    ):
        return _update_locked(output_dir, config, base, keep or config.keep, sections_playlist)


def _merge(index: EpisodeIndex, scan: _Scan) -> tuple[list[str], list[str]]:
    """Put the scanned episodes into the index; returns the added and updated slugs."""
    added: list[str] = []
    updated: list[str] = []
    for slug, record in scan.records.items():
        if index.retired.get(slug) == record.built_at:
            continue  # trimmed by --keep and not rebuilt since: it stays out
        index.retired.pop(slug, None)
        previous = index.episodes.get(slug)
        if previous is not None:
            record = replace(record, guid=previous.guid)  # a GUID is forever
        if previous is None:
            added.append(slug)
        elif previous != record:
            updated.append(slug)
        index.episodes[slug] = record
    return added, updated


def _trim(index: EpisodeIndex, keep: int | None) -> list[str]:
    if keep is None:
        return []
    trimmed = index.newest_first()[keep:]
    for record in trimmed:
        del index.episodes[record.slug]
        index.retired[record.slug] = record.built_at
    return [record.slug for record in trimmed]


def _cover_warning(config: FeedConfig, output_dir: Path) -> str | None:
    if config.image is None:
        return "no cover image: Apple Podcasts lists no show without one (set image)"
    if config.image.startswith(("http://", "https://")):
        return None
    if not (output_dir / config.image).is_file():
        return f"cover image {config.image!r} is not in {output_dir}"
    return None


def _update_locked(
    output_dir: Path, config: FeedConfig, base_url: str, keep: int | None, sections: bool
) -> FeedResult:
    index_path = output_dir / INDEX_NAME
    index = EpisodeIndex.load(index_path)
    scan = _scan_articles(output_dir)
    added, updated = _merge(index, scan)
    trimmed = _trim(index, keep)
    if not index.episodes:
        if not scan.records:
            detail = f" ({scan.warnings[0]})" if scan.warnings else ""
            raise InputError(
                f"{output_dir}: no built articles (no */{MANIFEST_NAME}; run 'reader build'"
                f" first){detail}"
            )
        raise InputError(f"{output_dir}: every built article was trimmed earlier by --keep")
    warnings = list(scan.warnings)
    cover = _cover_warning(config, output_dir)
    if cover:
        warnings.append(cover)

    feed_url = base_url + FEED_NAME
    index.podcast_guid = config.podcast_guid or index.podcast_guid or podcast_guid_for(feed_url)
    episodes = index.newest_first()
    feed_bytes = render_feed(config, episodes, base_url=base_url, podcast_guid=index.podcast_guid)

    index.save(index_path)
    feed_path = output_dir / FEED_NAME
    write_bytes_atomic(feed_path, feed_bytes)
    playlist_path = output_dir / PLAYLIST_NAME
    oldest_first = list(reversed(episodes))
    write_text_atomic(
        playlist_path,
        render_m3u8(_episode_entries(output_dir, oldest_first), title=config.title),
    )
    sections_path: Path | None = None
    if sections:
        sections_path = output_dir / SECTIONS_PLAYLIST_NAME
        entries = _section_entries(output_dir, oldest_first, scan)
        write_text_atomic(sections_path, render_m3u8(entries, title=config.title))

    return FeedResult(
        feed=feed_path,
        feed_url=feed_url,
        playlist=playlist_path,
        index=index_path,
        sections_playlist=sections_path,
        episodes=len(episodes),
        added=tuple(added),
        updated=tuple(updated),
        archived=tuple(r.slug for r in episodes if r.slug not in scan.records),
        trimmed=tuple(trimmed),
        warnings=tuple(warnings),
    )


def _episode_entries(output_dir: Path, records: list[EpisodeRecord]) -> list[PlaylistEntry]:
    """Episodes in date order whose audio is on disk (a playlist cannot play an archive)."""
    return [
        PlaylistEntry(f"{record.folder}/{record.audio}", record.duration, record.title)
        for record in records
        if (output_dir / record.folder / record.audio).is_file()
    ]


def _section_entries(
    output_dir: Path, records: list[EpisodeRecord], scan: _Scan
) -> list[PlaylistEntry]:
    """Every section file of the episodes on disk: articles in date order, sections in order."""
    entries: list[PlaylistEntry] = []
    for record in records:
        manifest = scan.manifests.get(record.slug)
        if manifest is None:
            continue
        for section in sorted(manifest.sections, key=lambda entry: entry.index):
            path = f"{record.folder}/{section.audio.file}"
            if (output_dir / path).is_file():
                same = section.title.strip() == record.title.strip()  # the opening section
                title = record.title if same else f"{record.title} · {section.title}"
                entries.append(PlaylistEntry(path, section.audio.duration, title))
    return entries


def preview_feed(output_dir: Path, base_url: str) -> bytes | None:
    """The feed as `update_feed` would write it, with `base_url`, writing nothing.

    None when the folder has no `reader.toml` (the preview then serves `feed.xml` as it is).
    """
    if not (output_dir / CONFIG_NAME).is_file():
        return None
    config = load_config(output_dir / CONFIG_NAME)
    index = EpisodeIndex.load(output_dir / INDEX_NAME)
    _merge(index, _scan_articles(output_dir))
    _trim(index, config.keep)
    if not index.episodes:
        return None
    podcast_guid = index.podcast_guid or podcast_guid_for(base_url + FEED_NAME)
    return render_feed(config, index.newest_first(), base_url=base_url, podcast_guid=podcast_guid)
