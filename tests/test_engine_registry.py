"""Voice engines are plug-ins: one registered from here is chosen, cached and fallen back from
by the same code as the built-in ones."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from pypinyin import Style, lazy_pinyin

from reader import audio
from reader.errors import ServiceUnavailableError, UsageError
from reader.model import Cue, Sentence, Speech, SpeechText
from reader.speech import engines, service
from reader.speech.base import Capabilities, Engine, Timing, VoicePreset
from reader.speech.cache import SpeechCache
from reader.speech.clips import join_speech
from reader.speech.presets import parse_preset, resolve_voice

RATE = 16_000  # not the built-in voices' rate: the service joins whatever rate comes back


class ToneEngine(Engine):
    """A voice that hums: one short tone per character, one word cue per two characters."""

    name = "tone"
    capabilities = Capabilities(timing=Timing.WORD, phoneme_input=False, longest_sentence=500)

    def __init__(self, identity: str = "tone-1") -> None:
        self.identity = identity
        self.spoken: list[str] = []

    def cache_identity(self) -> str:
        return self.identity

    def synthesize(self, sentences: Sequence[Sentence], preset: VoicePreset) -> Speech:
        self.spoken += [sentence.text for sentence in sentences]
        return join_speech([self._sentence(sentence, preset) for sentence in sentences])

    def _sentence(self, sentence: Sentence, preset: VoicePreset) -> Speech:
        step = 0.08 / preset.rate
        times = np.arange(round(step * RATE * len(sentence.text))) / RATE
        samples = audio.from_float(0.3 * np.sin(2 * np.pi * 440 * times))
        duration = audio.duration(samples, RATE)
        words = tuple(
            Cue(start * step, min((start + 2) * step, duration), sentence.text[start : start + 2])
            for start in range(0, len(sentence.text), 2)
        )
        return Speech(samples, RATE, (Cue(0.0, duration, sentence.text),), words)


def pronounced(text: str) -> Sentence:
    runs = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    readings = [part for run in runs for part in ([run] if run.isascii() else list(run))]
    return Sentence(text, speech=SpeechText(text, text, tuple(readings)))


GROUP = [pronounced("今天天气很好。"), pronounced("好的。")]


@pytest.fixture
def tone_voices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "voices"
    folder.mkdir()
    (folder / "hum.toml").write_text('engine = "tone"\nvoice = "hum-a"\n', encoding="utf-8")
    monkeypatch.setenv("READER_VOICES_DIR", str(folder))
    return folder


@pytest.fixture
def tone(tone_voices: Path) -> Iterator[ToneEngine]:
    engine = ToneEngine()
    engines.register(engines.EngineEntry("tone", lambda: engine, default_preset="hum"))
    yield engine
    engines.unregister("tone")


def test_a_registered_engine_speaks_through_the_service(tone: ToneEngine, tmp_path: Path) -> None:
    assert "tone" in engines.names() and "tone" in engines.choices()
    assert parse_preset(tmp_path / "voices" / "hum.toml").engine == "tone"
    outcome = service.speak(GROUP, engine="tone")
    assert (outcome.engine, outcome.voice, outcome.fallback_reason) == ("tone", "hum-a", None)
    assert [cue.text for cue in outcome.speech.sentences] == [s.text for s in GROUP]
    assert outcome.speech.sentences[-1].end == pytest.approx(outcome.speech.duration)
    assert [cue.text for cue in outcome.speech.words[:2]] == ["今天", "天气"]


def test_the_cache_keys_on_the_engine_s_identity(tone: ToneEngine, tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path / "cache")
    service.speak(GROUP, engine="tone", cache=cache)
    assert service.speak(GROUP, engine="tone", cache=cache).cached
    assert tone.spoken == [s.text for s in GROUP]
    tone.identity = "tone-2"  # another model: nothing cached applies
    assert not service.speak(GROUP, engine="tone", cache=cache).cached
    assert len(tone.spoken) == 2 * len(GROUP)


def test_an_unreachable_network_engine_falls_back_to_the_local_one(
    tone: ToneEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    engines.register(
        engines.EngineEntry("tone", lambda: tone, default_preset="hum", probe=lambda: False)
    )
    hum = resolve_voice("hum", "auto")
    with pytest.raises(ServiceUnavailableError, match="tone voice service"):
        service.speak(GROUP, engine="tone")
    with pytest.raises(ServiceUnavailableError):
        service.speak(GROUP, preset=hum, strict=True)
    outcome = service.speak(GROUP, preset=hum)
    assert outcome.engine == engines.FALLBACK and tone.spoken == []
    assert outcome.fallback_reason == (
        f"tone service unreachable; voice 'hum' replaced by the {engines.FALLBACK} voice"
    )
    assert "replaced by" in capsys.readouterr().err


def test_an_engine_nobody_registered_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown engine 'tone'"):
        service.speak(GROUP, engine="tone")
    with pytest.raises(UsageError, match="unknown engine 'tone'"):
        resolve_voice(None, "tone")


def test_built_in_engines_declare_what_they_can_do() -> None:
    from reader.speech.edge import EdgeEngine
    from reader.speech.offline import OfflineEngine

    assert OfflineEngine.capabilities.timing is Timing.SYLLABLE
    assert OfflineEngine.capabilities.phoneme_input
    assert EdgeEngine.capabilities.timing is Timing.WORD
    assert EdgeEngine.capabilities.parallel
    assert engines.entry(engines.EDGE).needs_network
    assert not engines.entry(engines.FALLBACK).needs_network
