"""The engine interface: pronounced sentences + a voice preset -> audio + timings."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from reader.errors import SynthesisError
from reader.model import Sentence, Speech


@dataclass(frozen=True)
class VoicePreset:
    """A voice as `voices/*.toml` describes it."""

    name: str  # preset name, e.g. "xiaoxiao"
    engine: str  # a registered engine's name (see `reader.speech.engines`)
    voice: str  # the engine's own voice id, e.g. "zh-CN-XiaoxiaoNeural"
    rate: float = 1.0  # speaking-rate ratio (1.0 = the voice's normal pace)
    pitch: float = 1.0  # pitch ratio
    volume: float = 1.0  # volume ratio
    description: str = ""


class Timing(StrEnum):
    """What one word cue of an engine's `Speech.words` covers."""

    SYLLABLE = "syllable"  # one Han character's syllable
    WORD = "word"  # a word as the engine segments it


@dataclass(frozen=True)
class Capabilities:
    """What an engine can do, for callers that plan around it."""

    timing: Timing
    phoneme_input: bool  # reads the readings (`speech.pinyin`), not only the respelled text
    longest_sentence: int | None = None  # characters one sentence may hold; None: no limit known
    parallel: bool = False  # `synthesize_many` runs its groups at once (send them together)


class Engine(ABC):
    """A voice engine. `synthesize` reads the sentences in order, with short pauses between
    them, and returns one cue per sentence covering the audio.

    A new engine is a sub-package of `reader.speech` with a subclass of this, and one
    `reader.speech.engines.register` call.
    """

    name: str
    capabilities: Capabilities

    def cache_identity(self) -> str:
        """What, besides its name and the voice preset, decides this engine's audio (a model's
        checksum, say); part of every cached sentence's key. "" when nothing does."""
        return ""

    @abstractmethod
    def synthesize(self, sentences: Sequence[Sentence], preset: VoicePreset) -> Speech: ...

    def synthesize_many(
        self, groups: Sequence[Sequence[Sentence]], preset: VoicePreset
    ) -> list[Speech | Exception]:
        """Each group's Speech, or the error it failed with; by default one group at a time."""
        results: list[Speech | Exception] = []
        for group in groups:
            try:
                results.append(self.synthesize(group, preset))
            except SynthesisError as error:
                results.append(error)
        return results


@dataclass(frozen=True)
class SpeechOutcome:
    """What one synthesis request produced, and how (for the build report)."""

    speech: Speech
    engine: str  # the engine that made the audio
    voice: str  # the voice id that made the audio
    fallback_reason: str | None = None  # set when the requested engine failed over to another
    cached: bool = False
