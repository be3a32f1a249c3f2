"""`reader speak` end to end, as a user runs it (a subprocess, real voice, real MP3)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from reader import audio

READER = [sys.executable, "-m", "reader"]


def run(
    args: list[str], tmp_path: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache"), **env}
    return subprocess.run(
        [*READER, "speak", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.mark.slow
def test_speaks_a_short_text_into_mp3_and_webvtt(tmp_path: Path) -> None:
    text = "今天天气很好。\n\n我们去公园散步吧！\n"
    out = tmp_path / "out" / "hello.mp3"
    done = run(["-", "-o", str(out), "--engine", "offline"], tmp_path, stdin=text)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no library chatter on the user's terminal
    assert "hello.mp3" in done.stdout and "offline" in done.stdout
    samples, rate = audio.decode_audio(out)
    assert rate == 24_000
    assert 2.0 < audio.duration(samples, rate) < 8.0
    assert audio.rms(samples) > 0.03
    vtt = out.with_suffix(".vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT\n")
    assert "今天天气很好。" in vtt and "我们去公园散步吧！" in vtt
    assert vtt.count(" --> ") == 2
    assert sorted(path.name for path in out.parent.iterdir()) == ["hello.mp3", "hello.vtt"]

    again = run(["-", "-o", str(out), "--engine", "offline", "--cbr"], tmp_path, stdin=text)
    assert again.returncode == 0, again.stderr
    assert audio.duration(*audio.decode_audio(out)) == pytest.approx(
        audio.duration(samples, rate), abs=0.06
    )


def test_unknown_voice_is_exit_64(tmp_path: Path) -> None:
    done = run(["-", "-o", str(tmp_path / "x.mp3"), "--voice", "nobody"], tmp_path, stdin="你好。")
    assert done.returncode == 64
    assert done.stderr.strip().count("\n") == 0 and "unknown voice 'nobody'" in done.stderr
    assert not (tmp_path / "x.mp3").exists()


def test_empty_text_is_exit_65(tmp_path: Path) -> None:
    done = run(["-", "-o", str(tmp_path / "x.mp3"), "--engine", "offline"], tmp_path, stdin=" \n\n")
    assert done.returncode == 65
    assert done.stderr.strip().count("\n") == 0
    assert not (tmp_path / "x.mp3").exists()


def test_bad_rate_is_exit_64(tmp_path: Path) -> None:
    done = run(["-", "-o", str(tmp_path / "x.mp3"), "--rate", "fast"], tmp_path, stdin="你好。")
    assert done.returncode == 64 and "rate" in done.stderr


def test_unreachable_service_with_engine_edge_is_exit_69(tmp_path: Path) -> None:
    done = run(
        ["-", "-o", str(tmp_path / "x.mp3"), "--engine", "edge"],
        tmp_path,
        stdin="你好。",
        READER_EDGE_WSS_URL=f"ws://127.0.0.1:{closed_port()}/edge/v1",
        READER_EDGE_ATTEMPTS="1",
    )
    assert done.returncode == 69, done.stderr
    assert done.stderr.strip().count("\n") == 0 and "edge" in done.stderr
    assert not (tmp_path / "x.mp3").exists()


def test_missing_file_is_exit_65(tmp_path: Path) -> None:
    done = run([str(tmp_path / "none.txt"), "-o", str(tmp_path / "x.mp3")], tmp_path)
    assert done.returncode == 65 and "none.txt" in done.stderr


def test_help_shows_an_example(tmp_path: Path) -> None:
    done = run(["--help"], tmp_path)
    assert done.returncode == 0
    assert "reader speak" in done.stdout and "non-commercial" in done.stdout


@pytest.mark.slow
def test_english_the_offline_voice_cannot_say_is_named(tmp_path: Path) -> None:
    text = "今年GDP增长5%。\n\n新款iPhone的广告语是Think different, stay curious. 很多人喜欢。\n"
    out = tmp_path / "letters.mp3"
    done = run(["-", "-o", str(out), "--engine", "offline"], tmp_path, stdin=text)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "reader: warning: English word spelled letter by letter by the offline voice: iPhone",
        "reader: warning: English text left out of the offline speech: "
        "“Think different, stay curious.”",
    ]
