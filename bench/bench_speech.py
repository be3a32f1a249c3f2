"""Real-time factor of the offline voice on the sample article's body, MP3 encoding included.

Prints seconds of compute per second of audio (target <= 0.10 on 2 threads). Uses the
project's normalizer and pronouncer when they are installed, plain pypinyin otherwise.
"""

from __future__ import annotations

import importlib
import sys
import tempfile
import time
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from reader import audio
from reader.model import Article, Paragraph, Sentence, SpeechText
from reader.speech.offline import OfflineEngine
from reader.speech.presets import resolve_voice

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "000_be6178708a06076a.txt"
TARGET = 0.10


def plain_pronounced(text: str) -> Sentence:
    runs = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    readings = [part for run in runs for part in ([run] if run.isascii() else list(run))]
    return Sentence(text, speech=SpeechText(text, text, tuple(readings)))


def body_sentences() -> tuple[list[Sentence], str]:
    """The body's sentences, pronounced, and which front end made them."""
    try:
        normalize = importlib.import_module("reader.normalize")
        article = normalize.load_article(SAMPLE)
        made_by = ["reader.normalize"]
    except (ModuleNotFoundError, AttributeError):  # OCR lines joined: roughly the body
        text = "".join(line.strip() for line in SAMPLE.read_text(encoding="utf-8").splitlines())
        article = Article(None, None, None, None, (), (Paragraph.from_text(text),))
        made_by = ["joined lines"]
    try:
        pronouncer = importlib.import_module("reader.pronounce").Pronouncer()
        article = pronouncer.article(article)
        made_by.append("reader.pronounce")
    except (ModuleNotFoundError, AttributeError):
        made_by.append("pypinyin")
    sentences = [
        sentence if sentence.speech is not None else plain_pronounced(sentence.text)
        for paragraph in article.paragraphs
        for sentence in paragraph.sentences
    ]
    return sentences, " + ".join(made_by)


def main() -> int:
    sentences, front_end = body_sentences()
    started = time.perf_counter()
    engine = OfflineEngine()
    preset = resolve_voice(None, "offline")
    engine.synthesize([plain_pronounced("预热。")], preset)  # model load and first-run set-up
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
    print(f"front end: {front_end}; {len(sentences)} sentences, {syllables} syllables")
    print(f"model load + warm-up: {loaded:.2f} s")
    print(f"audio: {speech.duration:.1f} s at {speech.sample_rate} Hz")
    print(f"synthesis: {synthesized:.2f} s; MP3 encoding: {encoded:.2f} s")
    print(f"speech seconds per compute second: {speech.duration / (synthesized + encoded):.1f}")
    print(f"real-time factor (incl. MP3): {factor:.3f} (target <= {TARGET:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
