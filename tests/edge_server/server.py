"""The server: an aiohttp app on 127.0.0.1 in a thread of its own, with planned faults."""

from __future__ import annotations

import asyncio
import enum
import functools
import json
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from edge_server.clips import Clip, synthetic_clip
from edge_server.protocol import (
    AUDIO_FRAME_BYTES,
    BASE_PATH,
    TOKEN,
    audio_frame,
    boundary_json,
    parse_ssml,
    sample_voices,
    sentence_boundaries,
    split_message,
    text_message,
)


class Fault(enum.Enum):
    OK = "ok"
    FORBIDDEN = "forbidden"  # HTTP 403 at the WebSocket handshake
    SERVER_ERROR = "server_error"  # HTTP 503 at the handshake
    NO_AUDIO = "no_audio"  # turn.start then turn.end, no audio at all
    DROP = "drop"  # half the audio, then the TCP connection is cut
    CLOSE_EARLY = "close_early"  # half the audio, then a clean close without turn.end
    SLOW = "slow"  # accepts the request, then says nothing for `slow_seconds`
    TRUNCATED_AUDIO = "truncated_audio"  # all boundaries, half the audio, a normal turn.end
    TRUNCATED = "truncated"  # half the boundaries and half the audio, a normal turn.end


@dataclass(frozen=True)
class ReceivedRequest:
    """One synthesis request as the server saw it."""

    query: dict[str, str]
    headers: dict[str, str]
    config: dict[str, Any]
    voice: str
    rate: str
    pitch: str
    volume: str
    text: str
    fault: Fault


@dataclass
class Stats:
    connections: int = 0
    active: int = 0
    max_active: int = 0
    voice_list_requests: int = 0
    requests: list[ReceivedRequest] = field(default_factory=list)


