"""The edge engine: Microsoft's neural voices, with retries, a concurrency limit and timings."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Sequence

from reader.audio import decode_audio
from reader.audio import duration as audio_duration
from reader.errors import InputError, ReaderError
from reader.model import Sentence, Speech
from reader.speech.base import Capabilities, Engine, Timing, VoicePreset
from reader.speech.edge import timing
from reader.speech.edge.client import (
    RETRIABLE,
    EdgeServiceUnreachable,
    EdgeSettings,
    EdgeSynthesisFailed,
    IncompleteAudio,
    Received,
    failure_reason,
    fetch,
    is_unreachable,
    run_sync,
    service_url,
)
from reader.speech.engines import EDGE

log = logging.getLogger(__name__)
_jitter = random.Random()


def _decode_mp3(data: bytes) -> tuple[bytes, int]:
    """MP3 → 16-bit mono PCM and its sample rate, through `reader.audio` (libsndfile)."""
    try:
        return decode_audio(data)
    except InputError as error:
        raise IncompleteAudio("the audio cannot be decoded") from error


def backoff_delay(retry: int, settings: EdgeSettings, rng: random.Random | None = None) -> float:
    """Seconds before retry number `retry` (1-based): exponential, capped, half of it jittered
    so that parallel requests that failed together do not come back together."""
    ceiling = min(settings.backoff_max, settings.backoff_base * 2.0 ** (retry - 1))
    return ceiling / 2 + (rng or _jitter).uniform(0, ceiling / 2)


class EdgeEngine(Engine):
    """Reads sentences with an edge voice (`preset.voice`, e.g. zh-CN-XiaoxiaoNeural).

    Sends each sentence's `speech.respelled` text; returns 24 kHz mono PCM with a cue per
    sentence and per word from the service's WordBoundary timings. A request whose audio is
    missing, cut short or late is retried with backoff; after the last try it raises
    `EdgeSynthesisFailed` (`EdgeServiceUnreachable` when the service was never reached).
    """

    name = EDGE
    # edge-tts cuts text too long for one request itself; timings come per word.
    capabilities = Capabilities(timing=Timing.WORD, phoneme_input=False, parallel=True)

    def __init__(self, settings: EdgeSettings | None = None, url: str | None = None) -> None:
        self.settings = settings or EdgeSettings.from_env()
        self.url = service_url(url)

    def synthesize(self, sentences: Sequence[Sentence], preset: VoicePreset) -> Speech:
        return run_sync(self.synthesize_async(sentences, preset))

    def synthesize_many(
        self,
        groups: Sequence[Sequence[Sentence]],
        preset: VoicePreset,
        concurrency: int | None = None,
    ) -> list[Speech | Exception]:
        """Each group's Speech, or the ReaderError it ended in, with at most `concurrency`
        (default: settings.concurrency) requests in flight at once."""
        limit = concurrency or self.settings.concurrency
        return run_sync(self._synthesize_many(groups, preset, limit))

    async def _synthesize_many(
        self, groups: Sequence[Sequence[Sentence]], preset: VoicePreset, limit: int
    ) -> list[Speech | Exception]:
        slots = asyncio.Semaphore(limit)

        async def one(sentences: Sequence[Sentence]) -> Speech | Exception:
            try:
                return await self.synthesize_async(sentences, preset, slots)
            except ReaderError as error:
                return error

        return list(await asyncio.gather(*(one(group) for group in groups)))

    async def synthesize_async(
        self,
        sentences: Sequence[Sentence],
        preset: VoicePreset,
        slots: asyncio.Semaphore | None = None,
    ) -> Speech:
        """`synthesize` for callers with an event loop; `slots` limits requests in flight."""
        request = timing.request_text(sentences)
        if not request.text.strip():
            raise InputError("nothing to read aloud: the sentences are empty")
        slots = slots or asyncio.Semaphore(1)
        reasons: list[str] = []
        unreachable = True
        for attempt in range(1, self.settings.attempts + 1):
            try:
                async with slots:  # released while backing off, so others can use the slot
                    received = await fetch(request.text, preset, self.url, self.settings)
                return await asyncio.to_thread(self._assemble, sentences, request, received)
            except RETRIABLE as error:
                reasons.append(failure_reason(error))
                unreachable = unreachable and is_unreachable(error)
                log.info("edge attempt %d/%d: %s", attempt, self.settings.attempts, reasons[-1])
            if attempt < self.settings.attempts:
                await asyncio.sleep(backoff_delay(attempt, self.settings))
        failure = EdgeServiceUnreachable if unreachable else EdgeSynthesisFailed
        tries = f"{self.settings.attempts} attempt" + ("s" if self.settings.attempts > 1 else "")
        raise failure(f"edge voice failed after {tries}: {reasons[-1]}", self.settings.attempts)

    def _assemble(
        self, sentences: Sequence[Sentence], request: timing.RequestText, received: Received
    ) -> Speech:
        if not received.mp3:
            raise IncompleteAudio("the service sent no audio")
        pcm, sample_rate = _decode_mp3(received.mp3)
        duration = audio_duration(pcm, sample_rate)
        placed = timing.place(request, received.boundaries)
        problem = timing.incompleteness(
            request, placed, duration, self.settings.truncation_tolerance
        )
        if problem is not None:
            raise IncompleteAudio(problem)
        return Speech(
            samples=pcm,
            sample_rate=sample_rate,
            sentences=timing.sentence_cues(sentences, placed, duration),
            words=timing.word_cues(sentences, request, placed),
        )
