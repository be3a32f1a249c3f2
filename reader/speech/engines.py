"""The voice engines reader knows, by name: a registry, and the two built-in engines.

This is the one place that names the built-in engines. An engine is registered with how to
load it (lazily: a voice model loads slowly), its default voice preset, and, for an engine that
needs the network, how to probe it; an engine that needs no network is always there. Engines
that need the network fall back to the local engine `FALLBACK` when they fail.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from reader.errors import UsageError
from reader.speech.base import Engine

AUTO = "auto"  # not an engine: the preferred engine when it answers, else the fallback
OFFLINE = "offline"
EDGE = "edge"
FALLBACK = OFFLINE  # local, always there: what `auto` and failed network engines use
PREFERRED = EDGE  # what `auto` uses when it answers


@dataclass(frozen=True)
class EngineEntry:
    name: str
    load: Callable[[], Engine]  # the engine to use (an engine may keep one instance)
    default_preset: str  # a preset in `voices/`
    probe: Callable[[], bool] | None = None  # whether its service answers; None: local
    voice_ids: re.Pattern[str] | None = None  # voice ids it takes without a preset

    @property
    def needs_network(self) -> bool:
        return self.probe is not None


_entries: dict[str, EngineEntry] = {}


def register(entry: EngineEntry) -> None:
    """Make `entry` an engine `--engine`, presets and the service accept (replacing one of the
    same name)."""
    _entries[entry.name] = entry


def unregister(name: str) -> None:
    _entries.pop(name, None)


def names() -> tuple[str, ...]:
    """The registered engines' names, in registration order."""
    return tuple(_entries)


def choices() -> tuple[str, ...]:
    """What `--engine` accepts: auto and every engine."""
    return (AUTO, *names())


def entry(name: str) -> EngineEntry:
    try:
        return _entries[name]
    except KeyError:
        raise UsageError(f"unknown engine '{name}' (use {_listed(choices())})") from None


def load(name: str) -> Engine:
    return entry(name).load()


def reachable(name: str) -> bool:
    """Whether the engine can be used now (a local engine always can)."""
    probe = entry(name).probe
    return probe is None or probe()


def engine_for_voice_id(voice_id: str) -> str | None:
    """The engine that takes `voice_id` without a preset, if any."""
    for item in _entries.values():
        if item.voice_ids is not None and item.voice_ids.match(voice_id):
            return item.name
    return None


@contextlib.contextmanager
def overridden(
    name: str,
    *,
    load: Callable[[], Engine] | None = None,
    probe: Callable[[], bool] | None = None,
) -> Iterator[EngineEntry]:
    """The registered engine `name` with another loader or probe for a while (tests use it)."""
    saved = entry(name)
    changed = replace(saved, load=load or saved.load, probe=probe or saved.probe)
    register(changed)
    try:
        yield changed
    finally:
        register(saved)


def _listed(words: tuple[str, ...]) -> str:
    return ", ".join(words[:-1]) + f" or {words[-1]}" if len(words) > 1 else "".join(words)


@functools.cache
def _offline() -> Engine:
    """The process's one offline engine (its model loads on first use)."""
    from reader.speech.offline import OfflineEngine

    return OfflineEngine()


def _edge() -> Engine:
    from reader.speech.edge import EdgeEngine

    return EdgeEngine()  # settings from the environment, read anew for every request


def _edge_answers() -> bool:
    from reader.speech.edge import probe

    return probe()


register(EngineEntry(OFFLINE, _offline, default_preset="offline"))
register(
    EngineEntry(
        EDGE,
        _edge,
        default_preset="xiaoxiao",
        probe=_edge_answers,
        voice_ids=re.compile(r"^[a-z]{2,3}-[A-Za-z]{2,4}(-[A-Za-z]+)?-\w+Neural$"),
    )
)
