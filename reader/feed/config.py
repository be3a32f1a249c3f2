"""The publication config `reader.toml`: who publishes the feed, where, how apps list it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reader.errors import InputError

CONFIG_NAME = "reader.toml"

# Apple Podcasts categories (Apple's list since 2019); apps reject a feed whose names differ.
APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": (
        "Books",
        "Design",
        "Fashion & Beauty",
        "Food",
        "Performing Arts",
        "Visual Arts",
    ),
    "Business": (
        "Careers",
        "Entrepreneurship",
        "Investing",
        "Management",
        "Marketing",
        "Non-Profit",
    ),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health",
        "Fitness",
        "Medicine",
        "Mental Health",
        "Nutrition",
        "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga",
        "Automotive",
        "Aviation",
        "Crafts",
        "Games",
        "Hobbies",
        "Home & Garden",
        "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News",
        "Daily News",
        "Entertainment News",
        "News Commentary",
        "Politics",
        "Sports News",
        "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism",
        "Christianity",
        "Hinduism",
        "Islam",
        "Judaism",
        "Religion",
        "Spirituality",
    ),
    "Science": (
        "Astronomy",
        "Chemistry",
        "Earth Sciences",
        "Life Sciences",
        "Mathematics",
        "Natural Sciences",
        "Nature",
        "Physics",
        "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary",
        "Personal Journals",
        "Philosophy",
        "Places & Travel",
        "Relationships",
    ),
    "Sports": (
        "Baseball",
        "Basketball",
        "Cricket",
        "Fantasy Sports",
        "Football",
        "Golf",
        "Hockey",
        "Rugby",
        "Running",
        "Soccer",
        "Swimming",
        "Tennis",
        "Volleyball",
        "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}

EXAMPLE_CONFIG = """\
# reader.toml — the podcast / radio feed of this output folder (read by `reader feed`).
# Put it in the output folder, or pass `--config FILE`.

title = "晨报有声版"                       # required: the show's name
description = "每日早报精选文章的朗读，附拼音网页与文字稿。"  # required: one or two sentences
author = "晨报融媒体中心"                    # required: shown as the artist in podcast apps

# Where the output folder is published; every URL in the feed starts with it.
# Required here or as `reader feed OUTPUT --base-url URL`.
base_url = "https://radio.example.org/podcast/"

language = "zh-cn"                # default zh-cn
# link = "https://www.example.org/"   # the website; default: base_url
image = "cover.jpg"               # cover art: a file in the output folder or a full URL;
                                  # Apple wants a 1400-3000 px square JPEG or PNG
category = "News"                 # an Apple Podcasts category (default "News")
subcategory = "Daily News"        # optional, must belong to the category
owner_name = "晨报融媒体中心"        # itunes:owner: who Apple contacts about the show
owner_email = "podcast@example.org"
explicit = false                  # default false
# copyright = "© 2026 晨报"
# type = "episodic"               # or "serial" (apps then play oldest first)
# locked = true                   # podcast:locked: other hosts may not import the feed
#                                   (needs owner_email)
# podcast_guid = "..."            # keep the show's identity after a move; default: UUIDv5 of
#                                   the feed URL, fixed the first time the feed is written
# keep = 100                      # keep only the newest N episodes (like --keep)
timezone = "Asia/Shanghai"        # pubDate = article date at publish_time in this zone
publish_time = "06:00"
"""

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class FeedConfig:
    title: str
    description: str
    author: str
    base_url: str | None = None  # normalized to end with "/"
    language: str = "zh-cn"
    link: str | None = None
    image: str | None = None  # a URL, or a path relative to the output folder
    category: str = "News"
    subcategory: str | None = None
    owner_name: str | None = None
    owner_email: str | None = None
    explicit: bool = False
    copyright: str | None = None
    type: str = "episodic"
    locked: bool | None = None
    podcast_guid: str | None = None
    keep: int | None = None
    timezone: str = "Asia/Shanghai"
    publish_time: str = "06:00"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def publish_clock(self) -> time:
        hours, minutes = self.publish_time.split(":")
        return time(int(hours), int(minutes))


def normalize_base_url(url: str) -> str | None:
    """`url` ending with "/" when it is an absolute http(s) URL without query or fragment."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    return parts.geturl() if parts.path.endswith("/") else parts.geturl() + "/"


