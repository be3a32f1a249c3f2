"""The offline voice end to end: real model, real audio, real MP3 read back."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from pypinyin import Style, lazy_pinyin

from reader import audio
from reader.errors import SynthesisError
from reader.model import Sentence, SpeechText
from reader.speech import engines
from reader.speech.base import VoicePreset
from reader.speech.offline import SAMPLE_RATE, OfflineEngine
from reader.speech.offline.model import VOCODER_FILE, asset_dir, read_verified
from reader.speech.presets import resolve_voice

pytestmark = pytest.mark.slow


def sentence(text: str) -> Sentence:
    """A pronounced sentence made with plain pypinyin (enough for the voice's own tests)."""
    runs = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    # pypinyin returns a run of punctuation as one item; the voice wants one token per mark
    readings = [part for run in runs for part in ([run] if run.isascii() else list(run))]
    return Sentence(text, speech=SpeechText(text, text, tuple(readings)))


FIRST = sentence("国家安全是民族复兴的根基，社会稳定是国家强盛的前提。")
SECOND = sentence("必须常怀忧患之心！")


@pytest.fixture(scope="module")
def engine() -> OfflineEngine:
    shared = engines.load(engines.OFFLINE)  # one loaded model per test process
    assert isinstance(shared, OfflineEngine)
    return shared


@pytest.fixture(scope="module")
def preset() -> VoicePreset:
    return resolve_voice(None, "offline")


def test_speech_is_24khz_audible_and_as_long_as_the_text(
    engine: OfflineEngine, preset: VoicePreset
) -> None:
    speech = engine.synthesize([FIRST, SECOND], preset)
    assert speech.sample_rate == SAMPLE_RATE == 24_000
    # 32 syllables at a news pace of 3-6 syllables a second, plus pauses
    assert 5.0 < speech.duration < 12.0
    assert audio.rms(speech.samples) > 0.03


def test_sentence_cues_are_contiguous_and_cover_the_audio(
    engine: OfflineEngine, preset: VoicePreset
) -> None:
    speech = engine.synthesize([FIRST, SECOND], preset)
    cues = speech.sentences
    assert [cue.text for cue in cues] == [FIRST.text, SECOND.text]
    assert cues[0].start == 0.0
    assert cues[0].end == cues[1].start
    assert cues[-1].end == pytest.approx(speech.duration, abs=1e-9)
    assert all(cue.end > cue.start for cue in cues)


def test_syllable_cues_follow_the_characters_in_order(
    engine: OfflineEngine, preset: VoicePreset
) -> None:
    speech = engine.synthesize([FIRST], preset)
    words = speech.words
    assert "".join(cue.text for cue in words) == "国家安全是民族复兴的根基社会稳定是国家强盛的前提"
    assert all(a.end <= b.start for a, b in itertools.pairwise(words))
    assert all(0 <= cue.start < cue.end <= speech.duration for cue in words)
    # every syllable is actually voiced where its cue says
    rate = speech.sample_rate
    for cue in words:
        part = speech.samples[2 * round(cue.start * rate) : 2 * round(cue.end * rate)]
        assert audio.rms(part) > 0.01, cue


def test_same_text_gives_the_same_samples(engine: OfflineEngine, preset: VoicePreset) -> None:
    first = engine.synthesize([FIRST, SECOND], preset)
    again = engine.synthesize([FIRST, SECOND], preset)
    assert first.samples == again.samples
    alone = engine.synthesize([SECOND], preset)  # a sentence sounds the same alone
    assert first.samples.endswith(alone.samples)


def test_a_clause_after_one_of_the_same_length_sounds_as_from_a_fresh_voice(
    engine: OfflineEngine, preset: VoicePreset
) -> None:
    """The engine keeps one acoustic interpreter and prepares it anew for every clause: the
    dropout ops' random numbers start afresh even when the length stays the same."""
    rest = ("tian1", "tian1", "qi4", "hen2", "hao3", "。")  # 今天/明天 + 天气很好。: 20 symbols
    same_length = [
        Sentence(text, speech=SpeechText(text, text, (first, *rest)))
        for text, first in (("今天天气很好。", "jin1"), ("明天天气很好。", "ming2"))
    ]
    fresh = [OfflineEngine(engine.model).synthesize([one], preset).samples for one in same_length]
    spoken = [engine.synthesize([one], preset).samples for one in same_length * 2]
    assert spoken == fresh * 2


def test_the_rewritten_vocoder_sounds_as_the_shipped_one(
    engine: OfflineEngine, preset: VoicePreset
) -> None:
    """The vocoder runs rewritten for speed (`vocoder_graph`): the same arithmetic, so the
    audio differs from the shipped graph's only by float rounding, far below hearing."""
    shipped = replace(engine.model, vocoder=read_verified(asset_dir() / VOCODER_FILE))
    ours = engine.synthesize([FIRST, SECOND], preset).samples
    theirs = OfflineEngine(shipped).synthesize([FIRST, SECOND], preset).samples
    assert len(ours) == len(theirs)
    signal = np.frombuffer(theirs, dtype="<i2").astype(np.float64)
    difference = signal - np.frombuffer(ours, dtype="<i2")
    assert 10 * np.log10((signal**2).sum() / (difference**2).sum()) > 50  # dB


def test_the_voice_sounds_the_same_on_one_thread_or_three(
    engine: OfflineEngine, preset: VoicePreset
) -> None:
    """Workers of a batch run the voice on their share of the cores: the bytes must not
    depend on it, or a batch would not match a one-article build."""
    spoken = [
        OfflineEngine(engine.model, num_threads=threads).synthesize([FIRST, SECOND], preset)
        for threads in (1, 3)
    ]
    assert spoken[0].samples == spoken[1].samples
    assert spoken[0].samples == engine.synthesize([FIRST, SECOND], preset).samples


def test_one_syllable_at_the_fastest_rate_is_spoken(
    engine: OfflineEngine, preset: VoicePreset
) -> None:
    """At rate 4 a clause of one syllable is shorter than the vocoder's padding allows (it
    used to fail the build); it is vocoded padded, then cut back to its length."""
    speech = engine.synthesize([sentence("一。"), sentence("啊！")], replace(preset, rate=4.0))
    assert speech.duration < 0.8 and [cue.text for cue in speech.words] == ["一", "啊"]
    for cue in speech.words:
        first, last = (
            round(time * SAMPLE_RATE) * audio.BYTES_PER_SAMPLE for time in (cue.start, cue.end)
        )
        assert audio.rms(speech.samples[first:last]) > 0.005  # not silence


def test_rate_and_volume_follow_the_preset(engine: OfflineEngine, preset: VoicePreset) -> None:
    normal = engine.synthesize([SECOND], preset)
    fast = engine.synthesize([SECOND], replace(preset, rate=1.5))
    quiet = engine.synthesize([SECOND], replace(preset, volume=0.5))
    assert fast.duration < 0.8 * normal.duration
    assert audio.rms(quiet.samples) == pytest.approx(audio.rms(normal.samples) / 2, rel=0.05)


def test_unspeakable_sentence_keeps_a_cue(engine: OfflineEngine, preset: VoicePreset) -> None:
    speech = engine.synthesize([sentence("……"), SECOND], preset)
    assert len(speech.sentences) == 2
    assert speech.sentences[0].end > speech.sentences[0].start


def test_sentence_without_readings_is_refused(engine: OfflineEngine, preset: VoicePreset) -> None:
    with pytest.raises(SynthesisError, match="no readings"):
        engine.synthesize([Sentence("没有读音。")], preset)


def test_mp3_of_the_voice_reads_back(
    engine: OfflineEngine, preset: VoicePreset, tmp_path: Path
) -> None:
    speech = engine.synthesize([SECOND], preset)
    path = tmp_path / "voice.mp3"
    audio.encode_mp3(speech.samples, speech.sample_rate, path)
    samples, rate = audio.decode_audio(path)
    assert rate == 24_000
    assert audio.duration(samples, rate) == pytest.approx(speech.duration, abs=0.03)
    assert audio.rms(samples) == pytest.approx(audio.rms(speech.samples), rel=0.1)
