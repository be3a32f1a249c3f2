"""Article folders for the feed tests: real MP3s, VTTs, chapters, pages and manifests.

Imported by test_feed_*.py and test_serve.py; holds no tests itself.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import numpy as np
import soundfile as sf

from reader.manifest import MANIFEST_NAME, AudioFile, Manifest, SectionEntry

SAMPLE_RATE = 24_000
BASE_URL = "https://radio.example.org/podcast/"

CONFIG_TEXT = """\
title = "晨报有声版"
description = "每日早报精选文章的朗读。"
author = "晨报融媒体中心"
base_url = "https://radio.example.org/podcast/"
image = "cover.png"
category = "News"
subcategory = "Daily News"
owner_name = "晨报"
owner_email = "podcast@example.org"
"""


def write_mp3(path: Path, seconds: float, pitch: float = 440.0) -> AudioFile:
    """A real MP3 of a tone, measured back from the written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    sf.write(path, 0.3 * np.sin(2 * np.pi * pitch * t), SAMPLE_RATE, format="MP3")
    data = path.read_bytes()
    vtt = path.with_suffix(".vtt")
    vtt.write_text(f"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n{path.stem}\n", encoding="utf-8")
    return AudioFile(
        file=path.name,
        duration=sf.info(str(path)).duration,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        vtt=vtt.name,
    )


def make_article(
    output_dir: Path,
    slug: str,
    *,
    title: str = "以高水平安全保障高质量发展",
    date: str = "2026-03-05",
    series_number: int | None = 9,
    built_at: str = "2026-03-05T05:00:00Z",
    description: str = "——市两会代表委员热议。国家安全是民族复兴的根基。",
    seconds: float = 1.5,
    pitch: float = 440.0,
) -> Manifest:
    """Write `output_dir/<slug>/` as `reader build` would: two sections and one episode."""
    article = output_dir / slug
    sections = []
    start = 0.0
    for index, section_title in enumerate(("导语", "正文"), start=1):
        audio = write_mp3(article / "audio" / f"{index:02d}.mp3", seconds / 2, pitch * index)
        audio = AudioFile(**{**audio.__dict__, "file": f"audio/{audio.file}"})
        audio = AudioFile(**{**audio.__dict__, "vtt": f"audio/{audio.vtt}"})
        sections.append(
            SectionEntry(index, section_title, start, audio, engine="test", voice="tone")
        )
        start += audio.duration
    episode = write_mp3(article / f"{slug}.mp3", seconds, pitch)
    chapters = {
        "version": "1.2.0",
        "chapters": [{"startTime": s.start, "title": s.title} for s in sections],
    }
    (article / "chapters.json").write_text(json.dumps(chapters, ensure_ascii=False), "utf-8")
    (article / "index.html").write_text(
        f"<!doctype html><html lang=zh-CN><title>{slug}</title><h1>{slug}</h1></html>", "utf-8"
    )
    manifest = Manifest(
        slug=slug,
        title=title,
        subtitle="——市两会代表委员热议",
        series=f"（{series_number}）" if series_number is not None else None,
        series_number=series_number,
        byline="记者 孙慧姣",
        date=date,
        built_at=built_at,
        description=description,
        page="index.html",
        chapters="chapters.json",
        episode=episode,
        sections=tuple(sections),
        profile="podcast",
        loudness_lufs=-16.0,
        true_peak_dbtp=-1.5,
        source_sha256="0" * 64,
    )
    if any("\ud800" <= ch <= "\udfff" for ch in title + description):
        # Lone surrogates cannot be UTF-8: they reach a manifest only as JSON escapes.
        text = json.dumps(asdict(manifest), ensure_ascii=True)
        (article / MANIFEST_NAME).write_text(text, encoding="ascii")
    else:
        manifest.save(article)
    return manifest


def write_config(output_dir: Path, text: str = CONFIG_TEXT) -> Path:
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / "reader.toml"
    path.write_text(text, encoding="utf-8")
    (output_dir / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return path


def item_blocks(feed: bytes) -> dict[str, bytes]:
    """Each `<item>…</item>` of the feed as raw bytes, keyed by its GUID."""
    blocks: dict[str, bytes] = {}
    for chunk in feed.split(b"<item>")[1:]:
        block = b"<item>" + chunk.split(b"</item>")[0] + b"</item>"
        guid = block.split(b'isPermaLink="false">')[1].split(b"</guid>")[0]
        blocks[guid.decode()] = block
    return blocks
