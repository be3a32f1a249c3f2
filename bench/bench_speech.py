"""Real-time factor of the offline voice on the sample article's body, MP3 encoding included.

Prints seconds of compute per second of audio (target <= 0.10 on 2 threads). The front end
is the project's own: reader.normalize, then reader.pronounce.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from reader import audio
from reader.model import Sentence
from reader.normalize import load_article
from reader.pronounce import Pronouncer
from reader.speech.offline import OfflineEngine
from reader.speech.presets import resolve_voice

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "000_be6178708a06076a.txt"
TARGET = 0.10


def body_sentences() -> list[Sentence]:
    """The body's sentences, pronounced."""
    article = Pronouncer().article(load_article(SAMPLE))
    return [sentence for paragraph in article.paragraphs for sentence in paragraph.sentences]


def main() -> int:
    sentences = body_sentences()
    started = time.perf_counter()
    engine = OfflineEngine()
    preset = resolve_voice(None, "offline")
    engine.synthesize([Pronouncer().sentence("预热。")], preset)  # model load and first-run set-up
    loaded = time.perf_counter() - started

    started = time.perf_counter()
    speech = engine.synthesize(sentences, preset)
    synthesized = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        audio.encode_mp3(speech.samples, speech.sample_rate, Path(folder) / "body.mp3")
        encoded = time.perf_counter() - started
    syllables = sum(len(cue.text) for cue in speech.words)
    factor = (synthesized + encoded) / speech.duration
    front_end = "reader.normalize + reader.pronounce"
    print(f"front end: {front_end}; {len(sentences)} sentences, {syllables} syllables")
    print(f"model load + warm-up: {loaded:.2f} s")
    print(f"audio: {speech.duration:.1f} s at {speech.sample_rate} Hz")
    print(f"synthesis: {synthesized:.2f} s; MP3 encoding: {encoded:.2f} s")
    print(f"speech seconds per compute second: {speech.duration / (synthesized + encoded):.1f}")
    print(f"real-time factor (incl. MP3): {factor:.3f} (target <= {TARGET:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