class _Fields:
    """Reads typed keys out of the parsed TOML, failing with file and key in one line."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    def fail(self, key: str, problem: str) -> InputError:
        return InputError(f"{self.path}: key '{key}': {problem}")

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(key, "missing (see the example 'reader feed OUTPUT --init' writes)")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be a non-empty string")
        return value.strip()

    def flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def count(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(key, "must be a whole number of at least 1")
        return value


def load_config(path: Path) -> FeedConfig:
    """Read and check `reader.toml`; a bad or missing field is a one-line InputError."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise InputError(f"{path}: no such config file") from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read config ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML ({error})") from error

    known = set(FeedConfig.__dataclass_fields__)
    for key in data:
        if key not in known:
            raise InputError(f"{path}: key '{key}': unknown (known: {', '.join(sorted(known))})")
    fields = _Fields(path, data)

    base_url = fields.text("base_url")
    if base_url is not None:
        normalized = normalize_base_url(base_url)
        if normalized is None:
            raise fields.fail("base_url", f"{base_url!r} is not an absolute http(s) URL")
        base_url = normalized
    link = fields.text("link")
    if link is not None and normalize_base_url(link) is None:
        raise fields.fail("link", f"{link!r} is not an absolute http(s) URL")

    category = fields.text("category") or "News"
    if category not in APPLE_CATEGORIES:
        raise fields.fail("category", f"{category!r} is not an Apple Podcasts category")
    subcategory = fields.text("subcategory")
    if subcategory is not None and subcategory not in APPLE_CATEGORIES[category]:
        allowed = ", ".join(APPLE_CATEGORIES[category]) or "none"
        raise fields.fail("subcategory", f"{subcategory!r} is not in {category} ({allowed})")

    owner_email = fields.text("owner_email")
    if owner_email is not None and not _EMAIL.match(owner_email):
        raise fields.fail("owner_email", f"{owner_email!r} is not an e-mail address")
    locked = fields.flag("locked")
    if locked is not None and owner_email is None:
        raise fields.fail("locked", "needs owner_email (podcast:locked names the owner)")

    podcast_type = fields.text("type") or "episodic"
    if podcast_type not in ("episodic", "serial"):
        raise fields.fail("type", "must be 'episodic' or 'serial'")
    podcast_guid = fields.text("podcast_guid")
    if podcast_guid is not None and not _UUID.match(podcast_guid):
        raise fields.fail("podcast_guid", "must be a UUID (36 characters with four hyphens)")

    timezone = fields.text("timezone") or "Asia/Shanghai"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise fields.fail("timezone", f"{timezone!r} is not a time zone name") from error
    publish_time = fields.text("publish_time") or "06:00"
    if not _TIME.match(publish_time):
        raise fields.fail("publish_time", "must be HH:MM (24-hour clock)")

    return FeedConfig(
        title=str(fields.text("title", required=True)),
        description=str(fields.text("description", required=True)),
        author=str(fields.text("author", required=True)),
        base_url=base_url,
        language=fields.text("language") or "zh-cn",
        link=link,
        image=fields.text("image"),
        category=category,
        subcategory=subcategory,
        owner_name=fields.text("owner_name"),
        owner_email=owner_email,
        explicit=bool(fields.flag("explicit")),
        copyright=fields.text("copyright"),
        type=podcast_type,
        locked=locked,
        podcast_guid=podcast_guid,
        keep=fields.count("keep"),
        timezone=timezone,
        publish_time=publish_time,
    )
