"""The whole sample built once with the offline voice, and its files read back as a listener's
app would: audio levels, ID3 chapters, JSON chapters, transcripts, manifest, page.

The build is the slowest thing in the suite, so it runs once per test session; under
pytest-xdist the workers share it through a file lock (the pytest-xdist recipe).
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import soundfile
from filelock import FileLock
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from test_sections import SAMPLE_TITLES

from reader.builder.pipeline import BuildContext, BuildOptions, build_article
from reader.builder.state import STATE_NAME
from reader.manifest import Manifest
from reader.package.digest import sha256_file
from reader.package.files import measure_file
from reader.package.profiles import PROFILES
from reader.sections import MAX_SECONDS, MIN_SECONDS
from reader.speech.cache import SpeechCache

pytestmark = pytest.mark.slow

DATE = "2025-01-20"
PUBLICATION = "晋中日报"


@dataclass(frozen=True)
class SampleBuild:
    output: Path
    folder: Path
    cache: Path
    manifest: Manifest
    synthesized: int


def _build(output: Path, cache: Path, sample: Path) -> SampleBuild:
    options = BuildOptions(output_dir=output, engine="offline", date=DATE, publication=PUBLICATION)
    context = BuildContext(options, cache=SpeechCache(cache))
    result = build_article(sample, context)
    assert result.manifest is not None
    return SampleBuild(output, result.folder, cache, result.manifest, result.sentences_synthesized)


@pytest.fixture(scope="session")
def sample_build(
    tmp_path_factory: pytest.TempPathFactory, sample_path: Path, worker_id: str
) -> SampleBuild:
    if worker_id == "master":  # not under xdist
        root = tmp_path_factory.mktemp("sample-build")
        return _build(root / "output", root / "cache", sample_path)
    root = tmp_path_factory.getbasetemp().parent / "sample-build"
    root.mkdir(exist_ok=True)
    with FileLock(str(root / "build.lock")):
        done = root / "done.json"
        if done.is_file():
            facts = json.loads(done.read_text())
            folder = Path(facts["folder"])
            return SampleBuild(
                root / "output", folder, root / "cache", Manifest.load(folder), facts["synthesized"]
            )
        build = _build(root / "output", root / "cache", sample_path)
        done.write_text(json.dumps({"folder": str(build.folder), "synthesized": build.synthesized}))
        return build


def test_the_folder_holds_every_promised_file(sample_build: SampleBuild) -> None:
    folder, manifest = sample_build.folder, sample_build.manifest
    assert folder.name == manifest.slug
    assert re.fullmatch(r"2025-01-20-zhu-lao-an-quan-ping-zhang-[a-z0-9-]+", manifest.slug)
    names = {path.relative_to(folder).as_posix() for path in folder.rglob("*")}
    expected = {
        "index.html",
        "chapters.json",
        "manifest.json",
        "report.txt",
        f"{manifest.slug}.mp3",
        f"{manifest.slug}.vtt",
        "audio",
    }
    for section in manifest.sections:
        assert re.fullmatch(rf"audio/{section.index + 1:02d}-[a-z0-9-]+\.mp3", section.audio.file)
        expected |= {section.audio.file, section.audio.vtt}
    assert expected <= names
    # Nothing half-written is left behind (atomic writes leave no temporaries).
    assert not [name for name in names if name.endswith(".tmp")]


def test_sections_follow_the_article_and_last_20s_to_3min(sample_build: SampleBuild) -> None:
    sections = sample_build.manifest.sections
    assert [section.title for section in sections] == SAMPLE_TITLES
    for section in sections:
        assert MIN_SECONDS <= section.audio.duration <= MAX_SECONDS, section.title
        assert section.engine == "offline" and section.fallback_reason is None
    starts = [section.start for section in sections]
    assert starts[0] == 0 and starts == sorted(starts)
    # Each section starts after the previous one ends, with the pause between them.
    for before, after in itertools.pairwise(sections):
        gap = after.start - (before.start + before.audio.duration)
        assert 0.5 < gap < 1.5


def test_episode_and_sections_meet_the_podcast_levels(sample_build: SampleBuild) -> None:
    podcast = PROFILES["podcast"]
    manifest = sample_build.manifest
    episode = measure_file(sample_build.folder / manifest.episode.file)
    assert episode.loudness_lufs == pytest.approx(podcast.target_lufs, abs=0.3)
    assert episode.true_peak_dbtp <= podcast.ceiling_dbtp
    assert manifest.loudness_lufs == pytest.approx(episode.loudness_lufs, abs=0.05)
    assert manifest.true_peak_dbtp == pytest.approx(episode.true_peak_dbtp, abs=0.05)
    for section in manifest.sections:
        levels = measure_file(sample_build.folder / section.audio.file)
        assert levels.loudness_lufs == pytest.approx(podcast.target_lufs, abs=1.0)
        assert levels.true_peak_dbtp <= podcast.ceiling_dbtp, section.audio.file
    info = soundfile.info(str(sample_build.folder / manifest.episode.file))
    assert (info.samplerate, info.channels) == (24000, 1)


def test_episode_id3_tags_and_chapters_read_back(sample_build: SampleBuild) -> None:
    manifest = sample_build.manifest
    tags = ID3(sample_build.folder / manifest.episode.file)
    assert str(tags["TIT2"]) == "筑牢安全屏障 护航高质量发展"
    assert str(tags["TALB"]) == PUBLICATION
    assert str(tags["TDRC"]) == DATE
    assert str(tags["TRCK"]) == "9"  # the series marker （九）
    toc = tags.getall("CTOC")[0]
    chapters = {frame.element_id: frame for frame in tags.getall("CHAP")}
    ordered = [chapters[element] for element in toc.child_element_ids]
    assert [str(frame.sub_frames["TIT2"]) for frame in ordered] == SAMPLE_TITLES
    assert [frame.start_time for frame in ordered] == [
        pytest.approx(section.start * 1000, abs=1) for section in manifest.sections
    ]
    assert ordered[-1].end_time == pytest.approx(manifest.episode.duration * 1000, abs=30)
    assert MP3(sample_build.folder / manifest.episode.file).info.length == pytest.approx(
        manifest.episode.duration, abs=0.05
    )


def test_json_chapters_match_the_sections(sample_build: SampleBuild) -> None:
    manifest = sample_build.manifest
    document = json.loads((sample_build.folder / manifest.chapters).read_text(encoding="utf-8"))
    assert document["version"] == "1.2.0"
    assert [chapter["title"] for chapter in document["chapters"]] == SAMPLE_TITLES
    assert [chapter["startTime"] for chapter in document["chapters"]] == [
        pytest.approx(section.start, abs=0.001) for section in manifest.sections
    ]


def test_manifest_describes_the_files_as_written(sample_build: SampleBuild) -> None:
    manifest = sample_build.manifest
    folder = sample_build.folder
    assert Manifest.load(folder) == manifest
    assert manifest.series == "（九）" and manifest.series_number == 9
    assert manifest.date == DATE and manifest.profile == "podcast"
    assert manifest.description.startswith("我市持续加强风险防范")
    source = sha256_file(Path(__file__).parent.parent / "examples" / "000_be6178708a06076a.txt")
    assert manifest.source_sha256 == source
    for entry in [manifest.episode, *(section.audio for section in manifest.sections)]:
        path = folder / entry.file
        assert entry.bytes == path.stat().st_size
        assert entry.sha256 == sha256_file(path)
        assert entry.duration == pytest.approx(soundfile.info(str(path)).duration, abs=0.002)
    # The episode is the sections with ~0.9 s of silence between them (plus the MP3 frames'
    # end padding of each joined stream: under 0.15 s a join).
    total = sum(section.audio.duration for section in manifest.sections)
    assert total + 6 * 0.9 <= manifest.episode.duration <= total + 6 * 1.05


def _cues(vtt: Path) -> list[tuple[float, float, str]]:
    def seconds(stamp: str) -> float:
        hours, minutes, rest = stamp.split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(rest)

    blocks = vtt.read_text(encoding="utf-8").split("\n\n")[1:]
    cues = []
    for block in blocks:
        lines = block.strip().splitlines()
        if len(lines) >= 3 and "-->" in lines[1]:
            start, end = lines[1].split(" --> ")
            cues.append((seconds(start), seconds(end), lines[2]))
    return cues


def test_transcripts_have_one_cue_per_spoken_sentence(sample_build: SampleBuild) -> None:
    manifest = sample_build.manifest
    episode_cues = _cues(sample_build.folder / manifest.episode.vtt)
    assert episode_cues[0][2].startswith("筑牢安全屏障")
    assert "日常巡逻维护和谐稳定" not in "".join(cue[2] for cue in episode_cues)  # caption
    section_total = 0
    for section in manifest.sections:
        cues = _cues(sample_build.folder / section.audio.vtt)
        section_total += len(cues)
        starts = [cue[0] for cue in cues]
        assert starts == sorted(starts)
        assert cues[-1][1] <= section.audio.duration + 0.01
        # The same sentence sits at the section's offset in the episode transcript.
        first = next(cue for cue in episode_cues if cue[2] == cues[0][2])
        assert first[0] == pytest.approx(section.start + cues[0][0], abs=0.002)
    assert len(episode_cues) == section_total
    assert episode_cues[-1][1] <= manifest.episode.duration + 0.01


def test_the_page_plays_the_files_it_names(sample_build: SampleBuild) -> None:
    manifest = sample_build.manifest
    page = (sample_build.folder / manifest.page).read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in page
    assert f'src="{manifest.episode.file}"' in page
    for section in manifest.sections:
        assert f'src="{section.audio.file}"' in page
        assert section.title in page
    assert page.count("<h2") == len(SAMPLE_TITLES)


def test_rebuild_with_nothing_changed_does_nothing(
    sample_build: SampleBuild, sample_path: Path
) -> None:
    assert sample_build.synthesized > 0  # the first build really spoke
    before = {path: path.stat().st_mtime_ns for path in sample_build.folder.rglob("*.mp3")}
    options = BuildOptions(
        output_dir=sample_build.output, engine="offline", date=DATE, publication=PUBLICATION
    )
    result = build_article(
        sample_path, BuildContext(options, cache=SpeechCache(sample_build.cache))
    )
    assert result.skipped and result.sentences_synthesized == 0
    assert result.folder == sample_build.folder
    assert before == {path: path.stat().st_mtime_ns for path in sample_build.folder.rglob("*.mp3")}
    assert (sample_build.folder / STATE_NAME).is_file()


def test_the_episode_is_the_section_files_sample_for_sample(sample_build: SampleBuild) -> None:
    """Chapters and transcripts point at real audio: at each section's start the episode
    decodes to exactly that section's file."""
    manifest = sample_build.manifest
    episode, rate = soundfile.read(str(sample_build.folder / manifest.episode.file), dtype="int16")
    for section in manifest.sections:
        path = str(sample_build.folder / section.audio.file)
        alone = soundfile.read(path, dtype="int16")[0].astype(int)
        start = round(section.start * rate)  # the manifest keeps milliseconds: ±12 samples
        differences = [
            np.abs(episode[first : first + len(alone)] - alone).max()
            for first in range(max(0, start - 13), min(start + 14, len(episode) - len(alone) + 1))
        ]
        assert min(differences) <= 1, section.title
