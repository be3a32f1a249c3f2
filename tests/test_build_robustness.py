"""`reader build` as users run it: the CLI, rebuilds from the cache, an interrupted build,
hostile titles, bad inputs beside good ones, the folder lock, the radio profile, the feed."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import soundfile
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode

from reader.builder.lock import folder_lock
from reader.builder.state import STATE_NAME
from reader.cli import main
from reader.manifest import Manifest
from reader.model import Sentence, Speech
from reader.package.digest import sha256_file
from reader.package.files import measure_file
from reader.package.profiles import PROFILES
from reader.speech import engines
from reader.speech.base import Engine, VoicePreset

pytestmark = pytest.mark.slow

READER = Path(sys.executable).parent / "reader"
SHORT = """读书会迎来二百多名市民
——市图书馆推出系列阅读活动

本报讯 昨天上午，市图书馆举办迎春读书会，二百多名市民参加。活动现场气氛热烈。

“读书让生活更美好。”市图书馆馆长李明表示，今年将举办更多读书活动。
"""
HOSTILE_TITLE = "<script>alert('x')</script> & ../../etc/passwd \x07 晋中新闻"


class CountingEngine(Engine):
    """The real offline engine, counting the sentences it is asked to speak."""

    def __init__(self, inner: Engine) -> None:
        self.inner = inner
        self.name = inner.name
        self.capabilities = inner.capabilities
        self.sentences = 0

    def cache_identity(self) -> str:
        return self.inner.cache_identity()

    def synthesize(self, sentences: Sequence[Sentence], preset: VoicePreset) -> Speech:
        self.sentences += len(sentences)
        speech: Speech = self.inner.synthesize(sentences, preset)
        return speech


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("speech-cache")


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> Iterator[CountingEngine]:
    monkeypatch.setenv("READER_CACHE_DIR", str(cache_dir))
    engine = CountingEngine(engines.load(engines.OFFLINE))
    with engines.overridden(engines.OFFLINE, load=lambda: engine):
        yield engine


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(["build", *args])
    captured = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


@pytest.fixture(scope="module")
def short_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("input") / "short.txt"
    path.write_text(SHORT, encoding="utf-8")
    return path


def test_cli_build_then_a_rebuild_with_nothing_changed_speaks_nothing(
    tmp_path: Path, short_file: Path, counting: CountingEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(short_file), "-o", str(tmp_path), "--engine", "offline", "--date", "2025-02-01"]
    code, out, err = run([*args, "-q"], capsys)
    assert code == 0 and err == ""  # -q: no progress bar, no report
    folder = Path(out.strip())
    assert folder.parent == tmp_path and (folder / "manifest.json").is_file()
    spoken = counting.sentences
    assert spoken > 0
    mtimes = {path: path.stat().st_mtime_ns for path in folder.rglob("*")}

    code, out, err = run(args, capsys)
    assert code == 0 and "up to date" in err
    assert counting.sentences == spoken  # nothing synthesized
    assert {path: path.stat().st_mtime_ns for path in folder.rglob("*")} == mtimes

    # A forced rebuild (the state file lost, as after a crash that also left a temporary
    # file behind) re-packages from the cache: same audio, no leftovers.
    digests = {path: sha256_file(path) for path in folder.glob("audio/*.mp3")}
    (folder / STATE_NAME).unlink()
    leftover = folder / "audio" / ".01-x.mp3.abc123.tmp"
    leftover.write_bytes(b"half an MP3")
    code, _, err = run(args, capsys)
    assert code == 0 and "warnings: none" in err
    assert counting.sentences == spoken
    assert {path: sha256_file(path) for path in folder.glob("audio/*.mp3")} == digests
    assert not leftover.exists()


def test_hostile_title_is_escaped_and_gets_a_safe_slug(
    tmp_path: Path, counting: CountingEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "hostile.txt"
    source.write_text(SHORT.replace("读书会迎来二百多名市民", HOSTILE_TITLE), encoding="utf-8")
    output = tmp_path / "out"
    code, out, _ = run([str(source), "-o", str(output), "--engine", "offline", "-q"], capsys)
    assert code == 0
    folder = Path(out.strip())
    assert folder.parent == output
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)*", folder.name)
    # Everything stayed inside the output folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.txt", "out"]
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "\x07" not in page
    manifest = Manifest.load(folder)
    assert "<script>" in manifest.title  # kept as text in the data, escaped where shown
    assert str(ID3(folder / manifest.episode.file)["TIT2"]) == manifest.title


def test_radio_profile_is_ebu_r128_at_44k1_cbr(
    tmp_path: Path, short_file: Path, counting: CountingEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(short_file), "-o", str(tmp_path), "--engine", "offline", "--profile", "radio"]
    code, out, _ = run([*args, "-q"], capsys)
    assert code == 0
    folder = Path(out.strip())
    manifest = Manifest.load(folder)
    radio = PROFILES["radio"]
    assert manifest.profile == "radio"
    for file in [manifest.episode.file, *(s.audio.file for s in manifest.sections)]:
        path = folder / file
        info = MP3(path).info
        assert soundfile.info(str(path)).samplerate == 44100
        assert info.bitrate_mode in (BitrateMode.CBR, BitrateMode.UNKNOWN)
        levels = measure_file(path)
        assert levels.loudness_lufs == pytest.approx(radio.target_lufs, abs=0.3)
        assert levels.true_peak_dbtp <= radio.ceiling_dbtp


def test_bad_inputs_are_reported_and_the_good_one_still_builds(
    tmp_path: Path, short_file: Path, counting: CountingEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(bytes(range(256)) * 8)
    missing = tmp_path / "missing.txt"
    output = tmp_path / "out"
    args = [str(missing), str(empty), str(short_file), str(binary), "-o", str(output), "-q"]
    code, out, err = run([*args, "--engine", "offline"], capsys)
    assert code == 65  # EX_DATAERR, the bad inputs' code
    errors = [line for line in err.splitlines() if line.startswith("reader: error:")]
    assert len(errors) == 4  # one line per bad input, then the summary
    for bad in (missing, empty, binary):
        assert sum(bad.name in line for line in errors) == 1
    assert "3 of the inputs could not be built" in errors[-1]
    assert "Traceback" not in err
    built = [Path(line) for line in out.split()]
    assert len(built) == 1 and (built[0] / "manifest.json").is_file()


def test_a_folder_being_built_is_busy_and_the_other_inputs_build(
    tmp_path: Path, short_file: Path, counting: CountingEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    other = tmp_path / "other.txt"
    other.write_text(SHORT.replace("读书会迎来", "读书节迎来"), encoding="utf-8")
    date = ["--date", "2025-03-01"]
    code, out, _ = run(
        [str(short_file), "-o", str(output), "--engine", "offline", "-q", *date], capsys
    )
    folder = Path(out.strip())
    with folder_lock(folder):  # another build holds this folder
        code, out, err = run(
            [str(short_file), str(other), "-o", str(output), "--engine", "offline", "-q", *date],
            capsys,
        )
    assert code == 75  # EX_TEMPFAIL: try again later
    assert "another build is writing this folder" in err
    built = [Path(line) for line in out.split()]
    assert len(built) == 1 and "du-shu-jie" in built[0].name
    assert Manifest.load(folder).slug == folder.name  # untouched and whole


def _cli(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(READER), "build", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_builds_into_one_folder_at_once_do_not_corrupt_it(
    tmp_path: Path, short_file: Path, cache_dir: Path
) -> None:
    env = {**os.environ, "READER_CACHE_DIR": str(cache_dir)}
    args = [str(short_file), "-o", str(tmp_path), "--engine", "offline", "-q", "--slug", "same"]
    first, second = _cli(args, env), _cli(args, env)
    codes = sorted([first.wait(timeout=300), second.wait(timeout=300)])
    # Either both ran in turn (the second found it up to date) or the second was turned away.
    assert codes in ([0, 0], [0, 75])
    folder = tmp_path / "same"
    manifest = Manifest.load(folder)
    for entry in [manifest.episode, *(s.audio for s in manifest.sections)]:
        assert sha256_file(folder / entry.file) == entry.sha256
    assert not list(folder.rglob("*.tmp"))


def test_an_interrupted_build_resumes_from_the_cache(
    tmp_path: Path,
    counting: CountingEngine,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = tmp_path / "cache"
    paragraphs = [
        f"第{n}段，市民在图书馆里安静地读书，孩子们在绘本区听老师讲故事，大家都说收获很多。"
        for n in "一二三四五六"
    ]
    source = tmp_path / "long.txt"
    source.write_text("读书周活动圆满结束\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    output = tmp_path / "out"
    args = [str(source), "-o", str(output), "--engine", "offline", "-q", "--slug", "long"]
    env = {**os.environ, "READER_CACHE_DIR": str(cache)}
    process = _cli(args, env)
    deadline = time.monotonic() + 240
    while not list((cache / "speech").rglob("*.json")) and time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the build ended before it could be interrupted: {process.stderr}")
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)  # Ctrl-C
    assert process.wait(timeout=120) == 130
    assert not (output / "long" / "manifest.json").exists()
    assert not list(output.rglob("*.tmp"))  # interrupted writes were cleaned up

    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    code, _, _ = run(args, capsys)
    assert code == 0
    manifest = Manifest.load(output / "long")
    spoken = sum(len(_sentences(text)) for text in ["读书周活动圆满结束", *paragraphs])
    assert 0 < counting.sentences < spoken  # only what the first run had not finished
    assert len(manifest.sections) >= 1


def _sentences(text: str) -> list[str]:
    from reader.model import split_sentences

    return split_sentences(text)


def test_an_unsafe_slug_is_refused_before_anything_is_written(
    tmp_path: Path, short_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for slug in ("../escape", "a/b", "bad\x1bname"):
        code, _, err = run([str(short_file), "-o", str(tmp_path / "out"), "--slug", slug], capsys)
        assert code == 64 and "--slug" in err
    assert not (tmp_path / "out").exists() and not (tmp_path / "escape").exists()


def test_the_feed_is_updated_when_the_output_has_a_feed_config(
    tmp_path: Path, short_file: Path, counting: CountingEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "reader.toml").write_text(
        'title = "晋中日报有声版"\ndescription = "每日新闻"\nauthor = "晋中日报"\n'
        'base_url = "https://example.org/news/"\n',
        encoding="utf-8",
    )
    code, out, _ = run([str(short_file), "-o", str(tmp_path), "--engine", "offline", "-q"], capsys)
    assert code == 0
    folder = Path(out.strip())
    feed = (tmp_path / "feed.xml").read_text(encoding="utf-8")
    assert f"{folder.name}/{folder.name}.mp3" in feed
    assert str(ID3(folder / f"{folder.name}.mp3")["TALB"]) == "晋中日报有声版"


def test_an_unreachable_edge_voice_falls_back_and_says_so(
    tmp_path: Path,
    short_file: Path,
    counting: CountingEngine,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engines, "reachable", lambda name: name == engines.OFFLINE)
    args = [str(short_file), "-o", str(tmp_path), "--voice", "xiaoxiao"]
    code, out, err = run(args, capsys)
    assert code == 0
    assert err.count("replaced by the offline voice") >= 2  # warned, and in the report
    manifest = Manifest.load(Path(out.strip()))
    for section in manifest.sections:
        assert section.engine == "offline"
        assert section.fallback_reason and "xiaoxiao" in section.fallback_reason
    assert any("xiaoxiao" in warning for warning in manifest.warnings)
    report = (Path(out.strip()) / "report.txt").read_text(encoding="utf-8")
    assert "replaced by the offline voice" in report

    # With --strict the same build is one clear error instead.
    code, _, err = run([*args, "--strict", "--slug", "strict"], capsys)
    assert code == 69 and "cannot be reached" in err
    assert not (tmp_path / "strict" / "manifest.json").exists()


def test_a_section_that_peaks_over_the_ceiling_after_mp3_coding_is_encoded_again(
    tmp_path: Path,
    short_file: Path,
    counting: CountingEngine,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.package import files

    # Shape the audio right up to the ceiling, so MP3 coding overshoots it.
    monkeypatch.setattr(files, "MP3_HEADROOM_DB", -0.5)
    ceiling = PROFILES["podcast"].ceiling_dbtp
    peaks: dict[str, list[float]] = {}
    read_back = files.read_back

    def watched(path: Path) -> Any:
        written = read_back(path)
        peaks.setdefault(path.name, []).append(written.true_peak_dbtp)
        return written

    monkeypatch.setattr(files, "read_back", watched)
    code, out, _ = run([str(short_file), "-o", str(tmp_path), "--engine", "offline", "-q"], capsys)
    assert code == 0
    folder = Path(out.strip())
    manifest = Manifest.load(folder)
    assert manifest.true_peak_dbtp <= ceiling
    # Some section went over when read back, and was encoded again until it was under.
    redone = [read for read in peaks.values() if max(read) > ceiling]
    assert redone and all(read[-1] <= ceiling for read in redone)
    for file in [manifest.episode.file, *(s.audio.file for s in manifest.sections)]:
        assert measure_file(folder / file).true_peak_dbtp <= ceiling
