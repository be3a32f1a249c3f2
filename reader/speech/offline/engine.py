"""The offline Mandarin voice: FastSpeech2 + MB-MelGAN (Databaker corpus) on LiteRT.

Reproducible audio: the acoustic model keeps two dropout ops whose random state advances with
every call, so one interpreter gives slightly different audio each time. LiteRT seeds them
again whenever it prepares the ops (a fresh interpreter, or a new input length), so the
engine keeps one interpreter and prepares it anew for every clause: the same text always gives
the same samples, those a fresh interpreter gives.

Longest input: the acoustic model makes at most 2048 mel frames (25.6 s) per call; beyond that
it fails with "gather index out of bounds". Measured: 137 syllables without a pause at rate 1.0,
68 at rate 0.5, 267 at rate 2.0, each about 2045 frames. Clauses longer than
`CLAUSE_SYLLABLES` × rate are cut at pauses or word boundaries, and a part the model still
refuses is cut in two again.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from reader import audio
from reader.errors import SynthesisError
from reader.han import HAN_RE
from reader.model import Cue, Sentence, Speech
from reader.speech.base import Capabilities, Engine, Timing, VoicePreset
from reader.speech.clips import join_speech
from reader.speech.engines import OFFLINE
from reader.speech.offline.model import VoiceModel, load_voice_model
from reader.speech.offline.symbols import (
    SENTENCE_PAUSE,
    Clause,
    is_syllable,
    split_clauses,
    split_long_clause,
    to_ids,
    to_symbols,
)

SAMPLE_RATE = 24_000
HOP_SAMPLES = 300  # samples per mel frame (12.5 ms at 24 kHz)
# The vocoder's widest reflect padding (27 steps at a third of a frame) needs 10 frames; a
# shorter clause (one fast syllable) is vocoded with its last frame repeated, then cut back.
_MIN_FRAMES = 10
# Syllables per model call at rate 1.0: two thirds of the measured 137, since pauses and slow
# syllables take more frames than the test sentences did.
CLAUSE_SYLLABLES = 90
_stderr_lock = threading.Lock()
_stderr_quietened = False


@contextlib.contextmanager
def _quiet_first_delegate_notice() -> Iterator[None]:
    """LiteRT's C++ prints "INFO: Created TensorFlow Lite XNNPACK delegate" once per process,
    when the first model runs; keep it off the user's terminal by muting fd 2 meanwhile."""
    global _stderr_quietened
    if _stderr_quietened:  # every clause after the first: no lock on the hot path
        yield
        return
    with _stderr_lock:
        if _stderr_quietened:
            yield
            return
        _stderr_quietened = True
        saved = os.dup(2)
        try:
            with open(os.devnull, "wb") as devnull:
                os.dup2(devnull.fileno(), 2)
                try:
                    yield
                finally:
                    os.dup2(saved, 2)
        finally:
            os.close(saved)


@dataclass(frozen=True)
class ClauseAudio:
    samples: bytes
    syllables: tuple[tuple[int, int, str, int], ...]  # (start, end) samples, token, tokens used


# Neither model's output depends on its thread count (XNNPACK sums each output whole on one
# thread; the rewritten vocoder runs wholly in XNNPACK): a build gives the same bytes on one
# core or four, in a worker process or on a cluster.
VOICE_THREADS_ENV = "READER_VOICE_THREADS"


