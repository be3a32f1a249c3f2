"""`feed.xml`: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces, rendered with ElementTree.

ElementTree (standard library) escapes text and attributes, declares the namespaces once and
writes elements in the order they are built, so an item's bytes depend only on its episode:
adding an article leaves every other item byte-identical.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, date, datetime
from email.utils import format_datetime
from urllib.parse import quote

from reader import __version__
from reader.feed.config import FeedConfig
from reader.feed.episodes import EpisodeRecord
from reader.feed.text import one_line, xml_safe

FEED_NAME = "feed.xml"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
# Podcasting 2.0: podcast:guid is UUIDv5 of the feed URL (no scheme, no trailing slash) here.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

for _prefix, _uri in (("itunes", ITUNES), ("podcast", PODCAST), ("atom", ATOM)):
    ET.register_namespace(_prefix, _uri)


def podcast_guid_for(feed_url: str) -> str:
    """The Podcasting 2.0 channel GUID derived from the feed's URL."""
    seed = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, seed))


def article_url(base_url: str, folder: str, relative: str) -> str:
    """The public URL of a file inside an article folder, percent-encoded."""
    return f"{base_url}{quote(folder, safe='')}/{quote(relative, safe='/')}"


def image_url(config: FeedConfig, base_url: str) -> str | None:
    if config.image is None:
        return None
    if config.image.startswith(("http://", "https://")):
        return config.image
    return base_url + quote(config.image.lstrip("/"), safe="/")


def pub_date(record: EpisodeRecord, config: FeedConfig) -> str:
    """RFC 822 date: the article's date at the configured publishing time and zone."""
    moment = datetime.combine(
        date.fromisoformat(record.date), config.publish_clock, tzinfo=config.zone
    )
    return format_datetime(moment)


def _built_moment(record: EpisodeRecord) -> datetime | None:
    try:
        moment = datetime.fromisoformat(record.built_at)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _sub(parent: ET.Element, tag: str, content: str | None = None, /, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: xml_safe(value) for key, value in attrs.items()})
    if content is not None:
        element.text = content
    return element


def _itunes(name: str) -> str:
    return f"{{{ITUNES}}}{name}"


def _podcast(name: str) -> str:
    return f"{{{PODCAST}}}{name}"


def _item(channel: ET.Element, record: EpisodeRecord, config: FeedConfig, base_url: str) -> None:
    title = one_line(record.title) or record.slug
    description = xml_safe(record.description).strip() or title
    page_url = article_url(base_url, record.folder, record.page)
    item = _sub(channel, "item")
    _sub(item, "title", title)
    _sub(item, "link", page_url)
    _sub(item, "description", description)
    _sub(item, "guid", record.guid, isPermaLink="false")
    _sub(item, "pubDate", pub_date(record, config))
    _sub(
        item,
        "enclosure",
        url=article_url(base_url, record.folder, record.audio),
        length=str(record.audio_bytes),
        type="audio/mpeg",
    )
    _sub(item, _itunes("title"), title)
    _sub(item, _itunes("author"), one_line(record.byline or "") or one_line(config.author))
    _sub(item, _itunes("summary"), description)
    _sub(item, _itunes("duration"), str(max(1, round(record.duration))))
    if record.series_number is not None:
        _sub(item, _itunes("episode"), str(record.series_number))
    _sub(item, _itunes("episodeType"), "full")
    _sub(item, _itunes("explicit"), "true" if config.explicit else "false")
    if record.series_number is not None:
        display = one_line(record.series or "")
        extra = {"display": display} if display else {}
        _sub(item, _podcast("episode"), str(record.series_number), **extra)
    _sub(
        item,
        _podcast("transcript"),
        url=article_url(base_url, record.folder, record.vtt),
        type="text/vtt",
        language=config.language,
        rel="captions",
    )
    _sub(
        item,
        _podcast("transcript"),
        url=page_url,
        type="text/html",
        language=config.language,
    )
    _sub(
        item,
        _podcast("chapters"),
        url=article_url(base_url, record.folder, record.chapters),
        type="application/json+chapters",
    )


def _channel_head(
    channel: ET.Element,
    config: FeedConfig,
    episodes: Sequence[EpisodeRecord],
    base_url: str,
    podcast_guid: str,
) -> None:
    title = one_line(config.title)
    description = xml_safe(config.description).strip()
    link = config.link or base_url
    _sub(channel, "title", title)
    _sub(channel, "link", link)
    _sub(channel, "description", description)
    _sub(channel, "language", config.language)
    if config.copyright:
        _sub(channel, "copyright", one_line(config.copyright))
    _sub(channel, "generator", f"reader {__version__}")
    built = [moment for moment in map(_built_moment, episodes) if moment is not None]
    if built:
        _sub(channel, "lastBuildDate", format_datetime(max(built).astimezone(UTC), usegmt=True))
    if episodes:
        _sub(channel, "pubDate", pub_date(episodes[0], config))
    _sub(
        channel,
        f"{{{ATOM}}}link",
        href=base_url + FEED_NAME,
        rel="self",
        type="application/rss+xml",
    )
    cover = image_url(config, base_url)
    if cover:
        image = _sub(channel, "image")
        _sub(image, "url", cover)
        _sub(image, "title", title)
        _sub(image, "link", link)
    _sub(channel, _itunes("author"), one_line(config.author))
    _sub(channel, _itunes("summary"), description)
    _sub(channel, _itunes("type"), config.type)
    if config.owner_name or config.owner_email:
        owner = _sub(channel, _itunes("owner"))
        if config.owner_name:
            _sub(owner, _itunes("name"), one_line(config.owner_name))
        if config.owner_email:
            _sub(owner, _itunes("email"), config.owner_email)
    _sub(channel, _itunes("explicit"), "true" if config.explicit else "false")
    if cover:
        _sub(channel, _itunes("image"), href=cover)
    category = _sub(channel, _itunes("category"), text=config.category)
    if config.subcategory:
        _sub(category, _itunes("category"), text=config.subcategory)
    _sub(channel, _podcast("guid"), podcast_guid)
    if config.locked is not None and config.owner_email:
        _sub(
            channel,
            _podcast("locked"),
            "yes" if config.locked else "no",
            owner=config.owner_email,
        )


def render_feed(
    config: FeedConfig,
    episodes: Sequence[EpisodeRecord],
    *,
    base_url: str,
    podcast_guid: str | None = None,
) -> bytes:
    """The whole feed document, items newest first, UTF-8 with an XML declaration."""
    ordered = sorted(episodes, key=EpisodeRecord.sort_key, reverse=True)
    guid = config.podcast_guid or podcast_guid or podcast_guid_for(base_url + FEED_NAME)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = _sub(rss, "channel")
    _channel_head(channel, config, ordered, base_url, guid)
    for record in ordered:
        _item(channel, record, config, base_url)
    ET.indent(rss, space="  ")
    body = ET.tostring(rss, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
