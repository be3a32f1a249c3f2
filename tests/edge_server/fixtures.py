"""What the tests send, and a real recording of it by the offline voice."""

from __future__ import annotations

import functools

from edge_server.clips import Clip, clip_from_speech
from reader.model import Sentence, SpeechText
from reader.speech.base import VoicePreset
from reader.speech.edge import EdgeSettings
from reader.speech.edge.timing import request_text

XIAOXIAO = VoicePreset("xiaoxiao", "edge", "zh-CN-XiaoxiaoNeural")
OFFLINE = VoicePreset("offline", "offline", "databaker")

# Fast enough for tests: retries after ~10 ms, a slow server is given up after 1 s.
FAST = EdgeSettings(
    attempts=3,
    backoff_base=0.01,
    backoff_max=0.05,
    timeout=1.0,
    timeout_per_char=0.0,
    connect_timeout=1,
)


def pronounced(text: str, speech: str, pinyin: str, respelled: str | None = None) -> Sentence:
    return Sentence(text, speech=SpeechText(speech, respelled or speech, tuple(pinyin.split())))


HEADLINE = pronounced(
    "金融活水润泽乡村", "金融活水润泽乡村", "jin1 rong2 huo2 shui3 run4 ze2 xiang1 cun1"
)
BODY = pronounced(
    "今年3月，他去了北京。",
    "今年三月，他去了北京。",
    "jin1 nian2 san1 yue4 ， ta1 qu4 le5 bei3 jing1 。",
)
SENTENCES = (HEADLINE, BODY)


@functools.cache
def recording() -> Clip:
    """SENTENCES read by the offline voice, as MP3 with per-syllable boundaries (the model
    runs once per test process)."""
    from reader.speech.offline import OfflineEngine

    speech = OfflineEngine().synthesize(SENTENCES, OFFLINE)
    words = [(cue.text, cue.start, cue.end) for cue in speech.words]
    return clip_from_speech(speech.samples, speech.sample_rate, words)


def recorded_text() -> str:
    """The exact text the edge engine sends for SENTENCES (the key to register the recording)."""
    return request_text(SENTENCES).text
