"""Extended M3U playlists (UTF-8 `.m3u8`) for radio automation and media players.

Entries are paths relative to the playlist, so the output folder plays where it is copied.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.feed.text import one_line

PLAYLIST_NAME = "playlist.m3u8"
SECTIONS_PLAYLIST_NAME = "playlist-sections.m3u8"


@dataclass(frozen=True)
class PlaylistEntry:
    path: str  # relative to the playlist, forward slashes
    duration: float  # seconds
    title: str


def render_m3u8(entries: Iterable[PlaylistEntry], *, title: str | None = None) -> str:
    """`#EXTM3U`, then per entry `#EXTINF:<whole seconds>,<title>` and its path."""
    lines = ["#EXTM3U"]
    if title:
        lines.append(f"#PLAYLIST:{one_line(title)}")
    for entry in entries:
        seconds = max(1, round(entry.duration))
        # A title is one line; a newline inside it would start a bogus entry.
        lines.append(f"#EXTINF:{seconds},{one_line(entry.title)}")
        lines.append(entry.path.replace("\r", "").replace("\n", ""))
    return "\n".join(lines) + "\n"
