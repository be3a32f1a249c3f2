"""The edge engine end to end: the real edge-tts client against the local protocol server,
streaming speech recorded from the offline voice."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import soundfile
from edge_server import (
    FAST,
    SENTENCES,
    XIAOXIAO,
    EdgeTestServer,
    pronounced,
    recorded_text,
    recording,
)

from reader.errors import InputError, UsageError
from reader.speech.base import VoicePreset
from reader.speech.edge import EdgeEngine, probe

pytestmark = pytest.mark.slow  # the recording comes from the offline voice model


@pytest.fixture
def server() -> Iterator[EdgeTestServer]:
    with EdgeTestServer() as running:
        running.register_clip(recorded_text(), recording())
        yield running


def test_reads_sentences_into_audio_with_a_cue_per_sentence(server: EdgeTestServer) -> None:
    speech = EdgeEngine(FAST, url=server.url).synthesize(SENTENCES, XIAOXIAO)

    assert speech.sample_rate == 24_000
    assert 3.0 < speech.duration < 8.0
    samples = np.frombuffer(speech.samples, dtype="<i2").astype(np.float64)
    assert np.sqrt(np.mean(samples**2)) > 300  # speech, not silence
    assert [cue.text for cue in speech.sentences] == [sentence.text for sentence in SENTENCES]
    assert speech.sentences[0].start == 0.0
    assert speech.sentences[-1].end == pytest.approx(speech.duration)
    for before, after in zip(speech.sentences, speech.sentences[1:], strict=False):
        assert before.start < before.end == after.start < after.end
    # The headline ends where the recording's pause between the two sentences is.
    headline_words = [word for word in recording().words if word.text in "金融活水润泽乡村"]
    assert headline_words[-1].end < speech.sentences[0].end < recording().words[8].start


def test_word_cues_come_from_the_word_boundaries(server: EdgeTestServer) -> None:
    speech = EdgeEngine(FAST, url=server.url).synthesize(SENTENCES, XIAOXIAO)

    assert "".join(cue.text for cue in speech.words) == "金融活水润泽乡村今年三月他去了北京"
    starts = [cue.start for cue in speech.words]
    assert starts == sorted(starts)
    for word, sent in zip(speech.words, recording().words, strict=True):
        assert word.start == pytest.approx(sent.start, abs=1e-6)
        assert word.end == pytest.approx(sent.end, abs=1e-6)
    assert all(cue.end <= speech.duration for cue in speech.words)


def test_sends_the_respelled_text_and_shows_the_written_one() -> None:
    # 重庆 respelled with unambiguous homophones steers the voice; the cue keeps 重庆.
    sentence = pronounced(
        "他在重庆。", "他在重庆。", "ta1 zai4 chong2 qing4 。", respelled="他在崇庆。"
    )
    with EdgeTestServer() as server:
        speech = EdgeEngine(FAST, url=server.url).synthesize([sentence], XIAOXIAO)
        sent = server.requests[-1].text

    assert sent == "他在崇庆。"
    assert "".join(cue.text for cue in speech.words) == "他在重庆"
    assert speech.sentences[0].text == "他在重庆。"


def test_request_carries_the_voice_prosody_and_the_client_token() -> None:
    preset = VoicePreset("news", "edge", "zh-CN-YunyangNeural", rate=1.2, pitch=0.95, volume=0.8)
    with EdgeTestServer() as server:
        EdgeEngine(FAST, url=server.url).synthesize(SENTENCES, preset)
        request = server.requests[-1]

    assert request.voice == "Microsoft Server Speech Text to Speech Voice (zh-CN, YunyangNeural)"
    assert (request.rate, request.pitch, request.volume) == ("+20%", "-10Hz", "-20%")
    assert request.config["context"]["synthesis"]["audio"]["metadataoptions"] == {
        "sentenceBoundaryEnabled": "false",
        "wordBoundaryEnabled": "true",
    }
    assert request.query["Sec-MS-GEC"] and request.query["ConnectionId"]
    # A headline without a full stop gets one so the voice pauses before the next sentence.
    assert request.text == "金融活水润泽乡村。\n今年三月，他去了北京。"


def test_long_text_spans_several_requests_and_keeps_timings_in_order() -> None:
    sentence_text = "乡村振兴需要金融活水持续润泽，各地银行正在加快创新产品。"
    sentences = [pronounced(sentence_text, sentence_text, "") for _ in range(60)]  # > 4096 bytes
    with EdgeTestServer(seconds_per_char=0.02) as server:
        engine = EdgeEngine(replace(FAST, timeout=20), url=server.url)
        speech = engine.synthesize(sentences, XIAOXIAO)
        requests = len(server.requests)

    assert requests >= 2  # edge-tts split the text at a sentence boundary
    assert len(speech.sentences) == 60
    starts = [cue.start for cue in speech.words]
    assert starts == sorted(starts)
    ends = [cue.end for cue in speech.sentences]
    assert ends == sorted(ends) and ends[-1] == pytest.approx(speech.duration)
    # Each sentence lasts about as long as the others: the offsets of the second request were
    # shifted by the audio of the first.
    lengths = [cue.end - cue.start for cue in speech.sentences]
    assert max(lengths) < 1.5 * min(lengths)


def test_environment_variable_points_the_engine_at_the_test_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with EdgeTestServer() as server:
        monkeypatch.setenv("READER_EDGE_WSS_URL", server.url.split("?")[0])  # token added
        speech = EdgeEngine(FAST).synthesize(SENTENCES, XIAOXIAO)
        assert probe(timeout=2.0)
    assert len(speech.sentences) == 2


def test_probe_is_false_quickly_when_nothing_listens() -> None:
    assert not probe(timeout=1.0, url="ws://127.0.0.1:9/edge/v1")


def test_a_malformed_voice_id_is_a_usage_error(server: EdgeTestServer) -> None:
    preset = VoicePreset("bad", "edge", "xiaoxiao")
    with pytest.raises(UsageError, match="not an edge voice"):
        EdgeEngine(FAST, url=server.url).synthesize(SENTENCES, preset)
    assert server.requests == []


def test_nothing_to_say_is_an_input_error(server: EdgeTestServer) -> None:
    with pytest.raises(InputError):
        EdgeEngine(FAST, url=server.url).synthesize([pronounced(" ", " ", "")], XIAOXIAO)


def test_a_bad_address_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="ws/wss"):
        EdgeEngine(FAST, url="http://127.0.0.1:9/")


def test_callers_with_their_own_event_loop_can_use_either_interface(
    server: EdgeTestServer,
) -> None:
    engine = EdgeEngine(FAST, url=server.url)

    async def inside_a_loop() -> tuple[float, float]:
        awaited = await engine.synthesize_async(SENTENCES, XIAOXIAO)
        blocking = engine.synthesize(SENTENCES, XIAOXIAO)  # runs on a worker thread
        return awaited.duration, blocking.duration

    awaited, blocking = asyncio.run(inside_a_loop())
    assert awaited == blocking > 3.0


def test_reader_speak_in_another_process_uses_the_server_the_environment_names(
    tmp_path: Path,
) -> None:
    output = tmp_path / "news.mp3"
    with EdgeTestServer() as server:
        environment = {
            **os.environ,
            "READER_EDGE_WSS_URL": server.url,
            "READER_CACHE_DIR": str(tmp_path / "cache"),
        }
        command = ["speak", "-", "-o", str(output), "--engine", "edge", "--voice", "yunyang"]
        done = subprocess.run(
            [sys.executable, "-m", "reader", *command],
            input="金融活水润泽乡村。今年三月，他去了北京。\n",
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
        )
        requests = server.requests

    assert done.returncode == 0, done.stderr
    assert [request.voice for request in requests] == [
        "Microsoft Server Speech Text to Speech Voice (zh-CN, YunyangNeural)"
    ]
    assert "北京" in requests[0].text
    info = soundfile.info(str(output))
    assert info.samplerate == 24_000 and info.duration > 1.0
    vtt = output.with_suffix(".vtt").read_text(encoding="utf-8")
    assert "今年三月，他去了北京。" in vtt
