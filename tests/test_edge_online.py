"""Against Microsoft's real service. Opt-in: READER_ONLINE_TESTS=1 (needs the network)."""

from __future__ import annotations

import os

import numpy as np
import pytest
from edge_server import SENTENCES, XIAOXIAO

from reader.speech.edge import EdgeEngine, EdgeSettings, chinese_voices, probe

pytestmark = [
    pytest.mark.online,
    pytest.mark.skipif(
        os.environ.get("READER_ONLINE_TESTS") != "1",
        reason="talks to the real edge service; set READER_ONLINE_TESTS=1",
    ),
]


@pytest.fixture(autouse=True)
def real_service(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READER_EDGE_WSS_URL", raising=False)
    monkeypatch.delenv("READER_EDGE_VOICES_URL", raising=False)


def test_the_service_answers_the_probe() -> None:
    assert probe(timeout=5.0)


def test_reads_chinese_with_sentence_and_word_timings() -> None:
    speech = EdgeEngine(EdgeSettings(attempts=3)).synthesize(SENTENCES, XIAOXIAO)

    assert speech.sample_rate == 24_000
    assert 2.0 < speech.duration < 10.0
    samples = np.frombuffer(speech.samples, dtype="<i2").astype(np.float64)
    assert np.sqrt(np.mean(samples**2)) > 300
    assert [cue.text for cue in speech.sentences] == [sentence.text for sentence in SENTENCES]
    assert speech.sentences[-1].end == pytest.approx(speech.duration)
    assert len(speech.words) >= 6
    starts = [cue.start for cue in speech.words]
    assert starts == sorted(starts)


def test_lists_the_news_voice() -> None:
    names = {voice.short_name for voice in chinese_voices(timeout=10.0)}
    assert {"zh-CN-XiaoxiaoNeural", "zh-CN-YunyangNeural"} <= names
