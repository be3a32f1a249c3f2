"""ID3v2.4 tags for the episode MP3 (mutagen): what podcast apps and radio systems show.

Text frames: title, album (the publication), artist, date, track (the series number),
language, comment; then one CHAP frame per section and a top-level CTOC listing them in
order, so apps show the sections as chapters.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mutagen.id3

from reader.errors import OutputError
from reader.fsutil import write_bytes_atomic

# mutagen has no type hints: use its frames through one Any-typed name.
_id3: Any = mutagen.id3


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float  # seconds
    end: float


@dataclass(frozen=True)
class EpisodeTags:
    title: str
    album: str  # the publication
    artist: str
    date: str  # YYYY-MM-DD
    track: int | None  # the series number
    comment: str = ""
    language: str = "zho"  # ISO 639-2


def _millis(seconds: float) -> int:
    return max(0, round(seconds * 1000))


def tag_frames(tags: EpisodeTags, chapters: Sequence[Chapter]) -> Any:
    id3 = _id3.ID3()
    id3.add(_id3.TIT2(encoding=3, text=[tags.title]))
    id3.add(_id3.TALB(encoding=3, text=[tags.album]))
    id3.add(_id3.TPE1(encoding=3, text=[tags.artist]))
    id3.add(_id3.TDRC(encoding=3, text=[tags.date]))
    id3.add(_id3.TLAN(encoding=3, text=[tags.language]))
    if tags.track is not None:
        id3.add(_id3.TRCK(encoding=3, text=[str(tags.track)]))
    if tags.comment:
        id3.add(_id3.COMM(encoding=3, lang=tags.language, desc="", text=[tags.comment]))
    element_ids = [f"chp{index}" for index in range(len(chapters))]
    id3.add(
        _id3.CTOC(
            element_id="toc",
            flags=_id3.CTOCFlags.TOP_LEVEL | _id3.CTOCFlags.ORDERED,
            child_element_ids=element_ids,
            sub_frames=[_id3.TIT2(encoding=3, text=[tags.title])],
        )
    )
    for element_id, chapter in zip(element_ids, chapters, strict=True):
        id3.add(
            _id3.CHAP(
                element_id=element_id,
                start_time=_millis(chapter.start),
                end_time=_millis(chapter.end),
                # 0xFFFFFFFF: no byte offsets, times only (ID3v2 chapter spec).
                start_offset=0xFFFFFFFF,
                end_offset=0xFFFFFFFF,
                sub_frames=[_id3.TIT2(encoding=3, text=[chapter.title])],
            )
        )
    return id3


def write_tags(mp3: Path, tags: EpisodeTags, chapters: Sequence[Chapter]) -> None:
    """Put the tags in front of the MP3's audio, replacing any, as one atomic write."""
    id3 = tag_frames(tags, chapters)
    try:
        audio = mp3.read_bytes()
        try:
            old = _id3.ID3(mp3)
            audio = audio[old.size :]
        except _id3.ID3NoHeaderError:
            pass
    except OSError as error:
        raise OutputError(f"cannot tag {mp3}: {error.strerror or error}") from error
    # mutagen writes in place; build the tagged file in memory through a temporary file
    # beside the MP3, so a reader never sees a half-tagged episode.
    header = _render(id3, mp3.parent)
    write_bytes_atomic(mp3, header + audio)


def _render(id3: Any, folder: Path) -> bytes:
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".tags.", suffix=".id3") as handle:
        id3.save(handle.name, v2_version=4, padding=lambda info: 0)
        return Path(handle.name).read_bytes()
