"""The edge voice: Microsoft Edge's read-aloud service through the `edge_tts` client."""

from __future__ import annotations

from reader.speech.edge.client import (
    PROBE_TIMEOUT,
    WSS_URL_ENV,
    EdgeServiceUnreachable,
    EdgeSettings,
    EdgeSynthesisFailed,
    probe_async,
    run_sync,
    service_url,
)
from reader.speech.edge.engine import EdgeEngine
from reader.speech.edge.voices import VOICES_URL_ENV, OnlineVoice, chinese_voices

__all__ = [
    "VOICES_URL_ENV",
    "WSS_URL_ENV",
    "EdgeEngine",
    "EdgeServiceUnreachable",
    "EdgeSettings",
    "EdgeSynthesisFailed",
    "OnlineVoice",
    "chinese_voices",
    "probe",
    "service_url",
]


def probe(timeout: float = PROBE_TIMEOUT, url: str | None = None) -> bool:
    """True when the edge service answers a WebSocket handshake within `timeout` seconds
    (what `--engine auto` asks before choosing the edge voice)."""
    return run_sync(probe_async(timeout, url))
