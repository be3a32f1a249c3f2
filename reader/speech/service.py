"""Speech orchestration: pick the engine, use the cache, fall back to the local engine.

Every sentence is cached on its own (see `reader.speech.cache`), so a rebuild after editing
one sentence synthesizes only that sentence; engines are asked only for the missing ones, and
their result is cut back into sentences at the sentence cues (which cover the audio).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.errors import ReaderError, ServiceUnavailableError, SynthesisError, UsageError
from reader.model import Paragraph, Sentence, Speech
from reader.speech import engines
from reader.speech.base import Engine, SpeechOutcome, VoicePreset
from reader.speech.cache import SpeechCache, speech_key
from reader.speech.clips import clip_per_sentence, join_speech
from reader.speech.presets import resolve_voice

if TYPE_CHECKING:  # the pronouncer loads on first use, only for sentences without readings
    from reader.pronounce import Pronouncer


def warn(message: str) -> None:
    print(f"reader: warning: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Plan:
    """The engine and voice chosen for a request, and why it is not the one asked for."""

    engine: Engine
    preset: VoicePreset
    fallback_reason: str | None = None


def _fallback_plan(rate: float | None = None, reason: str | None = None) -> Plan:
    preset = with_rate(resolve_voice(None, engines.FALLBACK), rate)
    return Plan(engines.load(engines.FALLBACK), preset, reason)


def plan(engine: str, preset: VoicePreset | None, *, strict: bool) -> Plan:
    """Resolve `engine` (auto or a registered engine) and the preset into a concrete engine."""
    if engine != engines.AUTO:
        engines.entry(engine)  # an unknown engine is a usage error
    if preset is not None and engine != engines.AUTO and preset.engine != engine:
        raise UsageError(f"voice '{preset.name}' belongs to the {preset.engine} engine")
    wanted = engine if engine != engines.AUTO else preset.engine if preset else engines.PREFERRED
    chosen = preset or resolve_voice(None, wanted)
    if engines.reachable(wanted):
        return Plan(engines.load(wanted), chosen)
    if engine != engines.AUTO:
        raise ServiceUnavailableError(f"the {wanted} voice service cannot be reached")
    if preset is None:  # plain auto without a network: the fallback voice is the default
        return _fallback_plan()
    fallback = engines.FALLBACK
    reason = f"{wanted} service unreachable; voice '{preset.name}' replaced by the {fallback} voice"
    if strict:
        raise ServiceUnavailableError(
            f"the {wanted} voice service cannot be reached ({preset.name})"
        )
    warn(reason)
    return _fallback_plan(reason=reason)


@functools.cache
def _plain_pronouncer() -> Pronouncer:
    from reader.pronounce import Pronouncer

    return Pronouncer()


def pronounced(
    sentences: Sequence[Sentence], pronouncer: Pronouncer | None = None
) -> tuple[Sentence, ...]:
    """The sentences with readings. Callers pronounce before speech, with the user's lexicon
    (`reader build`, `reader speak`); sentences that come without readings all the same are
    pronounced here by `pronouncer` (default: one without a lexicon)."""
    if all(sentence.speech is not None for sentence in sentences):
        return tuple(sentences)
    reader = pronouncer or _plain_pronouncer()
    return reader.paragraph(Paragraph(tuple(sentences))).sentences


class _Group:
    """One request's sentences, their cache keys, and the clips found so far."""

    def __init__(self, sentences: tuple[Sentence, ...]) -> None:
        self.sentences = sentences
        self.clips: list[Speech | None] = [None] * len(sentences)
        self.keys: list[str] = []
        self.cached = False  # whether the last lookup found every sentence

    def lookup(self, engine: Engine, preset: VoicePreset, cache: SpeechCache | None) -> None:
        """Key every sentence for this engine and voice, and take what the cache holds."""
        identity = engine.cache_identity()
        self.keys = [
            speech_key(engine=engine.name, preset=preset, model_checksum=identity, sentence=s)
            for s in self.sentences
        ]
        self.clips = [cache.get(key) if cache else None for key in self.keys]
        self.cached = all(clip is not None for clip in self.clips)

    def missing(self) -> list[Sentence]:
        return [s for s, clip in zip(self.sentences, self.clips, strict=True) if clip is None]

    def fill(self, speech: Speech, engine: Engine, cache: SpeechCache | None) -> None:
        """Take the engine's speech for the missing sentences (keyed by the last lookup)."""
        missing = [index for index, clip in enumerate(self.clips) if clip is None]
        if len(speech.sentences) != len(missing):
            raise SynthesisError(
                f"{engine.name} voice returned {len(speech.sentences)} sentence timings "
                f"for {len(missing)} sentences"
            )
        for index, clip in zip(missing, clip_per_sentence(speech), strict=True):
            self.clips[index] = clip
            if cache is not None:
                cache.put(self.keys[index], clip)

    def speech(self) -> Speech:
        return join_speech([clip for clip in self.clips if clip is not None])


