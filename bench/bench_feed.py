"""Feed and preview-server throughput: episodes rendered per second, range requests per second.

Run: .venv/bin/python bench/bench_feed.py   (or `make bench`)
"""

from __future__ import annotations

import http.client
import tempfile
import threading
import time
from pathlib import Path

from reader.feed import update_feed
from reader.feed.config import load_config
from reader.feed.episodes import EpisodeRecord, episode_guid
from reader.feed.rss import render_feed
from reader.manifest import AudioFile, Manifest
from reader.serve import make_server, server_url

CONFIG = """\
title = "晨报有声版"
description = "每日早报精选文章的朗读。"
author = "晨报融媒体中心"
base_url = "https://radio.example.org/podcast/"
"""


def record(number: int) -> EpisodeRecord:
    slug = f"2026-03-{number:05d}"
    return EpisodeRecord(
        slug=slug,
        folder=slug,
        guid=episode_guid(slug),
        title=f"以高水平安全保障高质量发展 & <{number}>",
        description="——市两会代表委员热议。国家安全是民族复兴的根基，社会稳定是国家强盛的前提。",
        byline="记者 孙慧姣",
        series=f"（{number}）",
        series_number=number,
        date=f"2026-{1 + number % 12:02d}-{1 + number % 28:02d}",
        built_at="2026-03-05T05:00:00Z",
        audio=f"{slug}.mp3",
        audio_bytes=3_000_000 + number,
        duration=300.0 + number,
        vtt=f"{slug}.vtt",
        page="index.html",
        chapters="chapters.json",
    )


def bench_render(root: Path) -> None:
    (root / "reader.toml").write_text(CONFIG, "utf-8")
    config = load_config(root / "reader.toml")
    episodes = [record(n) for n in range(1000)]
    rounds = 5
    start = time.perf_counter()
    for _ in range(rounds):
        size = len(render_feed(config, episodes, base_url="https://radio.example.org/podcast/"))
    elapsed = time.perf_counter() - start
    print(f"render_feed: {rounds * len(episodes) / elapsed:,.0f} episodes/s ({size:,} bytes)")


def bench_update(root: Path) -> None:
    """update_feed over 200 article folders (the audio is placeholder bytes: only stat'ed)."""
    output = root / "output"
    output.mkdir()
    (output / "reader.toml").write_text(CONFIG, "utf-8")
    for n in range(200):
        r = record(n)
        folder = output / r.folder
        folder.mkdir()
        (folder / r.audio).write_bytes(b"\xff\xfb" * 100)
        audio = AudioFile(r.audio, r.duration, 200, "0" * 64, r.vtt)
        Manifest(
            slug=r.slug,
            title=r.title,
            subtitle=None,
            series=r.series,
            series_number=r.series_number,
            byline=r.byline,
            date=r.date,
            built_at=r.built_at,
            description=r.description,
            page=r.page,
            chapters=r.chapters,
            episode=audio,
            sections=(),
            profile="podcast",
            loudness_lufs=-16.0,
            true_peak_dbtp=-1.0,
            source_sha256="0" * 64,
        ).save(folder)
    rounds = 3
    start = time.perf_counter()
    for _ in range(rounds):
        update_feed(output)
    elapsed = time.perf_counter() - start
    print(f"update_feed (200 articles: scan, index, feed, playlist): {rounds / elapsed:.1f} runs/s")


def bench_ranges(root: Path) -> None:
    media = root / "media"
    media.mkdir()
    data = bytes(range(256)) * 4096 * 4  # 4 MiB, an episode's size
    (media / "episode.mp3").write_bytes(data)
    server = make_server(media, port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = server_url(server).split("/")[2]
    try:
        connection = http.client.HTTPConnection(host, timeout=10)
        count = 300
        start = time.perf_counter()
        for n in range(count):
            first = (n * 9973) % (len(data) - 65536)
            headers = {"Range": f"bytes={first}-{first + 65535}"}
            connection.request("GET", "/episode.mp3", headers=headers)
            body = connection.getresponse().read()
            assert body == data[first : first + 65536]
        elapsed = time.perf_counter() - start
        print(f"serve: {count / elapsed:,.0f} range requests/s (64 KiB seeks, one connection)")
        start = time.perf_counter()
        connection.request("GET", "/episode.mp3")
        assert connection.getresponse().read() == data
        elapsed = time.perf_counter() - start
        print(f"serve: {len(data) / elapsed / 1e6:,.0f} MB/s (whole 4 MiB file)")
        connection.close()
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        bench_render(root)
        bench_update(root)
        bench_ranges(root)


if __name__ == "__main__":
    main()
