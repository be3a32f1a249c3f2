"""What `reader serve` shows at `/`: the show, its feed and playlists, and every built article."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from reader.errors import ReaderError
from reader.feed.config import CONFIG_NAME, load_config
from reader.feed.playlist import PLAYLIST_NAME, SECTIONS_PLAYLIST_NAME
from reader.feed.rss import FEED_NAME
from reader.manifest import MANIFEST_NAME, Manifest

_STYLE = (
    "body{font:1.125rem/1.7 system-ui,'Noto Sans CJK SC',sans-serif;max-width:44rem;"
    "margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}"
    "li{margin-bottom:1.5rem}audio{width:100%}a{color:#0645ad}small{color:#555}"
)


def _show_title(output_dir: Path) -> str:
    try:
        return load_config(output_dir / CONFIG_NAME).title
    except ReaderError:
        return output_dir.resolve().name


def _articles(output_dir: Path) -> list[tuple[str, Manifest]]:
    """(folder name, manifest) of each built article, newest first."""
    found: list[tuple[str, Manifest]] = []
    for path in output_dir.glob(f"*/{MANIFEST_NAME}"):
        try:
            found.append((path.parent.name, Manifest.load(path.parent)))
        except ReaderError:
            continue
    found.sort(key=lambda item: (item[1].date, item[1].series_number or 0, item[0]), reverse=True)
    return found


def render_index(output_dir: Path) -> bytes:
    """An accessible HTML page linking the feed, the playlists and each article with a player."""
    escape = html.escape
    title = _show_title(output_dir)
    parts = [
        "<!doctype html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f'<main><h1>{escape(title)}</h1><nav aria-label="订阅"><ul>',
    ]
    if (output_dir / CONFIG_NAME).is_file() or (output_dir / FEED_NAME).is_file():
        parts.append(f'<li><a href="{FEED_NAME}" type="application/rss+xml">播客订阅 RSS</a></li>')
    for name, label in ((PLAYLIST_NAME, "播放列表"), (SECTIONS_PLAYLIST_NAME, "分段播放列表")):
        if (output_dir / name).is_file():
            parts.append(f'<li><a href="{name}">{label} ({name})</a></li>')
    parts.append("</ul></nav><h2>文章</h2><ol>")
    for folder, manifest in _articles(output_dir):
        base = quote(folder, safe="") + "/"
        page = base + quote(manifest.page, safe="/")
        audio = base + quote(manifest.episode.file, safe="/")
        minutes, seconds = divmod(round(manifest.episode.duration), 60)
        series = f" {escape(manifest.series)}" if manifest.series else ""
        parts.append(
            f'<li><h3><a href="{escape(page)}">{escape(manifest.title)}</a>{series}</h3>'
            f"<small>{escape(manifest.date)} · {minutes}:{seconds:02d}</small>"
            f"<p>{escape(manifest.description)}</p>"
            f'<audio controls preload="none" src="{escape(audio)}"'
            f' aria-label="{escape(manifest.title)}"></audio></li>'
        )
    parts.append("</ol></main></body></html>\n")
    return "".join(parts).encode("utf-8", "replace")