def all_cached(sentences: Sequence[Sentence], *, chosen: Plan, cache: SpeechCache) -> bool:
    """Whether `cache` holds every sentence (pronounced) as the `chosen` voice says it."""
    group = _Group(tuple(sentences))
    group.lookup(chosen.engine, chosen.preset, cache)
    return group.cached


def speak_many(
    groups: Sequence[Sequence[Sentence]],
    *,
    engine: str = engines.AUTO,
    preset: VoicePreset | None = None,
    cache: SpeechCache | None = None,
    strict: bool = False,
    rate: float | None = None,
    chosen: Plan | None = None,
    pronouncer: Pronouncer | None = None,
) -> list[SpeechOutcome]:
    """Speak each group (a section, say) into one `Speech`; results in the order given.

    `rate` overrides the speaking rate of whichever voice ends up speaking. `chosen`, a
    `plan()` the caller already made, saves probing the service again (`engine` and `preset`
    are then not looked at). Sentences should come pronounced; see `pronounced`.
    """
    if chosen is None:
        chosen = plan(engine, preset, strict=strict)
    chosen = replace(chosen, preset=with_rate(chosen.preset, rate))
    work = [_Group(pronounced(group, pronouncer)) for group in groups]
    reasons: list[str | None] = [chosen.fallback_reason] * len(work)
    used: list[Plan] = [chosen] * len(work)
    for group in work:
        group.lookup(chosen.engine, chosen.preset, cache)
    pending = [index for index, group in enumerate(work) if not group.cached]
    results = chosen.engine.synthesize_many(
        [work[index].missing() for index in pending], chosen.preset
    )
    failed: list[int] = []
    for index, result in zip(pending, results, strict=True):
        if isinstance(result, Speech):
            work[index].fill(result, chosen.engine, cache)
        elif not engines.entry(chosen.engine.name).needs_network or strict:
            if isinstance(result, ReaderError):  # e.g. exit 69 when edge went unreachable
                raise result
            raise SynthesisError(f"{chosen.engine.name} voice failed: {result}") from result
        else:
            failed.append(index)
            reasons[index] = (
                f"{chosen.engine.name} voice failed ({result}); used the {engines.FALLBACK} voice"
            )
            warn(f"section {index + 1}: {reasons[index]}")
    if failed:
        fallback = _fallback_plan(rate)
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
    engine: str = engines.AUTO,
    preset: VoicePreset | None = None,
    cache: SpeechCache | None = None,
    strict: bool = False,
    rate: float | None = None,
    pronouncer: Pronouncer | None = None,
) -> SpeechOutcome:
    """Speak one group of sentences (see `speak_many`)."""
    outcomes = speak_many(
        [sentences],
        engine=engine,
        preset=preset,
        cache=cache,
        strict=strict,
        rate=rate,
        pronouncer=pronouncer,
    )
    return outcomes[0]


def with_rate(preset: VoicePreset, rate: float | None) -> VoicePreset:
    return preset if rate is None else replace(preset, rate=rate)
