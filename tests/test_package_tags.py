"""ID3 tags and chapters written to a real MP3 and read back with mutagen; JSON chapters."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import soundfile
from mutagen.id3 import ID3

from reader import audio
from reader.package.chapters import chapters_json
from reader.package.tags import Chapter, EpisodeTags, write_tags

TAGS = EpisodeTags(
    title="筑牢安全屏障 <script>&",
    album="晋中日报",
    artist="本报记者",
    date="2026-03-05",
    track=9,
    comment="我市持续加强风险防范。",
)
CHAPTERS = [Chapter("导语", 0.0, 2.5), Chapter("市应急管理局", 2.5, 4.0), Chapter("结语", 4.0, 6.0)]


def _mp3(path: Path, seconds: float = 6.0) -> Path:
    t = np.arange(int(seconds * 24000)) / 24000
    audio.encode_mp3(audio.from_float(0.3 * np.sin(2 * np.pi * 440 * t)), 24000, path)
    return path


def test_tags_and_chapters_read_back(tmp_path: Path) -> None:
    mp3 = _mp3(tmp_path / "episode.mp3")
    write_tags(mp3, TAGS, CHAPTERS)
    tags = ID3(mp3)
    assert tags.version[:2] == (2, 4)
    assert str(tags["TIT2"]) == TAGS.title
    assert str(tags["TALB"]) == "晋中日报"
    assert str(tags["TPE1"]) == "本报记者"
    assert str(tags["TDRC"]) == "2026-03-05"
    assert str(tags["TRCK"]) == "9"
    toc = tags.getall("CTOC")[0]
    assert toc.child_element_ids == ["chp0", "chp1", "chp2"]
    chapters = {frame.element_id: frame for frame in tags.getall("CHAP")}
    read = [chapters[element] for element in toc.child_element_ids]
    assert [(c.start_time, c.end_time) for c in read] == [(0, 2500), (2500, 4000), (4000, 6000)]
    assert [str(c.sub_frames["TIT2"]) for c in read] == ["导语", "市应急管理局", "结语"]


def test_retagging_replaces_tags_and_keeps_the_audio(tmp_path: Path) -> None:
    mp3 = _mp3(tmp_path / "episode.mp3")
    before = soundfile.read(str(mp3))[0]
    write_tags(mp3, TAGS, CHAPTERS)
    write_tags(mp3, TAGS, CHAPTERS[:1])
    assert len(ID3(mp3).getall("CHAP")) == 1
    after = soundfile.read(str(mp3))[0]
    assert np.array_equal(before, after)
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


def test_json_chapters_follow_podcasting_2() -> None:
    document = json.loads(chapters_json(CHAPTERS))
    assert document["version"] == "1.2.0"
    assert [c["startTime"] for c in document["chapters"]] == [0.0, 2.5, 4.0]
    assert document["chapters"][1]["title"] == "市应急管理局"
