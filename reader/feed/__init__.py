"""The podcast / radio feed of an output folder: `feed.xml`, `playlist.m3u8`, `episodes.json`."""

from __future__ import annotations

from reader.feed.config import CONFIG_NAME, EXAMPLE_CONFIG, FeedConfig, load_config
from reader.feed.update import FeedResult, update_feed

__all__ = [
    "CONFIG_NAME",
    "EXAMPLE_CONFIG",
    "FeedConfig",
    "FeedResult",
    "load_config",
    "update_feed",
]
