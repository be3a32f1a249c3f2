"""The speech cache: a rebuild of unchanged text synthesizes nothing; damage is rebuilt."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pypinyin import Style, lazy_pinyin

from reader.model import Cue, Sentence, Speech, SpeechText
from reader.speech import engines, service
from reader.speech.base import Engine, VoicePreset
from reader.speech.cache import SpeechCache, cache_root, speech_key
from reader.speech.offline import OfflineEngine


def sentence(text: str) -> Sentence:
    runs = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    # pypinyin returns a run of punctuation as one item; the voice wants one token per mark
    readings = [part for run in runs for part in ([run] if run.isascii() else list(run))]
    return Sentence(text, speech=SpeechText(text, text, tuple(readings)))


class CountingEngine(Engine):
    """The real offline engine, counting the sentences it is asked to say."""

    name = OfflineEngine.name
    capabilities = OfflineEngine.capabilities

    def __init__(self, inner: OfflineEngine) -> None:
        self.inner = inner
        self.model_checksum = inner.model_checksum
        self.spoken: list[str] = []

    def cache_identity(self) -> str:
        return self.model_checksum

    def synthesize(self, sentences: Sequence[Sentence], preset: VoicePreset) -> Speech:
        self.spoken += [item.text for item in sentences]
        return self.inner.synthesize(sentences, preset)


@pytest.fixture
def counting() -> Iterator[CountingEngine]:
    real = engines.load(OfflineEngine.name)
    assert isinstance(real, OfflineEngine)
    engine = CountingEngine(real)
    with engines.overridden(engine.name, load=lambda: engine):
        yield engine


GROUP = [sentence("今天天气很好。"), sentence("我们去公园散步吧！")]


@pytest.mark.slow
def test_rebuild_of_unchanged_text_synthesizes_nothing(
    counting: CountingEngine, tmp_path: Path
) -> None:
    cache = SpeechCache(tmp_path)
    first = service.speak(GROUP, engine="offline", cache=cache)
    assert counting.spoken == [item.text for item in GROUP] and not first.cached
    again = service.speak(GROUP, engine="offline", cache=SpeechCache(tmp_path))
    assert counting.spoken == [item.text for item in GROUP]  # no new engine call
    assert again.cached
    assert again.speech == first.speech  # same samples, same cues


@pytest.mark.slow
def test_only_the_edited_sentence_is_synthesized_again(
    counting: CountingEngine, tmp_path: Path
) -> None:
    cache = SpeechCache(tmp_path)
    service.speak(GROUP, engine="offline", cache=cache)
    edited = [GROUP[0], sentence("我们去河边散步吧！")]
    outcome = service.speak(edited, engine="offline", cache=cache)
    assert counting.spoken[2:] == ["我们去河边散步吧！"]
    assert [cue.text for cue in outcome.speech.sentences] == [item.text for item in edited]
    assert outcome.speech.sentences[-1].end == pytest.approx(outcome.speech.duration)


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["truncate", "flip", "delete-audio", "garble-record"])
def test_damaged_entry_is_detected_and_rebuilt(
    counting: CountingEngine, tmp_path: Path, damage: str
) -> None:
    cache = SpeechCache(tmp_path)
    first = service.speak(GROUP[:1], engine="offline", cache=cache)
    audio_file = next(tmp_path.rglob("*.pcm"))
    record = next(tmp_path.rglob("*.json"))
    if damage == "truncate":
        audio_file.write_bytes(audio_file.read_bytes()[:1000])
    elif damage == "flip":
        data = bytearray(audio_file.read_bytes())
        data[500] ^= 0xFF
        audio_file.write_bytes(bytes(data))
    elif damage == "delete-audio":
        audio_file.unlink()
    else:
        record.write_text("{not json", encoding="utf-8")
    rebuilt = service.speak(GROUP[:1], engine="offline", cache=SpeechCache(tmp_path))
    assert counting.spoken == [GROUP[0].text] * 2
    assert not rebuilt.cached
    assert rebuilt.speech == first.speech
    assert service.speak(GROUP[:1], engine="offline", cache=SpeechCache(tmp_path)).cached


def test_key_changes_with_everything_that_shapes_the_sound() -> None:
    preset = VoicePreset("offline", "offline", "databaker")
    base: dict[str, Any] = {
        "engine": "offline",
        "preset": preset,
        "model_checksum": "m1",
        "sentence": GROUP[0],
    }
    key = speech_key(**base)
    changes: list[dict[str, Any]] = [
        {"engine": "edge"},
        {"preset": VoicePreset("offline", "offline", "databaker", rate=1.1)},
        {"preset": VoicePreset("offline", "offline", "databaker", pitch=0.9)},
        {"preset": VoicePreset("offline", "offline", "databaker", volume=0.8)},
        {"preset": VoicePreset("x", "offline", "other")},
        {"model_checksum": "m2"},
        {"sentence": GROUP[1]},
        {"sentence": Sentence(GROUP[0].text, speech=SpeechText("今天", "今天", ("jin1",)))},
    ]
    keys = {speech_key(**{**base, **change}) for change in changes}
    assert key not in keys and len(keys) == len(changes)
    # the preset's name is not part of the sound
    renamed = VoicePreset("renamed", "offline", "databaker")
    assert speech_key(**{**base, "preset": renamed}) == key


def test_concurrent_writers_leave_a_readable_entry(tmp_path: Path) -> None:
    speech = Speech(bytes(range(200)) * 10, 24_000, (Cue(0.0, 2000 / 48_000, "句。"),))
    cache = SpeechCache(tmp_path)
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: cache.put("ab" * 32, speech), range(32)))
    assert SpeechCache(tmp_path).get("ab" * 32) == speech
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_record_whose_audio_is_gone_is_dropped(tmp_path: Path) -> None:
    speech = Speech(bytes(400), 24_000, (Cue(0.0, 200 / 24_000, "句。"),))
    cache = SpeechCache(tmp_path)
    cache.put("cd" * 32, speech)
    next(tmp_path.rglob("*.pcm")).unlink()
    assert cache.get("cd" * 32) is None
    assert not list(tmp_path.rglob("*.json"))  # not left behind pointing at nothing


def test_unwritable_cache_is_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = SpeechCache(blocker / "cache")  # cannot make a folder under a file
    cache.put("cd" * 32, Speech(b"\0\0", 24_000, ()))
    assert cache.get("cd" * 32) is None


def test_cache_root_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path))
    assert cache_root() == tmp_path
    assert SpeechCache().root == tmp_path / "speech"
    monkeypatch.delenv("READER_CACHE_DIR")
    assert cache_root().name == "reader"


def test_record_format(tmp_path: Path) -> None:
    speech = Speech(b"\1\0" * 24, 24_000, (Cue(0.0, 0.001, "句"),), (Cue(0.0, 0.0005, "句"),))
    SpeechCache(tmp_path).put("ef" * 32, speech)
    record = json.loads(next(tmp_path.rglob("*.json")).read_text(encoding="utf-8"))
    assert record["bytes"] == 48 and record["sample_rate"] == 24_000
    assert record["sentences"] == [[0.0, 0.001, "句"]]
