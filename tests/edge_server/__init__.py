"""A local stand-in for Microsoft's read-aloud service, for testing the real edge-tts client.

It speaks the service's WebSocket protocol on 127.0.0.1 (port 0, so parallel test workers never
collide): `Path:speech.config` and `Path:ssml` in; `Path:turn.start`, `Path:response`, binary
`Path:audio` frames (2-byte big-endian header length, headers, MP3 bytes),
`Path:audio.metadata` JSON with WordBoundary/SentenceBoundary offsets in 100 ns ticks, and
`Path:turn.end` out. It also serves the voice list (`GET .../voices/list`).

Audio is real MP3 (24 kHz mono, 48 kbps CBR like the service, so edge-tts's byte-count offset
compensation holds): recorded clips registered with `register_clip` (the tests register speech
made by the offline voice), otherwise a synthetic tone per word.

Faults are planned per connection with `plan(...)`; connections beyond the plan get `default`.
"""

from edge_server.clips import Clip, clip_from_speech, encode_mp3, synthetic_clip
from edge_server.fixtures import (
    BODY,
    FAST,
    HEADLINE,
    OFFLINE,
    SENTENCES,
    XIAOXIAO,
    pronounced,
    recorded_text,
    recording,
)
from edge_server.protocol import Word, sample_voices
from edge_server.server import EdgeTestServer, Fault, ReceivedRequest, Stats

__all__ = [
    "BODY",
    "FAST",
    "HEADLINE",
    "OFFLINE",
    "SENTENCES",
    "XIAOXIAO",
    "Clip",
    "EdgeTestServer",
    "Fault",
    "ReceivedRequest",
    "Stats",
    "Word",
    "clip_from_speech",
    "encode_mp3",
    "pronounced",
    "recorded_text",
    "recording",
    "sample_voices",
    "synthetic_clip",
]