def _default_threads() -> int:
    """The voice's threads: `$READER_VOICE_THREADS`, else up to 4 cores. Worker processes
    building articles side by side set it to their share of the cores."""
    configured = os.environ.get(VOICE_THREADS_ENV, "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return min(4, os.cpu_count() or 1)


class OfflineEngine(Engine):
    """`Engine` for the embedded voice. One synthesis at a time (a lock guards the models)."""

    name = OFFLINE
    capabilities = Capabilities(timing=Timing.SYLLABLE, phoneme_input=True)
    sample_rate = SAMPLE_RATE

    def __init__(self, model: VoiceModel | None = None, *, num_threads: int | None = None):
        self._model = model
        self._threads = num_threads or _default_threads()
        self._lock = threading.Lock()
        self._vocoder: Any = None
        self._acoustic: tuple[Any, dict[str, int]] | None = None

    @property
    def model(self) -> VoiceModel:
        if self._model is None:
            self._model = load_voice_model()
        return self._model

    @property
    def model_checksum(self) -> str:
        """Names the exact voice model; part of the speech cache key."""
        return self.model.checksum

    def cache_identity(self) -> str:
        return self.model_checksum

    def _interpreter(self, content: bytes, threads: int) -> Any:
        from ai_edge_litert.interpreter import Interpreter

        return Interpreter(model_content=content, num_threads=threads)

    def _acoustic_for(self, length: int) -> tuple[Any, dict[str, int]]:
        """The acoustic model's interpreter, prepared anew for `length` ids, so that every call
        draws what a fresh interpreter would (see the module docstring) without a fresh
        interpreter's set-up (XNNPACK's, a sixth of the model's time). Resizing to another
        length first makes LiteRT prepare every op again when the length has not changed."""
        if self._acoustic is None:
            acoustic = self._interpreter(self.model.acoustic, self._threads)
            inputs = {detail["name"]: detail["index"] for detail in acoustic.get_input_details()}
            self._acoustic = (acoustic, inputs)
        else:
            acoustic, inputs = self._acoustic
            acoustic.resize_tensor_input(inputs["input_ids"], [1, length + 1])
        acoustic.resize_tensor_input(inputs["input_ids"], [1, length])
        acoustic.allocate_tensors()
        return acoustic, inputs

    def _mel(self, ids: list[int], preset: VoicePreset) -> tuple[npt.NDArray[Any], list[int]]:
        acoustic, inputs = self._acoustic_for(len(ids))
        values = {
            "input_ids": np.array([ids], dtype=np.int32),
            "speaker_ids": np.array([0], dtype=np.int32),
            # The model multiplies durations by the speed ratio: larger is slower.
            "speed_ratios": np.array([1.0 / preset.rate], dtype=np.float32),
            "f0_ratios": np.array([preset.pitch], dtype=np.float32),
            "energy_ratios": np.array([1.0], dtype=np.float32),
        }
        for name, index in inputs.items():
            acoustic.set_tensor(index, values[name])
        try:
            acoustic.invoke()
        except BaseException:
            self._acoustic = None  # a refused clause (too long): the next call starts afresh
            raise
        outputs = sorted(acoustic.get_output_details(), key=lambda detail: str(detail["name"]))
        mel = acoustic.get_tensor(outputs[1]["index"])  # mel after the postnet
        durations = [int(frames) for frames in acoustic.get_tensor(outputs[2]["index"])[0]]
        return mel, durations

    def _vocode(self, mel: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
        if self._vocoder is None:
            self._vocoder = self._interpreter(self.model.vocoder, self._threads)
        vocoder = self._vocoder
        index = vocoder.get_input_details()[0]["index"]
        vocoder.resize_tensor_input(index, list(mel.shape))
        vocoder.allocate_tensors()
        vocoder.set_tensor(index, mel.astype(np.float32))
        vocoder.invoke()
        signal: npt.NDArray[np.float32] = vocoder.get_tensor(
            vocoder.get_output_details()[0]["index"]
        )[0, :, 0]
        return signal

    def synthesize_clause(self, tokens: Sequence[str], preset: VoicePreset) -> ClauseAudio:
        """Speak one clause; syllable times come from the model's per-symbol durations."""
        sequence = to_symbols(tokens, self.model.pinyin_dict)
        with _quiet_first_delegate_notice():
            mel, durations = self._mel(to_ids(sequence, self.model.symbol_to_id), preset)
            frames = mel.shape[1]
            if frames == 0:
                return ClauseAudio(b"", ())
            if frames < _MIN_FRAMES:
                mel = np.pad(mel, ((0, 0), (0, _MIN_FRAMES - frames), (0, 0)), mode="edge")
            signal = self._vocode(mel)[: frames * HOP_SAMPLES]
        if len(signal) != frames * HOP_SAMPLES or sum(durations) != frames:
            raise SynthesisError("offline voice: the model's timings do not match its audio")
        offsets = np.concatenate([[0], np.cumsum(durations)]) * HOP_SAMPLES
        syllables = tuple(
            (int(offsets[span.first]), int(offsets[span.last + 1]), span.token, span.tokens)
            for span in sequence.syllables
        )
        return ClauseAudio(audio.gain(audio.from_float(signal), preset.volume), syllables)

    def synthesize(self, sentences: Sequence[Sentence], preset: VoicePreset) -> Speech:
        for number, sentence in enumerate(sentences, start=1):
            if sentence.speech is None:
                raise SynthesisError(f"sentence {number} has no readings; pronounce it first")
        with self._lock:
            return join_speech([self._sentence(sentence, preset) for sentence in sentences])

    def longest_clause(self, preset: VoicePreset) -> int:
        """The most syllables one model call is given at this preset's rate."""
        return max(1, int(CLAUSE_SYLLABLES * preset.rate))

    def _parts(self, sentence: Sentence, preset: VoicePreset) -> list[Clause]:
        """The sentence's clauses, long ones cut to what the model accepts."""
        assert sentence.speech is not None
        most = self.longest_clause(preset)
        parts: list[Clause] = []
        starts: frozenset[int] | None = None
        first = 0  # the clause's first syllable, counted over the sentence
        for clause in split_clauses(sentence.speech.pinyin):
            count = sum(1 for token in clause.tokens if is_syllable(token))
            if count > most:
                starts = _word_starts(sentence) if starts is None else starts
                inside = frozenset(
                    start - first for start in starts if first < start < first + count
                )
                parts += split_long_clause(clause, most, inside)
            else:
                parts.append(clause)
            first += count
        return parts

    def _speak_part(self, clause: Clause, preset: VoicePreset) -> list[tuple[Clause, ClauseAudio]]:
        """One part, cut in two again while the model refuses it as too long."""
        try:
            return [(clause, self.synthesize_clause(clause.tokens, preset))]
        except RuntimeError as error:
            count = sum(1 for token in clause.tokens if is_syllable(token))
            if count < 2:  # one error line, and the other articles of a build go on
                raise SynthesisError(f"offline voice: the model failed ({error})") from error
            halves = split_long_clause(clause, -(-count // 2))
            return [piece for half in halves for piece in self._speak_part(half, preset)]

    def _sentence(self, sentence: Sentence, preset: VoicePreset) -> Speech:
        """One sentence, clause by clause, ending in its pause (so it sounds the same alone
        or in a group, and caches as one piece)."""
        assert sentence.speech is not None
        spoken_parts = [
            piece
            for clause in self._parts(sentence, preset)
            for piece in self._speak_part(clause, preset)
        ]
        characters = _characters_per_token(sentence)
        parts: list[bytes] = []
        words: list[Cue] = []
        position = 0  # samples
        token_index = 0
        for number, (clause, spoken) in enumerate(spoken_parts):
            for first, last, token, used in spoken.syllables:
                text = token
                if characters is not None:
                    text = "".join(characters[token_index : token_index + used])
                token_index += used
                times = ((position + first) / SAMPLE_RATE, (position + last) / SAMPLE_RATE)
                words.append(Cue(*times, text))
            last_part = number == len(spoken_parts) - 1
            pause = max(clause.pause_after, SENTENCE_PAUSE) if last_part else clause.pause_after
            gap = audio.silence(pause, SAMPLE_RATE)
            parts += [spoken.samples, gap]
            position += (len(spoken.samples) + len(gap)) // audio.BYTES_PER_SAMPLE
        if not parts:  # nothing this voice can say: a pause keeps the sentence's cue
            parts.append(audio.silence(SENTENCE_PAUSE, SAMPLE_RATE))
        samples = audio.concat(parts)
        cue = Cue(0.0, audio.duration(samples, SAMPLE_RATE), sentence.text)
        return Speech(samples, SAMPLE_RATE, (cue,), tuple(words))


def _word_starts(sentence: Sentence) -> frozenset[int]:
    """Indexes of the syllables that begin a word (jieba's words of the speech text), or none
    when the speech text does not have one Han character per syllable."""
    characters = _characters_per_token(sentence)
    if characters is None:
        return frozenset()
    import jieba  # already loaded by the pronunciation stage

    starts: set[int] = set()
    position = 0
    for word in jieba.cut("".join(characters), HMM=False):
        starts.add(position)
        position += len(word)
    return frozenset(starts)


def _characters_per_token(sentence: Sentence) -> list[str] | None:
    """The Han characters of the speech text, when there is exactly one per syllable token."""
    assert sentence.speech is not None
    characters = HAN_RE.findall(sentence.speech.text)
    syllables = [token for token in sentence.speech.pinyin if is_syllable(token)]
    return characters if len(characters) == len(syllables) else None