class EdgeTestServer:
    """Run with `with EdgeTestServer() as server:`; point the client at `server.url`."""

    def __init__(
        self,
        clip_for: Callable[[str], Clip] | None = None,
        slow_seconds: float = 5.0,
        stream_delay: float = 0.0,
        seconds_per_char: float = 0.12,
    ) -> None:
        self.default = Fault.OK
        self.slow_seconds = slow_seconds
        self.stream_delay = stream_delay  # seconds before streaming (makes requests overlap)
        self.voice_list_status = 200
        # Faults by content: a request whose text contains the key gets the fault (only the
        # faults after the handshake, which happens before the text arrives).
        self.text_faults: dict[str, Fault] = {}
        self.stats = Stats()
        self._clip_for = clip_for or functools.partial(
            synthetic_clip, seconds_per_char=seconds_per_char
        )
        self._clips: dict[str, Clip] = {}
        self._plan: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self._handlers: set[asyncio.Task[Any]] = set()
        self.port = 0

    # -- control -----------------------------------------------------------------------------

    def plan(self, *faults: Fault) -> None:
        """Faults for the next connections, one each, in order."""
        with self._lock:
            self._plan.extend(faults)

    def register_clip(self, text: str, clip: Clip) -> None:
        """Answer requests for exactly `text` with `clip` (real recorded speech)."""
        self._clips[text] = clip

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}{BASE_PATH}/edge/v1?TrustedClientToken={TOKEN}"

    @property
    def voices_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{BASE_PATH}/voices/list?trustedclienttoken={TOKEN}"

    @property
    def requests(self) -> list[ReceivedRequest]:
        return list(self.stats.requests)

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> EdgeTestServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def __exit__(self, *exc_info: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_get(f"{BASE_PATH}/edge/v1", self._synthesize)
        app.router.add_get(f"{BASE_PATH}/voices/list", self._voice_list)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _stop(self) -> None:
        for task in list(self._handlers):  # slow-server handlers still sleeping
            task.cancel()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- handlers ----------------------------------------------------------------------------

    def _next_fault(self) -> Fault:
        with self._lock:
            return self._plan.popleft() if self._plan else self.default

    async def _voice_list(self, request: web.Request) -> web.Response:
        self.stats.voice_list_requests += 1
        if request.query.get("trustedclienttoken") != TOKEN or "Sec-MS-GEC" not in request.query:
            return web.Response(status=403)
        if self.voice_list_status != 200:
            return web.Response(status=self.voice_list_status)
        return web.json_response(sample_voices())

    async def _synthesize(self, request: web.Request) -> web.StreamResponse:
        fault = self._next_fault()
        required = ("TrustedClientToken", "ConnectionId", "Sec-MS-GEC", "Sec-MS-GEC-Version")
        if fault is Fault.FORBIDDEN or any(key not in request.query for key in required):
            return web.Response(status=403, text="Forbidden")
        if fault is Fault.SERVER_ERROR:
            return web.Response(status=503, text="Service Unavailable")
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.stats.connections += 1
        self.stats.active += 1
        self.stats.max_active = max(self.stats.max_active, self.stats.active)
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
        try:
            await self._serve_turns(request, socket, fault)
        except ConnectionResetError:
            pass  # the client gave up (a timeout test): nothing to answer
        finally:
            self.stats.active -= 1
            if task is not None:
                self._handlers.discard(task)
        return socket

    async def _serve_turns(
        self, request: web.Request, socket: web.WebSocketResponse, fault: Fault
    ) -> None:
        config: dict[str, Any] = {}
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            headers, body = split_message(message.data)
            if headers.get("Path") == "speech.config":
                config = json.loads(body)
                continue
            if headers.get("Path") != "ssml":
                await socket.close(code=1002, message=b"unexpected path")
                return
            voice, rate, pitch, volume, text = parse_ssml(body)
            fault = next((f for key, f in self.text_faults.items() if key in text), fault)
            self.stats.requests.append(
                ReceivedRequest(
                    dict(request.query),
                    dict(request.headers),
                    config,
                    voice,
                    rate,
                    pitch,
                    volume,
                    text,
                    fault,
                )
            )
            options = config["context"]["synthesis"]["audio"]["metadataoptions"]
            kind = (
                "WordBoundary" if options["wordBoundaryEnabled"] == "true" else "SentenceBoundary"
            )
            await self._speak(socket, headers["X-RequestId"], text, kind, fault)
            return

    async def _speak(
        self, socket: web.WebSocketResponse, request_id: str, text: str, kind: str, fault: Fault
    ) -> None:
        context = '{"context":{"serviceTag":"reader-test"}}'
        await socket.send_str(text_message(request_id, "turn.start", context))
        stream = '{"context":{"serviceTag":"reader-test"},"audio":{"type":"inline"}}'
        await socket.send_str(text_message(request_id, "response", stream))
        if fault is Fault.SLOW:
            await asyncio.sleep(self.slow_seconds)
        if self.stream_delay:
            await asyncio.sleep(self.stream_delay)
        if fault is Fault.NO_AUDIO:
            await socket.send_str(text_message(request_id, "turn.end", "{}"))
            return
        clip = self._clips.get(text)
        if clip is None:
            clip = await asyncio.to_thread(self._clip_for, text)
            self._clips[text] = clip  # the same text sounds the same, and is made once
        boundaries = list(clip.words) if kind == "WordBoundary" else []
        if kind == "SentenceBoundary":
            boundaries = sentence_boundaries(text, clip.words)
        audio = clip.mp3
        cut = fault in (Fault.DROP, Fault.CLOSE_EARLY, Fault.TRUNCATED_AUDIO, Fault.TRUNCATED)
        if cut:
            audio = audio[: len(audio) // 2]
        if fault is Fault.TRUNCATED:
            boundaries = boundaries[: len(boundaries) // 2]
        for chunk, seconds in self._chunks(audio):
            while boundaries and boundaries[0].start <= seconds:
                word = boundaries.pop(0)
                metadata = boundary_json(kind, word.text, word.start, word.end)
                await socket.send_str(text_message(request_id, "audio.metadata", metadata))
            await socket.send_bytes(audio_frame(request_id, chunk))
        if fault is Fault.DROP:
            transport = socket._req.transport if socket._req is not None else None
            if transport is not None:
                transport.abort()
            return
        if fault is Fault.CLOSE_EARLY:
            await socket.close()
            return
        for word in boundaries:
            metadata = boundary_json(kind, word.text, word.start, word.end)
            await socket.send_str(text_message(request_id, "audio.metadata", metadata))
        await socket.send_bytes(audio_frame(request_id, b""))
        await socket.send_str(text_message(request_id, "turn.end", "{}"))

    @staticmethod
    def _chunks(audio: bytes) -> Iterator[tuple[bytes, float]]:
        """Frames of the MP3 with the playback time (seconds) each one reaches."""
        bytes_per_second = 48_000 / 8
        for start in range(0, len(audio), AUDIO_FRAME_BYTES):
            chunk = audio[start : start + AUDIO_FRAME_BYTES]
            yield chunk, (start + len(chunk)) / bytes_per_second
