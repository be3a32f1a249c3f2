"""The service's known faults, injected by the local server: each ends in a retried success or
one clear error — never in short audio passed off as complete."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace

import pytest
from edge_server import FAST, SENTENCES, XIAOXIAO, EdgeTestServer, Fault, pronounced

from reader.errors import ServiceUnavailableError, SynthesisError
from reader.model import Speech
from reader.speech.edge import EdgeEngine, EdgeServiceUnreachable, EdgeSettings
from reader.speech.edge.client import EdgeSynthesisFailed
from reader.speech.edge.engine import backoff_delay

# What each fault looks like to the user once the retries are spent.
REASONS = {
    Fault.FORBIDDEN: "HTTP 403 at the handshake",
    Fault.SERVER_ERROR: "HTTP 503 at the handshake",
    Fault.NO_AUDIO: "the service sent no audio",
    Fault.DROP: "the connection closed before the service finished",
    Fault.CLOSE_EARLY: "the connection closed before the service finished",
    Fault.SLOW: "the service did not answer in time",
    Fault.TRUNCATED_AUDIO: "the audio ends at",
    Fault.TRUNCATED: "the service stopped after 8 of 17 characters",
}
FAULTS = list(REASONS)


@pytest.fixture
def server() -> Iterator[EdgeTestServer]:
    with EdgeTestServer(slow_seconds=2.0) as running:
        yield running


def clean_run(server: EdgeTestServer) -> Speech:
    return EdgeEngine(FAST, url=server.url).synthesize(SENTENCES, XIAOXIAO)


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.value)
def test_a_fault_then_success_gives_the_complete_audio(
    server: EdgeTestServer, fault: Fault
) -> None:
    expected = clean_run(server)
    # edge-tts itself retries a 403 once (after correcting its clock), so a 403 must come
    # twice to reach our retry.
    server.plan(*([fault] * (2 if fault is Fault.FORBIDDEN else 1)))

    speech = clean_run(server)

    assert speech.duration == pytest.approx(expected.duration, abs=0.05)
    assert speech.sentences == expected.sentences
    assert speech.words == expected.words


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.value)
def test_a_lasting_fault_ends_in_one_clear_error(server: EdgeTestServer, fault: Fault) -> None:
    server.default = fault
    engine = EdgeEngine(replace(FAST, attempts=2), url=server.url)

    with pytest.raises(EdgeSynthesisFailed) as caught:
        engine.synthesize(SENTENCES, XIAOXIAO)

    error = caught.value
    assert not isinstance(error, ServiceUnavailableError)  # the service was reached
    assert isinstance(error, SynthesisError) and error.exit_code == 70
    assert str(error).startswith("edge voice failed after 2 attempts: ")
    assert REASONS[fault] in str(error)
    assert "\n" not in str(error)


@pytest.mark.parametrize("fault", [Fault.TRUNCATED_AUDIO, Fault.TRUNCATED, Fault.CLOSE_EARLY])
def test_short_audio_is_never_returned_as_complete(server: EdgeTestServer, fault: Fault) -> None:
    server.plan(fault)
    with pytest.raises(EdgeSynthesisFailed):
        EdgeEngine(replace(FAST, attempts=1), url=server.url).synthesize(SENTENCES, XIAOXIAO)


def test_fails_the_first_k_requests_then_succeeds(server: EdgeTestServer) -> None:
    engine = EdgeEngine(replace(FAST, attempts=4), url=server.url)
    server.plan(Fault.NO_AUDIO, Fault.TRUNCATED, Fault.SERVER_ERROR)  # K = 3 of 4 attempts

    speech = engine.synthesize(SENTENCES, XIAOXIAO)

    assert len(speech.sentences) == 2
    assert [request.fault for request in server.requests] == [
        Fault.NO_AUDIO,
        Fault.TRUNCATED,
        Fault.OK,
    ]  # the 503 never got as far as a request


def test_one_more_failure_than_attempts_is_an_error(server: EdgeTestServer) -> None:
    server.plan(Fault.NO_AUDIO, Fault.NO_AUDIO, Fault.NO_AUDIO)
    with pytest.raises(EdgeSynthesisFailed, match="after 3 attempts"):
        EdgeEngine(FAST, url=server.url).synthesize(SENTENCES, XIAOXIAO)


def test_an_unreachable_service_is_service_unavailable() -> None:
    engine = EdgeEngine(replace(FAST, attempts=2), url="ws://127.0.0.1:9/edge/v1")

    with pytest.raises(EdgeServiceUnreachable) as caught:
        engine.synthesize(SENTENCES, XIAOXIAO)

    # The service layer falls back on SynthesisError; an explicit --engine edge exits 69.
    assert isinstance(caught.value, SynthesisError)
    assert isinstance(caught.value, ServiceUnavailableError)
    assert caught.value.exit_code == 69
    assert "cannot connect to 127.0.0.1" in str(caught.value)


def test_requests_in_flight_never_exceed_the_limit() -> None:
    groups = [[pronounced(f"第{n}段。", f"第{n}段。", "")] for n in "一二三四五六七八"]
    with EdgeTestServer(stream_delay=0.2) as server:
        results = EdgeEngine(FAST, url=server.url).synthesize_many(groups, XIAOXIAO, concurrency=3)
        most = server.stats.max_active

    assert most == 3
    assert all(isinstance(result, Speech) for result in results)
    assert [result.sentences[0].text for result in results if isinstance(result, Speech)] == [
        group[0].text for group in groups
    ]


def test_many_returns_each_groups_failure_in_its_place(server: EdgeTestServer) -> None:
    texts = ("第一段：金融活水。", "第二段：润泽乡村。", "第三段：产业兴旺。")
    groups = [[pronounced(text, text, "")] for text in texts]
    server.text_faults["第二段"] = Fault.TRUNCATED_AUDIO
    engine = EdgeEngine(replace(FAST, attempts=2), url=server.url)

    first, second, third = engine.synthesize_many(groups, XIAOXIAO)

    assert isinstance(first, Speech) and isinstance(third, Speech)
    assert isinstance(second, EdgeSynthesisFailed)
    assert "the audio ends at" in str(second)


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    settings = EdgeSettings(backoff_base=0.5, backoff_max=4.0)
    rng = random.Random(7)
    for retry, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 4.0), (9, 4.0)]:
        delays = {backoff_delay(retry, settings, rng) for _ in range(20)}
        assert all(ceiling / 2 <= delay <= ceiling for delay in delays)
        assert len(delays) > 1  # jittered


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_EDGE_ATTEMPTS", "2")
    monkeypatch.setenv("READER_EDGE_BACKOFF", "0.01")
    monkeypatch.setenv("READER_EDGE_TIMEOUT", "0.5")
    settings = EdgeSettings.from_env()
    assert (settings.attempts, settings.backoff_base) == (2, 0.01)
    assert settings.request_timeout("很长的文字" * 100) == 0.5
