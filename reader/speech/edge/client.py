"""One request to Microsoft's read-aloud service through the real `edge_tts` client.

The service address is `edge_tts.communicate.WSS_URL`. `READER_EDGE_WSS_URL` overrides it — a
testing hook that points the client (and `reader speak` in a subprocess) at a local server
speaking the same protocol; ws:// and wss:// both work.
"""

from __future__ import annotations

import asyncio
import math
import os
import ssl
import threading
import uuid
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import aiohttp
import certifi
import edge_tts
import edge_tts.communicate
from edge_tts import constants as edge_constants
from edge_tts.drm import DRM
from edge_tts.exceptions import EdgeTTSException, NoAudioReceived

from reader.errors import ServiceUnavailableError, SynthesisError, UsageError
from reader.speech.base import VoicePreset
from reader.speech.edge.timing import Boundary

WSS_URL_ENV = "READER_EDGE_WSS_URL"
# The service takes pitch in Hz; a preset's pitch ratio is taken against a typical voice.
NOMINAL_PITCH_HZ = 200.0
T = TypeVar("T")


class EdgeSynthesisFailed(SynthesisError):
    """The edge voice gave no complete audio after every retry (the service layer falls back
    to the offline voice, or fails under --strict)."""

    def __init__(self, reason: str, attempts: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = attempts


class EdgeServiceUnreachable(EdgeSynthesisFailed, ServiceUnavailableError):
    """Every attempt failed to reach the service at all (DNS, refused, no network).

    A `SynthesisError` (so `--engine auto` falls back) and a `ServiceUnavailableError`
    (so an explicit `--engine edge` exits with 69)."""

    exit_code = ServiceUnavailableError.exit_code


class IncompleteAudio(Exception):
    """The service's answer does not cover the whole text (retried like a network fault)."""


@dataclass(frozen=True)
class EdgeSettings:
    """Retries, timeouts and parallelism. Tests shrink them; users rarely need to."""

    attempts: int = 4  # tries per request, the first included
    backoff_base: float = 0.5  # seconds before the 1st retry; doubles each time, with jitter
    backoff_max: float = 8.0
    connect_timeout: float = 10.0
    timeout: float = 20.0  # per request, plus `timeout_per_char` for each character sent
    timeout_per_char: float = 0.05
    concurrency: int = 4  # requests in flight at once
    truncation_tolerance: float = 0.05  # seconds the audio may fall short of the last word

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.concurrency < 1:
            raise UsageError("edge settings need at least one attempt and one request at once")

    @classmethod
    def from_env(cls) -> EdgeSettings:
        """Defaults, with testing hooks: READER_EDGE_ATTEMPTS, READER_EDGE_BACKOFF (seconds)
        and READER_EDGE_TIMEOUT (seconds per request) let subprocess tests fail fast."""
        values: dict[str, Any] = {}
        for variable, field, kind in (
            ("READER_EDGE_ATTEMPTS", "attempts", int),
            ("READER_EDGE_BACKOFF", "backoff_base", float),
            ("READER_EDGE_TIMEOUT", "timeout", float),
        ):
            raw = os.environ.get(variable)
            if raw:
                try:
                    values[field] = kind(raw)
                except ValueError:
                    raise UsageError(f"{variable} must be a number, not {raw!r}") from None
        if "timeout" in values:
            values["timeout_per_char"] = 0.0
        return cls(**values)

    def request_timeout(self, text: str) -> float:
        return self.timeout + self.timeout_per_char * len(text)


def service_url(override: str | None = None) -> str:
    """The WebSocket address requests go to: `override`, else $READER_EDGE_WSS_URL, else the
    library's own."""
    url = override or os.environ.get(WSS_URL_ENV) or edge_constants.WSS_URL
    return _with_token(url, "TrustedClientToken", ("ws", "wss"))


def _with_token(url: str, key: str, schemes: tuple[str, ...]) -> str:
    if urlsplit(url).scheme not in schemes or not urlsplit(url).hostname:
        raise UsageError(f"edge service address must be a {'/'.join(schemes)} URL, got {url!r}")
    # edge-tts appends "&ConnectionId=..." to the address, so it must carry a query already.
    if "?" not in url:
        url += f"?{key}={edge_constants.TRUSTED_CLIENT_TOKEN}"
    return url


def prosody(preset: VoicePreset) -> tuple[str, str, str]:
    """The preset's ratios in the service's terms: (rate %, volume %, pitch Hz)."""
    for name, ratio in (("rate", preset.rate), ("pitch", preset.pitch), ("volume", preset.volume)):
        if not (ratio > 0 and math.isfinite(ratio)):
            raise UsageError(f"voice preset {preset.name!r}: {name} must be a positive ratio")
    return (
        f"{round((preset.rate - 1) * 100):+d}%",
        f"{round((preset.volume - 1) * 100):+d}%",
        f"{round((preset.pitch - 1) * NOMINAL_PITCH_HZ):+d}Hz",
    )


@dataclass(frozen=True)
class Received:
    mp3: bytes
    boundaries: tuple[Boundary, ...]


async def fetch(text: str, preset: VoicePreset, url: str, settings: EdgeSettings) -> Received:
    """Send `text` once; the MP3 bytes and word boundaries that came back.

    Raises whatever the client raises (aiohttp, edge_tts, TimeoutError) or IncompleteAudio
    when the connection closed before the end of the turn."""
    rate, volume, pitch = prosody(preset)
    try:
        communicate = edge_tts.Communicate(
            text,
            preset.voice,
            boundary="WordBoundary",
            connect_timeout=math.ceil(settings.connect_timeout),
            receive_timeout=math.ceil(settings.request_timeout(text)),
            rate=rate,
            volume=volume,
            pitch=pitch,
        )
    except ValueError as error:
        raise UsageError(
            f"voice preset {preset.name!r}: {preset.voice!r} is not an edge voice "
            "(expected an id such as zh-CN-XiaoxiaoNeural)"
        ) from error
    audio = bytearray()
    boundaries: list[Boundary] = []
    async with asyncio.timeout(settings.request_timeout(text)):
        # The client reads this module global when it connects; setting it right before
        # each stream keeps every request on the address this engine was given.
        edge_tts.communicate.WSS_URL = url  # type: ignore[attr-defined]
        async for chunk in communicate.stream():
            if chunk["type"] == "audio":
                audio += chunk["data"]
            else:
                start = chunk["offset"] / edge_constants.TICKS_PER_SECOND
                end = start + chunk["duration"] / edge_constants.TICKS_PER_SECOND
                boundaries.append(Boundary(chunk["text"], start, end))
    # The client counts a turn's bytes until `turn.end` resets the count; bytes left over
    # mean the stream stopped without one (the connection was closed mid-turn).
    if communicate.state["chunk_audio_bytes"]:
        raise IncompleteAudio("the connection closed before the service finished")
    return Received(bytes(audio), tuple(boundaries))


def is_unreachable(error: BaseException) -> bool:
    """A failure to reach the service at all, as opposed to a bad answer from it."""
    return isinstance(error, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError)


def failure_reason(error: BaseException) -> str:
    """One line saying what went wrong with a request."""
    if isinstance(error, aiohttp.WSServerHandshakeError):
        return f"HTTP {error.status} at the handshake"
    if isinstance(error, aiohttp.ClientResponseError):
        return f"HTTP {error.status}"
    if isinstance(error, aiohttp.ClientConnectorError):
        return f"cannot connect to {error.host}: {error.os_error.strerror or error.os_error}"
    if isinstance(error, TimeoutError):
        return "the service did not answer in time"
    if isinstance(error, NoAudioReceived):
        return "the service sent no audio"
    if isinstance(error, IncompleteAudio):
        return str(error)
    if isinstance(error, aiohttp.ClientError | EdgeTTSException | OSError):
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        return f"connection failed: {detail}"
    return f"{type(error).__name__}: {error}"


RETRIABLE: tuple[type[BaseException], ...] = (
    aiohttp.ClientError,
    EdgeTTSException,
    TimeoutError,
    OSError,
    IncompleteAudio,
)
# What a probe or a voice listing treats as "not available" (ValueError: a bad Date header).
UNAVAILABLE: tuple[type[BaseException], ...] = (*RETRIABLE, ValueError, KeyError)


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from sync code, even inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        in_loop = False
    else:
        in_loop = True
    if not in_loop:
        return asyncio.run(coroutine)
    result: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coroutine))
        except BaseException as error:
            failure.append(error)

    worker = threading.Thread(target=target)
    worker.start()
    worker.join()
    if failure:
        raise failure[0]
    return result[0]


def _ssl_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=certifi.where())


async def _handshake(url: str) -> None:
    address = (
        f"{url}&ConnectionId={uuid.uuid4().hex}&Sec-MS-GEC={DRM.generate_sec_ms_gec()}"
        f"&Sec-MS-GEC-Version={edge_constants.SEC_MS_GEC_VERSION}"
    )
    async with (
        aiohttp.ClientSession(trust_env=True) as session,
        session.ws_connect(
            address, headers=DRM.headers_with_muid(edge_constants.WSS_HEADERS), ssl=_ssl_context()
        ),
    ):
        pass


PROBE_TIMEOUT = 1.5  # seconds: a reachable service answers well within this


async def probe_async(timeout: float = PROBE_TIMEOUT, url: str | None = None) -> bool:
    """True when a WebSocket handshake with the service succeeds within `timeout` seconds."""
    address = service_url(url)
    try:
        async with asyncio.timeout(timeout):
            try:
                await _handshake(address)
            except aiohttp.WSServerHandshakeError as error:
                if error.status != 403:
                    raise
                # The token depends on the clock: correct the skew from the server's Date,
                # as the client itself does, and try once more.
                DRM.handle_client_response_error(error)
                await _handshake(address)
    except UNAVAILABLE:
        return False
    return True
