"""A content-addressed, on-disk cache of synthesized sentences: audio + timings.

One entry per sentence, keyed by everything that shapes its sound: engine, voice id, rate,
pitch, volume, the model's checksum, the display text and the spoken forms. An entry is a raw
PCM file named after its own checksum plus a JSON record that names it; the JSON is written
last, atomically, so a concurrent build sees a whole entry or none. A record whose audio is
missing, short or altered fails its checksum, and so does a record that is not UTF-8 JSON: the
entry is dropped and synthesized again. A cache that cannot be written (a read-only or full
disk) is skipped with one warning: the build still works, it just caches nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.cache_root import cache_root
from reader.errors import OutputError
from reader.fsutil import write_bytes_atomic, write_text_atomic
from reader.model import Cue, Sentence, Speech
from reader.speech.base import VoicePreset

FORMAT = 1


def speech_key(*, engine: str, preset: VoicePreset, model_checksum: str, sentence: Sentence) -> str:
    """The content address of one sentence as one voice says it."""
    speech = sentence.speech
    payload = {
        "format": FORMAT,
        "engine": engine,
        "voice": preset.voice,
        "rate": preset.rate,
        "pitch": preset.pitch,
        "volume": preset.volume,
        "model": model_checksum,
        "text": sentence.text,
        "speech": None if speech is None else [speech.text, speech.respelled, *speech.pinyin],
    }
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _cues(rows: Sequence[Sequence[Any]]) -> tuple[Cue, ...]:
    return tuple(Cue(float(start), float(end), str(text)) for start, end, text in rows)


class SpeechCache:
    """Sentences' audio on disk under `root` (default: `cache_root() / "speech"`)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else cache_root() / "speech"
        self.unwritable = False  # set (and warned about once) when a write fails

    def _record_path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Speech | None:
        """The cached speech, or None when absent or damaged (a damaged entry is removed)."""
        record_path = self._record_path(key)
        try:
            data = record_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            data = b""
        try:
            record = json.loads(data.decode("utf-8"))
            samples = (record_path.parent / record["audio"]).read_bytes()
            intact = (
                record["format"] == FORMAT
                and len(samples) == record["bytes"]
                and hashlib.sha256(samples).hexdigest() == record["sha256"]
            )
            speech = Speech(
                samples,
                int(record["sample_rate"]),
                _cues(record["sentences"]),
                _cues(record["words"]),
            )
        except (OSError, ValueError, KeyError, TypeError):  # includes the audio file gone
            intact = False
        if not intact:
            with contextlib.suppress(OSError):
                record_path.unlink(missing_ok=True)
            return None
        return speech

    def put(self, key: str, speech: Speech) -> None:
        """Store an entry; a cache that cannot be written is skipped, never fatal."""
        checksum = hashlib.sha256(speech.samples).hexdigest()
        folder = self.root / key[:2]
        audio_name = f"{key}-{checksum[:16]}.pcm"
        record = {
            "format": FORMAT,
            "audio": audio_name,
            "bytes": len(speech.samples),
            "sha256": checksum,
            "sample_rate": speech.sample_rate,
            "sentences": [[cue.start, cue.end, cue.text] for cue in speech.sentences],
            "words": [[cue.start, cue.end, cue.text] for cue in speech.words],
        }
        try:
            write_bytes_atomic(folder / audio_name, speech.samples)
            write_text_atomic(self._record_path(key), json.dumps(record, ensure_ascii=False))
        except OutputError as error:
            if not self.unwritable:
                self.unwritable = True
                print(
                    f"reader: warning: speech cache not written, nothing is cached ({error})",
                    file=sys.stderr,
                    flush=True,
                )
