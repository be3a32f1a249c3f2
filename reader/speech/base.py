"""The engine interface: pronounced sentences + a voice preset -> audio + timings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from reader.model import Sentence, Speech


@dataclass(frozen=True)
class VoicePreset:
    """A voice as `voices/*.toml` describes it."""

    name: str  # preset name, e.g. "xiaoxiao"
    engine: str  # "offline" | "edge"
    voice: str  # the engine's own voice id, e.g. "zh-CN-XiaoxiaoNeural"
    rate: float = 1.0  # speaking-rate ratio (1.0 = the voice's normal pace)
    pitch: float = 1.0  # pitch ratio
    volume: float = 1.0  # volume ratio
    description: str = ""


class Engine(Protocol):
    """A voice engine. `synthesize` reads the sentences in order, with short pauses between
    them, and returns one cue per sentence covering the audio."""

    name: str

    def synthesize(self, sentences: Sequence[Sentence], preset: VoicePreset) -> Speech: ...


@dataclass(frozen=True)
class SpeechOutcome:
    """What one synthesis request produced, and how (for the build report)."""

    speech: Speech
    engine: str  # the engine that made the audio
    voice: str  # the voice id that made the audio
    fallback_reason: str | None = None  # set when the requested engine failed over to offline
    cached: bool = False
