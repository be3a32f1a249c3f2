"""Speech orchestration: pick the engine, use the cache, fall back from edge to offline.

Every sentence is cached on its own (see `reader.speech.cache`), so a rebuild after editing
one sentence synthesizes only that sentence; engines are asked only for the missing ones, and
their result is cut back into sentences at the sentence cues (which cover the audio).
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from reader.errors import ReaderError, ServiceUnavailableError, SynthesisError, UsageError
from reader.model import Paragraph, Sentence, Speech
from reader.speech.base import Engine, SpeechOutcome, VoicePreset
from reader.speech.cache import SpeechCache, speech_key
from reader.speech.pieces import join_speech, split_sentences
from reader.speech.presets import resolve_voice


@functools.cache
def offline_engine() -> Engine:
    """The process's one offline engine (its model loads on first use)."""
    from reader.speech.offline import OfflineEngine

    return OfflineEngine()


def edge_engine() -> Engine:
    from reader.speech.edge import EdgeEngine

    engine: Engine = EdgeEngine()
    return engine


def edge_reachable() -> bool:
    from reader.speech.edge import probe

    return probe()


def warn(message: str) -> None:
    print(f"reader: warning: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Plan:
    """The engine and voice chosen for a request, and why it is not the one asked for."""

    engine: Engine
    preset: VoicePreset
    fallback_reason: str | None = None


def plan(engine: str, preset: VoicePreset | None, *, strict: bool) -> Plan:
    """Resolve `engine` ("auto" | "edge" | "offline") and the preset into a concrete engine."""
    if engine not in ("auto", "edge", "offline"):
        raise UsageError(f"unknown engine '{engine}' (use auto, edge or offline)")
    if preset is not None and engine != "auto" and preset.engine != engine:
        raise UsageError(f"voice '{preset.name}' belongs to the {preset.engine} engine")
    if engine == "offline" or (engine == "auto" and preset and preset.engine == "offline"):
        return Plan(offline_engine(), preset or resolve_voice(None, "offline"))
    chosen = preset or resolve_voice(None, "edge")
    if edge_reachable():
        return Plan(edge_engine(), chosen)
    if engine == "edge":
        raise ServiceUnavailableError("the edge voice service cannot be reached")
    if preset is None:  # plain auto without a network: the offline voice is the default
        return Plan(offline_engine(), resolve_voice(None, "offline"))
    reason = f"edge service unreachable; voice '{preset.name}' replaced by the offline voice"
    if strict:
        raise ServiceUnavailableError(f"the edge voice service cannot be reached ({preset.name})")
    warn(reason)
    return Plan(offline_engine(), resolve_voice(None, "offline"), reason)


@functools.cache
def _pronouncer() -> Any:
    # Imported when needed: the pronouncer loads its dictionaries and models on import.
    pronounce = importlib.import_module("reader.pronounce")
    return pronounce.Pronouncer()


def pronounced(sentences: Sequence[Sentence]) -> tuple[Sentence, ...]:
    """The sentences with readings; those without get them from `reader.pronounce`."""
    if all(sentence.speech is not None for sentence in sentences):
        return tuple(sentences)
    done: tuple[Sentence, ...] = _pronouncer().paragraph(Paragraph(tuple(sentences))).sentences
    return done


class _Group:
    """One request's sentences, their cache keys, and the pieces found so far."""

    def __init__(self, sentences: tuple[Sentence, ...]) -> None:
        self.sentences = sentences
        self.pieces: list[Speech | None] = [None] * len(sentences)
        self.keys: list[str] = []
        self.cached = False  # whether the last lookup found every sentence

    def lookup(self, engine: Engine, preset: VoicePreset, cache: SpeechCache | None) -> None:
        """Key every sentence for this engine and voice, and take what the cache holds."""
        checksum = str(getattr(engine, "model_checksum", ""))
        self.keys = [
            speech_key(engine=engine.name, preset=preset, model_checksum=checksum, sentence=s)
            for s in self.sentences
        ]
        self.pieces = [cache.get(key) if cache else None for key in self.keys]
        self.cached = all(piece is not None for piece in self.pieces)

    def missing(self) -> list[Sentence]:
        return [s for s, piece in zip(self.sentences, self.pieces, strict=True) if piece is None]

    def fill(self, speech: Speech, engine: Engine, cache: SpeechCache | None) -> None:
        """Take the engine's speech for the missing sentences (keyed by the last lookup)."""
        missing = [index for index, piece in enumerate(self.pieces) if piece is None]
        if len(speech.sentences) != len(missing):
            raise SynthesisError(
                f"{engine.name} voice returned {len(speech.sentences)} sentence timings "
                f"for {len(missing)} sentences"
            )
        for index, piece in zip(missing, split_sentences(speech), strict=True):
            self.pieces[index] = piece
            if cache is not None:
                cache.put(self.keys[index], piece)

    def speech(self) -> Speech:
        return join_speech([piece for piece in self.pieces if piece is not None])


def _synthesize_all(
    engine: Engine, jobs: Sequence[Sequence[Sentence]], preset: VoicePreset
) -> list[Speech | Exception]:
    """Run the jobs on `engine`: the edge engine several at once (its own limit), offline in
    turn. A failed job's place holds its error."""
    if engine.name == "edge":
        from reader.speech.edge import EdgeEngine

        assert isinstance(engine, EdgeEngine)
        return engine.synthesize_many(list(jobs), preset)

    def run(job: Sequence[Sentence]) -> Speech | Exception:
        try:
            return engine.synthesize(job, preset)
        except SynthesisError as error:
            return error

    return [run(job) for job in jobs]


def speak_many(
    groups: Sequence[Sequence[Sentence]],
    *,
    engine: str = "auto",
    preset: VoicePreset | None = None,
    cache: SpeechCache | None = None,
    strict: bool = False,
    rate: float | None = None,
    chosen: Plan | None = None,
) -> list[SpeechOutcome]:
    """Speak each group (a section, say) into one `Speech`; results in the order given.

    `rate` overrides the speaking rate of whichever voice ends up speaking. `chosen`, a
    `plan()` the caller already made, saves probing the service again (`engine` and `preset`
    are then not looked at).
    """
    if chosen is None:
        chosen = plan(engine, preset, strict=strict)
    chosen = replace(chosen, preset=with_rate(chosen.preset, rate))
    work = [_Group(pronounced(group)) for group in groups]
    reasons: list[str | None] = [chosen.fallback_reason] * len(work)
    used: list[Plan] = [chosen] * len(work)
    for group in work:
        group.lookup(chosen.engine, chosen.preset, cache)
    pending = [index for index, group in enumerate(work) if not group.cached]
    results = _synthesize_all(
        chosen.engine, [work[index].missing() for index in pending], chosen.preset
    )
    failed: list[int] = []
    for index, result in zip(pending, results, strict=True):
        if isinstance(result, Speech):
            work[index].fill(result, chosen.engine, cache)
        elif chosen.engine.name == "offline" or strict:
            if isinstance(result, ReaderError):  # e.g. exit 69 when edge went unreachable
                raise result
            raise SynthesisError(f"{chosen.engine.name} voice failed: {result}") from result
        else:
            failed.append(index)
            reasons[index] = f"edge voice failed ({result}); used the offline voice"
            warn(f"section {index + 1}: {reasons[index]}")
    if failed:
        fallback = Plan(offline_engine(), with_rate(resolve_voice(None, "offline"), rate))
        for index in failed:
            used[index] = fallback
            work[index].lookup(fallback.engine, fallback.preset, cache)
            if not work[index].cached:
                speech = fallback.engine.synthesize(work[index].missing(), fallback.preset)
                work[index].fill(speech, fallback.engine, cache)
    return [
        SpeechOutcome(
            speech=group.speech(),
            engine=used[index].engine.name,
            voice=used[index].preset.voice,
            fallback_reason=reasons[index],
            cached=group.cached,
        )
        for index, group in enumerate(work)
    ]


def speak(
    sentences: Sequence[Sentence],
    *,
    engine: str = "auto",
    preset: VoicePreset | None = None,
    cache: SpeechCache | None = None,
    strict: bool = False,
    rate: float | None = None,
) -> SpeechOutcome:
    """Speak one group of sentences (see `speak_many`)."""
    outcomes = speak_many(
        [sentences], engine=engine, preset=preset, cache=cache, strict=strict, rate=rate
    )
    return outcomes[0]


def with_rate(preset: VoicePreset, rate: float | None) -> VoicePreset:
    return preset if rate is None else replace(preset, rate=rate)
