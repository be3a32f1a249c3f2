"""The publication config `reader.toml`: who publishes the feed, where, how apps list it."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import MISSING, Field, dataclass, field, fields
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reader.errors import InputError
from reader.fsutil import SETTINGS_MAX_SIZE, read_limited

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

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
PODCAST_TYPES = ("episodic", "serial")
# Control characters (C0 but tab and line breaks, DEL, C1); a URL takes no white space either.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_URL_FORBIDDEN = re.compile("[\x00-\x20\x7f-\x9f]")


def _key(
    default: Any = MISSING,
    *,
    doc: str = "",
    example: Any = None,
    commented: bool = False,
    before: str = "",
) -> Any:
    """A `reader.toml` key: its default, and how the example `reader feed --init` writes
    shows it (`example` instead of the default, `commented` out, a comment `before` it)."""
    shown = {"doc": doc, "example": example, "commented": commented, "before": before}
    return field(default=default, metadata=shown)


@dataclass(frozen=True)
class FeedConfig:
    title: str = _key(doc="required: the show's name", example="晨报有声版")
    description: str = _key(
        doc="required: one or two sentences", example="每日早报精选文章的朗读，附拼音网页与文字稿。"
    )
    author: str = _key(
        doc="required: shown as the artist in podcast apps", example="晨报融媒体中心"
    )
    base_url: str | None = _key(  # normalized to end with "/"
        None,
        example="https://radio.example.org/podcast/",
        before="Where the output folder is published; every URL in the feed starts with it.\n"
        "Required here or as `reader feed OUTPUT --base-url URL`.",
    )
    language: str = _key("zh-cn")
    link: str | None = _key(
        None,
        doc="the website; default: base_url",
        example="https://www.example.org/",
        commented=True,
    )
    image: str | None = _key(  # a URL, or a path relative to the output folder
        None,
        doc="cover art: a file in the output folder or a full URL;\n"
        "Apple wants a 1400-3000 px square JPEG or PNG",
        example="cover.jpg",
    )
    category: str = _key("News", doc="an Apple Podcasts category")
    subcategory: str | None = _key(
        None, doc="optional, must belong to the category", example="Daily News"
    )
    owner_name: str | None = _key(
        None, doc="itunes:owner: who Apple contacts about the show", example="晨报融媒体中心"
    )
    owner_email: str | None = _key(None, example="podcast@example.org")
    explicit: bool = _key(False)
    copyright: str | None = _key(None, example="© 2026 晨报", commented=True)
    type: str = _key(
        PODCAST_TYPES[0], doc='or "serial" (apps then play oldest first)', commented=True
    )
    locked: bool | None = _key(
        None,
        doc="podcast:locked: other hosts may not import the feed\n(needs owner_email)",
        example=True,
        commented=True,
    )
    podcast_guid: str | None = _key(
        None,
        doc="keep the show's identity after a move; default: UUIDv5 of\n"
        "the feed URL, fixed the first time the feed is written",
        example="...",
        commented=True,
    )
    keep: int | None = _key(
        None, doc="keep only the newest N episodes (like --keep)", example=100, commented=True
    )
    timezone: str = _key("Asia/Shanghai", doc="pubDate = article date at publish_time in this zone")
    publish_time: str = _key("06:00")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def publish_clock(self) -> time:
        hours, minutes = self.publish_time.split(":")
        return time(int(hours), int(minutes))


KEYS = fields(FeedConfig)
_COMMENT_COLUMN = 34


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string, or a number


def _example_lines(key: Field[Any]) -> list[str]:
    shown = key.metadata
    block = shown["before"].splitlines()  # a key with its own comment block stands apart
    lines = ["", *(f"# {line}" for line in block)] if block else []
    value = shown["example"] if shown["example"] is not None else key.default
    line = f"{'# ' if shown['commented'] else ''}{key.name} = {_toml(value)}"
    notes = shown["doc"].splitlines() or [""]
    if value == key.default:
        notes[0] = f"default; {notes[0]}" if notes[0] else "default"
    for note in notes:
        if note:
            lines.append(f"{line.ljust(_COMMENT_COLUMN - 2)}  # {note}")
        elif line:
            lines.append(line)
        line = ""
    return [*lines, ""] if block else lines


def example_config() -> str:
    """The `reader.toml` that `reader feed OUTPUT --init` writes: every key, with its default."""
    head = [
        "# reader.toml — the podcast / radio feed of this output folder (read by `reader feed`).",
        "# Put it in the output folder, or pass `--config FILE`.",
    ]
    body = [line for key in KEYS for line in _example_lines(key)]
    return "\n".join([*head, "", *body, ""])


EXAMPLE_CONFIG = example_config()


def normalize_base_url(url: str) -> str | None:
    """`url` ending with "/" when it is an absolute http(s) URL without query or fragment."""
    if _URL_FORBIDDEN.search(url.strip()):
        return None
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
        control = _CONTROL.search(value)
        if control is not None:  # would make feed.xml not well-formed XML
            raise self.fail(key, f"contains the control character U+{ord(control[0]):04X}")
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

    def read(self, key: Field[Any]) -> Any:
        """The key's value as its field's type says, or None when the file leaves it out."""
        kind = str(key.type)
        if kind.startswith("bool"):
            return self.flag(key.name)
        if kind.startswith("int"):
            return self.count(key.name)
        return self.text(key.name, required=key.default is MISSING)


def _base_url(fields: _Fields, url: str) -> str:
    normalized = normalize_base_url(url)
    if normalized is None:
        raise fields.fail("base_url", f"{url!r} is not an absolute http(s) URL")
    return normalized


def _link(fields: _Fields, link: str) -> str:
    if normalize_base_url(link) is None:
        raise fields.fail("link", f"{link!r} is not an absolute http(s) URL")
    return link


def _category(fields: _Fields, category: str) -> str:
    if category not in APPLE_CATEGORIES:
        raise fields.fail("category", f"{category!r} is not an Apple Podcasts category")
    return category


def _owner_email(fields: _Fields, address: str) -> str:
    if not _EMAIL.match(address):
        raise fields.fail("owner_email", f"{address!r} is not an e-mail address")
    return address


def _podcast_type(fields: _Fields, podcast_type: str) -> str:
    if podcast_type not in PODCAST_TYPES:
        raise fields.fail("type", "must be 'episodic' or 'serial'")
    return podcast_type


def _podcast_guid(fields: _Fields, guid: str) -> str:
    if not _UUID.match(guid):
        raise fields.fail("podcast_guid", "must be a UUID (36 characters with four hyphens)")
    return guid


def _timezone(fields: _Fields, timezone: str) -> str:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise fields.fail("timezone", f"{timezone!r} is not a time zone name") from error
    return timezone


def _publish_time(fields: _Fields, clock: str) -> str:
    if not _TIME.match(clock):
        raise fields.fail("publish_time", "must be HH:MM (24-hour clock)")
    return clock


# What a key's value must be beyond its type (checked when the file gives the key).
_CHECKS: dict[str, Callable[[_Fields, Any], Any]] = {
    "base_url": _base_url,
    "link": _link,
    "category": _category,
    "owner_email": _owner_email,
    "type": _podcast_type,
    "podcast_guid": _podcast_guid,
    "timezone": _timezone,
    "publish_time": _publish_time,
}


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise InputError(f"{path}: no such config file")
    try:
        return tomllib.loads(read_limited(path, SETTINGS_MAX_SIZE, "config").decode("utf-8"))
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: cannot read config ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML ({error})") from error


def _check_together(fields: _Fields, config: FeedConfig) -> None:
    """What one key asks of another."""
    subcategory, category = config.subcategory, config.category
    if subcategory is not None and subcategory not in APPLE_CATEGORIES[category]:
        allowed = ", ".join(APPLE_CATEGORIES[category]) or "none"
        raise fields.fail("subcategory", f"{subcategory!r} is not in {category} ({allowed})")
    if config.locked is not None and config.owner_email is None:
        raise fields.fail("locked", "needs owner_email (podcast:locked names the owner)")


def load_config(path: Path) -> FeedConfig:
    """Read and check `reader.toml`; a bad or missing field is a one-line InputError. A key
    the file leaves out takes its field's default."""
    path = Path(path)
    data = _read_toml(path)
    known = {key.name for key in KEYS}
    for name in data:
        if name not in known:
            raise InputError(f"{path}: key '{name}': unknown (known: {', '.join(sorted(known))})")
    fields = _Fields(path, data)
    given: dict[str, Any] = {}
    for key in KEYS:
        value = fields.read(key)
        if value is not None:
            check = _CHECKS.get(key.name)
            given[key.name] = check(fields, value) if check else value
    config = FeedConfig(**given)
    _check_together(fields, config)
    return config
