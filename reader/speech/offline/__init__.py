"""The embedded offline Mandarin voice (Databaker FastSpeech2 + MB-MelGAN on LiteRT)."""

from reader.speech.offline.engine import SAMPLE_RATE, OfflineEngine

__all__ = ["SAMPLE_RATE", "OfflineEngine"]
