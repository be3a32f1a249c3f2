"""Speech: voice engines behind one interface, presets, the cache and the orchestration.

Import the parts you need (`reader.speech.service`, `reader.speech.presets`, ...): loading a
voice model is slow, so nothing heavy is imported here.
"""

from reader.speech.base import Engine, SpeechOutcome, VoicePreset

__all__ = ["Engine", "SpeechOutcome", "VoicePreset"]
