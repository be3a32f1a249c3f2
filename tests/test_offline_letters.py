"""The offline voice says the letters the speech pinyin spells (real model, real audio)."""

from __future__ import annotations

import pytest

from reader import audio
from reader.pronounce import Pronouncer
from reader.speech import engines
from reader.speech.offline import OfflineEngine
from reader.speech.presets import resolve_voice

pytestmark = pytest.mark.slow


def test_5g_base_station_is_spoken_with_its_letter() -> None:
    sentence = Pronouncer().sentence("5G基站")
    assert sentence.speech is not None
    assert sentence.speech.pinyin == ("wu3", "ji1", "ji1", "zhan4")
    engine = engines.load(engines.OFFLINE)
    assert isinstance(engine, OfflineEngine)
    speech = engine.synthesize([sentence], resolve_voice(None, "offline"))
    assert len(speech.words) == 4
    rate = speech.sample_rate
    for cue in speech.words:  # the G is voiced where its cue says, like the characters
        assert cue.end - cue.start > 0.05, cue
        part = speech.samples[2 * round(cue.start * rate) : 2 * round(cue.end * rate)]
        assert audio.rms(part) > 0.01, cue
