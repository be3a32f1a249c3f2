"""`reader voices` in a subprocess, its service address pointed at the local test server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from edge_server import EdgeTestServer

UNREACHABLE = "http://127.0.0.1:9/voices/list"


def reader_voices(*args: str, voices_url: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "READER_EDGE_VOICES_URL": voices_url, **env}
    return subprocess.run(
        [sys.executable, "-m", "reader", "voices", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


@pytest.fixture(scope="module")
def server() -> Iterator[EdgeTestServer]:
    with EdgeTestServer() as running:
        yield running


def test_lists_presets_and_the_services_chinese_voices(server: EdgeTestServer) -> None:
    done = reader_voices(voices_url=server.voices_url)

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    presets, online = done.stdout.split("\n\n")
    assert presets.startswith("Voice presets (--voice NAME):")
    for name in ("offline", "xiaoxiao", "yunyang", "yunxi", "xiaoyi"):
        assert f"\n  {name} " in presets
    assert "non-commercial" in presets  # the offline voice's corpus licence shows
    assert online.startswith("Edge service voices, Chinese (--voice ID):")
    assert "zh-CN-YunyangNeural" in online and "zh-TW-HsiaoChenNeural" in online
    assert "en-US" not in online and "fr-FR" not in online
    assert "News" in online


def test_no_online_asks_nothing(server: EdgeTestServer) -> None:
    before = server.stats.voice_list_requests
    done = reader_voices("--no-online", voices_url=server.voices_url)

    assert done.returncode == 0
    assert "xiaoxiao" in done.stdout and "Edge service voices" not in done.stdout
    assert server.stats.voice_list_requests == before


def test_unreachable_service_lists_presets_and_says_why_in_one_line() -> None:
    done = reader_voices(voices_url=UNREACHABLE)

    assert done.returncode == 0
    assert "yunyang" in done.stdout and "Edge service voices" not in done.stdout
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("reader: note: cannot list the edge voices: cannot connect")


def test_explicit_online_without_the_service_is_an_error() -> None:
    done = reader_voices("--online", voices_url=UNREACHABLE)

    assert done.returncode == 69
    assert done.stdout == ""
    assert done.stderr.startswith("reader: error: cannot list the edge voices")
    assert done.stderr.count("\n") == 1


def test_a_refusing_service_is_named_by_its_status() -> None:
    with EdgeTestServer() as refusing:
        refusing.voice_list_status = 503
        done = reader_voices("--online", voices_url=refusing.voices_url)

    assert done.returncode == 69
    assert done.stderr.strip() == "reader: error: cannot list the edge voices: HTTP 503"


def test_json_for_scripts(server: EdgeTestServer) -> None:
    done = reader_voices("--format", "json", voices_url=server.voices_url)

    document = json.loads(done.stdout)
    assert {preset["name"] for preset in document["presets"]} >= {"offline", "xiaoxiao"}
    assert [voice["short_name"] for voice in document["online_voices"]] == [
        "zh-CN-XiaoxiaoNeural",
        "zh-CN-YunyangNeural",
        "zh-TW-HsiaoChenNeural",
    ]
    assert document["online_error"] is None


def test_flags_a_preset_whose_voice_the_service_does_not_offer(
    server: EdgeTestServer, tmp_path: Path
) -> None:
    (tmp_path / "gone.toml").write_text(
        'engine = "edge"\nvoice = "zh-CN-RetiredNeural"\ndescription = "old"\n', encoding="utf-8"
    )
    done = reader_voices(voices_url=server.voices_url, READER_VOICES_DIR=str(tmp_path))

    line = next(line for line in done.stdout.splitlines() if "zh-CN-RetiredNeural" in line)
    assert "(not offered by the service now) old" in line
    yunyang = next(line for line in done.stdout.splitlines() if line.startswith("  yunyang "))
    assert "not offered" not in yunyang


def test_help_shows_a_working_example() -> None:
    done = reader_voices("--help", voices_url=UNREACHABLE)

    assert done.returncode == 0
    assert "reader voices --no-online" in done.stdout
    assert "--voice zh-CN-XiaoyiNeural" in done.stdout
