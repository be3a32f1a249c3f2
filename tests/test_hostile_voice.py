"""Text the offline voice cannot take in one piece: it must still be spoken, whole.

Each test is named after what it protects. Add new hostile voice inputs here.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_offline_engine import sentence

from reader.errors import SynthesisError
from reader.speech import engines
from reader.speech.base import VoicePreset
from reader.speech.offline import OfflineEngine
from reader.speech.offline.symbols import Clause, split_long_clause
from reader.speech.presets import resolve_voice

PHRASE = "我们一起学习新的知识并且认真完成每天的工作任务同时关注国家经济社会发展的重要变化"
# No punctuation: at rate 1.0 the model alone fails from 138 syllables, at 0.5 from 69.
LONG = (PHRASE * 4)[:150] + "。"


@pytest.fixture(scope="module")
def engine() -> OfflineEngine:
    shared = engines.load(engines.OFFLINE)
    assert isinstance(shared, OfflineEngine)
    return shared


@pytest.fixture(scope="module")
def preset() -> VoicePreset:
    return resolve_voice(None, "offline")


@pytest.mark.slow
@pytest.mark.parametrize(("rate", "length"), [(1.0, 150), (0.5, 80)])
def test_a_sentence_longer_than_the_model_accepts_is_spoken_whole(
    engine: OfflineEngine, preset: VoicePreset, rate: float, length: int
) -> None:
    text = LONG[:length]
    speech = engine.synthesize([sentence(text + "。")], replace(preset, rate=rate))
    assert [word.text for word in speech.words] == list(text)  # every syllable, in order
    starts = [word.start for word in speech.words]
    assert starts == sorted(starts)
    assert speech.duration > length * 0.12 / rate  # a news pace, not a truncated clip


@pytest.mark.slow
def test_a_clause_the_model_refuses_is_cut_again(
    engine: OfflineEngine, preset: VoicePreset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when the first cut is still too long in frames (very slow syllables), the voice
    cuts again instead of failing: here the limit is lifted so the model itself refuses."""
    monkeypatch.setattr(type(engine), "longest_clause", lambda self, preset: 10_000)
    speech = engine.synthesize([sentence(LONG)], preset)
    assert len(speech.words) == 150


def test_long_clauses_are_cut_evenly_at_pauses_then_word_starts() -> None:
    tokens = tuple(["a1"] * 50 + ["："] + ["a1"] * 50 + ["b2"] * 100)
    parts = split_long_clause(Clause(tokens, 0.2), 90)
    # the colon lies within reach of the even point (67): a pause beats evenness
    assert [sum(token != "：" for token in part.tokens) for part in parts] == [50, 75, 75]
    assert parts[-1].pause_after == 0.2 and parts[0].pause_after < 0.2
    assert sum(len(part.tokens) for part in parts) == len(tokens)  # nothing dropped

    paused = split_long_clause(Clause(tokens[:120], 0.0), 90)  # a colon near the middle wins
    assert paused[0].tokens[-1] == "："

    plain = tuple(["a1"] * 120)
    worded = split_long_clause(Clause(plain, 0.0), 90, frozenset({0, 52, 70}))
    assert len(worded[0].tokens) == 52  # the word start nearest the even point (60)
    assert split_long_clause(Clause(plain, 0.0), 200) == [Clause(plain, 0.0)]


def test_a_model_failure_is_a_synthesis_error_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, preset: VoicePreset
) -> None:
    """A RuntimeError from LiteRT becomes one error line (exit 70), so a multi-file build
    reports it and goes on with the other articles."""
    engine = OfflineEngine()

    def refuse(tokens: object, preset: object) -> None:
        raise RuntimeError("gather index out of bounds")

    monkeypatch.setattr(engine, "synthesize_clause", refuse)
    with pytest.raises(SynthesisError, match="gather index out of bounds"):
        engine.synthesize([sentence("今天天气很好。")], preset)
