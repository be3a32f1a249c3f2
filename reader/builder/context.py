"""What the builds of one command (or one worker process) share: the pronouncer (slow to
load), the voice, the speech cache, and the engine once `auto` has chosen one."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader.builder.options import BuildOptions, ProgressFactory
from reader.errors import InputError, UsageError
from reader.model import Paragraph
from reader.package.profiles import PROFILES, Profile
from reader.speech import engines
from reader.speech.base import SpeechOutcome, VoicePreset

if TYPE_CHECKING:
    from reader.pronounce import Lexicon, Pronouncer
    from reader.speech.cache import SpeechCache
    from reader.speech.service import Plan


class BuildContext:
    """Loaded once, used for every article. `lexicon`: an already loaded lexicon (a worker
    of a cluster gets the client's, not a path on the client's disk)."""

    def __init__(
        self,
        options: BuildOptions,
        *,
        cache: SpeechCache | None = None,
        progress: ProgressFactory | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        if options.profile not in PROFILES:
            raise UsageError(f"unknown profile '{options.profile}' (use podcast or radio)")
        self.options = options
        self.profile: Profile = PROFILES[options.profile]
        self.progress = progress
        self._cache = cache
        self._lexicon = lexicon
        self._pronouncer: Pronouncer | None = None
        self._preset: VoicePreset | None = None
        self._lexicon_digest: str | None = None
        self._voice: Plan | None = None

    @property
    def cache(self) -> SpeechCache:
        if self._cache is None:
            from reader.speech.cache import SpeechCache

            self._cache = SpeechCache()
        return self._cache

    def preset(self) -> VoicePreset | None:
        if self.options.voice is not None and self._preset is None:
            from reader.speech.presets import resolve_voice

            self._preset = resolve_voice(self.options.voice, self.options.engine)
        return self._preset

    def lexicon_digest(self) -> str:
        if self._lexicon_digest is None:
            path = self.options.lexicon
            try:
                data = path.read_bytes() if path is not None else b""
            except OSError as error:
                raise InputError(f"{path}: cannot read lexicon ({error.strerror})") from error
            self._lexicon_digest = hashlib.sha256(data).hexdigest()
        return self._lexicon_digest

    def lexicon(self) -> Lexicon | None:
        """The user lexicon (loaded once), or None without one."""
        if self._lexicon is None and self.options.lexicon is not None:
            from reader.pronounce import Lexicon

            self._lexicon = Lexicon.load(self.options.lexicon)
        return self._lexicon

    def pronouncer(self) -> Pronouncer:
        if self._pronouncer is None:
            from reader.pronounce import Pronouncer

            self._pronouncer = Pronouncer(lexicon=self.lexicon())
        return self._pronouncer

    def _settle_voice(self) -> Plan:
        """Choose the engine once per command (one reachability probe, one warning).

        `auto` that lands on the offline voice stays there for every article (the plan's
        fallback reason goes on every section); with the edge voice, a later outage still
        falls back section by section after the edge engine's own retries.
        """
        if self._voice is None:
            from reader.speech.service import plan

            self._voice = plan(self.options.engine, self.preset(), strict=self.options.strict)
        return self._voice

    def network_voice_chosen(self) -> bool:
        """Whether this command speaks with a voice behind the network, such as the edge
        voice, which may have failed over before (probing the service once)."""
        return engines.entry(self._settle_voice().engine.name).needs_network

    def cached(self, paragraph: Paragraph) -> bool:
        """Whether the speech cache already holds all of `paragraph` in this command's voice."""
        from reader.speech.service import all_cached

        return all_cached(paragraph.sentences, chosen=self._settle_voice(), cache=self.cache)

    def speak(
        self, paragraphs: Sequence[Paragraph], done: Callable[[int], None] | None = None
    ) -> list[SpeechOutcome]:
        """Speech for each paragraph. A voice that speaks one request at a time (the offline
        voice) is asked paragraph by paragraph, so each finished paragraph is in the cache
        before the next starts (an interrupted build resumes there); one that runs requests in
        parallel (the edge voice) gets a whole section at once."""
        from reader.speech.service import speak_many

        chosen = self._settle_voice()
        parallel = chosen.engine.capabilities.parallel
        batches = [list(paragraphs)] if parallel else [[p] for p in paragraphs]
        outcomes: list[SpeechOutcome] = []
        for batch in batches:
            outcomes += speak_many(
                [paragraph.sentences for paragraph in batch],
                chosen=chosen,
                cache=self.cache,
                strict=self.options.strict,
            )
            if done is not None:
                done(len(batch))
        return outcomes
