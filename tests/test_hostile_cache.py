"""A damaged or unwritable cache: builds go on, damage is rebuilt, and the user is told.

Each test is named after what it protects. Add new hostile cache cases here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.model import Cue, Speech
from reader.speech.cache import SpeechCache
from reader.speech.offline import model as voice_model

SPEECH = Speech(b"\1\0" * 240, 24_000, (Cue(0.0, 0.01, "句。"),))
NOT_UTF8 = bytes([0xFF, 0xFE, 0x80, 0x81, 0xC3, 0x28]) * 30


def test_a_cache_record_that_is_not_utf8_is_dropped_and_rebuilt(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    cache.put("ab" * 32, SPEECH)
    record = next(tmp_path.rglob("*.json"))
    record.write_bytes(NOT_UTF8)  # like `head -c 200 /dev/urandom > entry.json`
    assert cache.get("ab" * 32) is None
    assert not record.exists()
    cache.put("ab" * 32, SPEECH)
    assert cache.get("ab" * 32) == SPEECH


@pytest.mark.slow
def test_a_model_checksum_that_is_not_ascii_means_patch_again(tmp_path: Path) -> None:
    first = voice_model.load_voice_model(cache_dir=tmp_path)
    for checksum in tmp_path.rglob("*.sha256"):
        checksum.write_bytes(NOT_UTF8)
    again = voice_model.load_voice_model(cache_dir=tmp_path)
    assert again.acoustic == first.acoustic and again.vocoder == first.vocoder


def test_an_unwritable_cache_warns_once_that_nothing_is_cached(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = SpeechCache(blocker / "cache")  # like a read-only cache folder (root ignores modes)
    cache.put("cd" * 32, SPEECH)
    cache.put("ef" * 32, SPEECH)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing is cached" in err and str(blocker) in err
    assert cache.get("cd" * 32) is None
