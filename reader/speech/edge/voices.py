"""The service's Chinese voices, through `edge_tts.list_voices`.

Its address is `edge_tts.voices.VOICE_LIST`; `READER_EDGE_VOICES_URL` overrides it (a testing
hook, like READER_EDGE_WSS_URL).
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass

import edge_tts
import edge_tts.voices
from edge_tts import constants as edge_constants

from reader.errors import ServiceUnavailableError
from reader.speech.edge.client import UNAVAILABLE, _with_token, failure_reason, run_sync

VOICES_URL_ENV = "READER_EDGE_VOICES_URL"


@dataclass(frozen=True)
class OnlineVoice:
    short_name: str  # the id a preset's `voice` names, e.g. "zh-CN-YunyangNeural"
    locale: str
    gender: str
    categories: tuple[str, ...]  # e.g. ("News", "Novel")
    personalities: tuple[str, ...]  # e.g. ("Warm",)


def voices_url(override: str | None = None) -> str:
    url = override or os.environ.get(VOICES_URL_ENV) or edge_constants.VOICE_LIST
    return _with_token(url, "trustedclienttoken", ("http", "https"))


async def chinese_voices_async(timeout: float = 5.0, url: str | None = None) -> list[OnlineVoice]:
    """The service's voices for Chinese locales (zh-CN, zh-TW, zh-HK, ...), sorted by id."""
    address = voices_url(url)
    try:
        async with asyncio.timeout(timeout):
            # list_voices reads this module global when it sends the request.
            edge_tts.voices.VOICE_LIST = address  # type: ignore[attr-defined]
            listed = await edge_tts.list_voices()
    except UNAVAILABLE as error:
        raise ServiceUnavailableError(
            f"cannot list the edge voices: {failure_reason(error)}"
        ) from error
    voices = [
        OnlineVoice(
            short_name=str(voice["ShortName"]),
            locale=str(voice["Locale"]),
            gender=str(voice.get("Gender", "")),
            categories=tuple(voice["VoiceTag"]["ContentCategories"]),
            personalities=tuple(voice["VoiceTag"]["VoicePersonalities"]),
        )
        for voice in listed
        if str(voice.get("Locale", "")).startswith("zh-")
    ]
    return sorted(voices, key=lambda voice: voice.short_name)


def chinese_voices(timeout: float = 5.0, url: str | None = None) -> list[OnlineVoice]:
    return run_sync(chinese_voices_async(timeout, url))
