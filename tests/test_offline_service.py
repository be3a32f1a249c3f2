"""Engine choice and fallback in reader.speech.service, with the real edge client talking to
the local protocol server (tests/edge_server.py) and the real offline voice."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from edge_server import EdgeTestServer, Fault
from pypinyin import Style, lazy_pinyin

from reader.errors import ServiceUnavailableError, SynthesisError, UsageError
from reader.model import Sentence, SpeechText
from reader.speech import service
from reader.speech.presets import resolve_voice

pytestmark = pytest.mark.slow


def sentence(text: str) -> Sentence:
    runs = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    # pypinyin returns a run of punctuation as one item; the voice wants one token per mark
    readings = [part for run in runs for part in ([run] if run.isascii() else list(run))]
    return Sentence(text, speech=SpeechText(text, text, tuple(readings)))


GROUPS = [[sentence("今天天气很好。")], [sentence("我们去公园散步吧！"), sentence("好的。")]]


@pytest.fixture
def fast_edge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_EDGE_ATTEMPTS", "1")
    monkeypatch.setenv("READER_EDGE_BACKOFF", "0.01")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, fast_edge: None) -> Iterator[EdgeTestServer]:
    with EdgeTestServer(seconds_per_char=0.05) as running:
        monkeypatch.setenv("READER_EDGE_WSS_URL", running.url.split("?")[0])
        yield running


@pytest.fixture
def no_service(monkeypatch: pytest.MonkeyPatch, fast_edge: None) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("READER_EDGE_WSS_URL", f"ws://127.0.0.1:{port}/edge/v1")


def test_auto_uses_edge_when_the_service_answers(server: EdgeTestServer) -> None:
    outcomes = service.speak_many(GROUPS, engine="auto")
    assert [outcome.engine for outcome in outcomes] == ["edge", "edge"]
    assert outcomes[0].voice == "zh-CN-XiaoxiaoNeural"
    assert all(outcome.fallback_reason is None for outcome in outcomes)
    assert [len(outcome.speech.sentences) for outcome in outcomes] == [1, 2]


def test_failed_edge_group_falls_back_to_offline_and_says_so(
    server: EdgeTestServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.default = Fault.NO_AUDIO  # the handshake works, the audio never comes
    outcomes = service.speak_many(GROUPS, engine="auto")
    assert [outcome.engine for outcome in outcomes] == ["offline", "offline"]
    assert all("edge voice failed" in (outcome.fallback_reason or "") for outcome in outcomes)
    assert outcomes[1].speech.sentences[-1].end == pytest.approx(outcomes[1].speech.duration)
    warnings = capsys.readouterr().err.strip().splitlines()
    assert len(warnings) == 2 and all("offline voice" in line for line in warnings)


def test_strict_fails_instead_of_falling_back(server: EdgeTestServer) -> None:
    server.default = Fault.NO_AUDIO
    with pytest.raises(SynthesisError, match="edge voice failed"):
        service.speak(GROUPS[0], engine="edge", strict=True)


def test_explicit_edge_without_the_service_is_unavailable(no_service: None) -> None:
    with pytest.raises(ServiceUnavailableError) as caught:
        service.speak(GROUPS[0], engine="edge")
    assert caught.value.exit_code == 69


def test_auto_without_the_service_uses_the_offline_voice_quietly(
    no_service: None, capsys: pytest.CaptureFixture[str]
) -> None:
    outcome = service.speak(GROUPS[0], engine="auto")
    assert (outcome.engine, outcome.voice, outcome.fallback_reason) == (
        "offline",
        "databaker",
        None,
    )
    assert capsys.readouterr().err == ""


def test_auto_with_an_edge_voice_but_no_service_reports_the_fallback(
    no_service: None, capsys: pytest.CaptureFixture[str]
) -> None:
    outcome = service.speak(GROUPS[0], engine="auto", preset=resolve_voice("yunyang", "auto"))
    assert outcome.engine == "offline"
    assert "yunyang" in (outcome.fallback_reason or "")
    assert "yunyang" in capsys.readouterr().err
    with pytest.raises(ServiceUnavailableError):
        service.speak(GROUPS[0], preset=resolve_voice("yunyang", "auto"), strict=True)


def test_rate_applies_to_whichever_voice_speaks(no_service: None) -> None:
    normal = service.speak(GROUPS[1], engine="offline")
    faster = service.speak(GROUPS[1], engine="auto", rate=1.5)
    assert faster.speech.duration < 0.8 * normal.speech.duration


def test_offline_engine_with_an_edge_voice_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        service.speak(GROUPS[0], engine="offline", preset=resolve_voice("xiaoxiao", "edge"))


def test_sentences_without_readings_are_pronounced_first(no_service: None) -> None:
    plain = [Sentence("一会儿我们去公园。")]
    outcome = service.speak(plain, engine="offline")
    assert [cue.text for cue in outcome.speech.sentences] == ["一会儿我们去公园。"]
    assert "".join(cue.text for cue in outcome.speech.words) == "一会儿我们去公园"
