"""A local stand-in for Microsoft's read-aloud service, for testing the real edge-tts client.

It speaks the service's WebSocket protocol on 127.0.0.1 (port 0, so parallel test workers never
collide): `Path:speech.config` and `Path:ssml` in; `Path:turn.start`, `Path:response`, binary
`Path:audio` frames (2-byte big-endian header length, headers, MP3 bytes),
`Path:audio.metadata` JSON with WordBoundary/SentenceBoundary offsets in 100 ns ticks, and
`Path:turn.end` out. It also serves the voice list (`GET .../voices/list`).

Audio is real MP3 (24 kHz mono, 48 kbps CBR like the service, so edge-tts's byte-count offset
compensation holds): recorded clips registered with `register_clip` (the tests register speech
made by the offline voice), otherwise a synthetic tone per word.

Faults are planned per connection with `plan(...)`; connections beyond the plan get `default`.
"""

from __future__ import annotations

import asyncio
import enum
import functools
import io
import json
import re
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import unescape

import numpy as np
import soundfile
from aiohttp import WSMsgType, web

from reader.model import Sentence, SpeechText
from reader.speech.base import VoicePreset
from reader.speech.edge import EdgeSettings
from reader.speech.edge.timing import request_text

SAMPLE_RATE = 24_000
TICKS_PER_SECOND = 10_000_000
TOKEN = "6A5AA1D4EAFF4E9FB37E23D68491D6F4"
BASE_PATH = "/consumer/speech/synthesize/readaloud"
AUDIO_FRAME_BYTES = 4096


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
class Word:
    text: str
    start: float  # seconds
    end: float


@dataclass(frozen=True)
class Clip:
    mp3: bytes
    words: tuple[Word, ...]


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


def encode_mp3(samples: np.ndarray) -> bytes:
    """Float samples in [-1, 1] at 24 kHz → MP3 bytes, 48 kbps CBR (the service's format)."""
    buffer = io.BytesIO()
    soundfile.write(
        buffer,
        samples.astype(np.float32),
        SAMPLE_RATE,
        format="MP3",
        bitrate_mode="CONSTANT",
        compression_level=0.75,
    )
    return buffer.getvalue()


def clip_from_speech(
    samples: bytes, sample_rate: int, words: Sequence[tuple[str, float, float]]
) -> Clip:
    """A recording (16-bit PCM at 24 kHz, e.g. from the offline voice) as the service sends it."""
    if sample_rate != SAMPLE_RATE:
        raise ValueError("the service streams 24 kHz audio")
    signal = np.frombuffer(samples, dtype="<i2").astype(np.float32) / 32768
    return Clip(encode_mp3(signal), tuple(Word(*word) for word in words))


_WORD = re.compile(r"[A-Za-z0-9]+|[^\W\d_A-Za-z]{1,2}")


def synthetic_clip(text: str, seconds_per_char: float = 0.12) -> Clip:
    """A tone per word (Han characters in pairs, Latin/digit runs whole), pauses at
    punctuation; `seconds_per_char` sets the pace (and so the MP3 encoding time)."""
    pause, gap = 1.5 * seconds_per_char, seconds_per_char / 4
    pieces: list[np.ndarray] = [np.zeros(int(0.1 * SAMPLE_RATE))]
    words: list[Word] = []
    position = 0.1
    cursor = 0
    for index, match in enumerate(_WORD.finditer(text)):
        if re.search(r"[，。！？；、,.!?;\n]", text[cursor : match.start()]):
            pieces.append(np.zeros(int(pause * SAMPLE_RATE)))
            position += pause
        cursor = match.end()
        seconds = seconds_per_char * len(match.group())
        t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
        pieces.append(0.3 * np.sin(2 * np.pi * (180 + 20 * (index % 7)) * t))
        pieces.append(np.zeros(int(gap * SAMPLE_RATE)))
        words.append(Word(match.group(), position, position + seconds))
        position += seconds + gap
    pieces.append(np.zeros(int(0.2 * SAMPLE_RATE)))
    return Clip(encode_mp3(np.concatenate(pieces)), tuple(words))


def sample_voices() -> list[dict[str, Any]]:
    """A short voice list in the service's format: three Chinese voices and two others."""

    def voice(short: str, gender: str, locale: str, categories: list[str]) -> dict[str, Any]:
        lang, region, name = short.split("-", 2)
        return {
            "Name": f"Microsoft Server Speech Text to Speech Voice ({lang}-{region}, {name})",
            "ShortName": short,
            "Gender": gender,
            "Locale": locale,
            "SuggestedCodec": "audio-24khz-48kbitrate-mono-mp3",
            "FriendlyName": f"Microsoft {name} Online (Natural)",
            "Status": "GA",
            "VoiceTag": {"ContentCategories": categories, "VoicePersonalities": ["Warm"]},
        }

    return [
        voice("en-US-EmmaMultilingualNeural", "Female", "en-US", ["Conversation"]),
        voice("zh-CN-XiaoxiaoNeural", "Female", "zh-CN", ["News", "Novel"]),
        voice("zh-CN-YunyangNeural", "Male", "zh-CN", ["News"]),
        voice("zh-TW-HsiaoChenNeural", "Female", "zh-TW", ["General"]),
        voice("fr-FR-DeniseNeural", "Female", "fr-FR", ["General"]),
    ]


def _text_message(request_id: str, path: str, body: str) -> str:
    return (
        f"X-RequestId:{request_id}\r\n"
        "Content-Type:application/json; charset=utf-8\r\n"
        f"Path:{path}\r\n\r\n{body}"
    )


def _audio_frame(request_id: str, data: bytes) -> bytes:
    # edge-tts reads the first two bytes as the header length, then skips header + 2 bytes.
    content_type = "Content-Type:audio/mpeg\r\n" if data else ""
    headers = f"X-RequestId:{request_id}\r\n{content_type}X-StreamId:{request_id}\r\nPath:audio\r\n"
    encoded = headers.encode()
    return len(encoded).to_bytes(2, "big") + encoded + data


def _boundary(kind: str, text: str, start: float, end: float) -> str:
    data = {
        "Offset": round(start * TICKS_PER_SECOND),
        "Duration": round((end - start) * TICKS_PER_SECOND),
        "text": {"Text": text, "Length": len(text), "BoundaryType": kind},
    }
    return json.dumps({"Metadata": [{"Type": kind, "Data": data}]}, ensure_ascii=False)


def _sentence_boundaries(text: str, words: Sequence[Word]) -> list[Word]:
    """Merge word boundaries into the sentences of `text` (split at 。！？ and newlines)."""
    sentences: list[Word] = []
    cursor = 0
    current: list[Word] = []
    for word in words:
        found = text.find(word.text, cursor)
        if found < 0:
            continue
        if current and re.search(r"[。！？!?\n]", text[cursor:found]):
            sentences.append(_merge(current))
            current = []
        current.append(word)
        cursor = found + len(word.text)
    if current:
        sentences.append(_merge(current))
    return sentences


def _merge(words: Sequence[Word]) -> Word:
    return Word("".join(word.text for word in words), words[0].start, words[-1].end)


def _parse_ssml(ssml: str) -> tuple[str, str, str, str, str]:
    voice = re.search(r"<voice name='([^']*)'>", ssml)
    prosody = re.search(r"<prosody pitch='([^']*)' rate='([^']*)' volume='([^']*)'>", ssml)
    body = re.search(r"<prosody[^>]*>(.*)</prosody>", ssml, re.DOTALL)
    if voice is None or prosody is None or body is None:
        raise ValueError("malformed SSML")
    pitch, rate, volume = prosody.groups()
    return voice.group(1), rate, pitch, volume, unescape(body.group(1))


def _split_message(message: str) -> tuple[dict[str, str], str]:
    head, _, body = message.partition("\r\n\r\n")
    headers = dict(line.split(":", 1) for line in head.split("\r\n") if ":" in line)
    return headers, body


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
            headers, body = _split_message(message.data)
            if headers.get("Path") == "speech.config":
                config = json.loads(body)
                continue
            if headers.get("Path") != "ssml":
                await socket.close(code=1002, message=b"unexpected path")
                return
            voice, rate, pitch, volume, text = _parse_ssml(body)
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
        await socket.send_str(_text_message(request_id, "turn.start", '{"context":{}}'))
        if fault is Fault.SLOW:
            await asyncio.sleep(self.slow_seconds)
        if self.stream_delay:
            await asyncio.sleep(self.stream_delay)
        if fault is Fault.NO_AUDIO:
            await socket.send_str(_text_message(request_id, "turn.end", "{}"))
            return
        clip = self._clips.get(text)
        if clip is None:
            clip = await asyncio.to_thread(self._clip_for, text)
            self._clips[text] = clip  # the same text sounds the same, and is made once
        boundaries = list(clip.words) if kind == "WordBoundary" else []
        if kind == "SentenceBoundary":
            boundaries = _sentence_boundaries(text, clip.words)
        audio = clip.mp3
        cut = fault in (Fault.DROP, Fault.CLOSE_EARLY, Fault.TRUNCATED_AUDIO, Fault.TRUNCATED)
        if cut:
            audio = audio[: len(audio) // 2]
        if fault is Fault.TRUNCATED:
            boundaries = boundaries[: len(boundaries) // 2]
        for chunk, seconds in self._chunks(audio):
            while boundaries and boundaries[0].start <= seconds:
                word = boundaries.pop(0)
                metadata = _boundary(kind, word.text, word.start, word.end)
                await socket.send_str(_text_message(request_id, "audio.metadata", metadata))
            await socket.send_bytes(_audio_frame(request_id, chunk))
        if fault is Fault.DROP:
            transport = socket._req.transport if socket._req is not None else None
            if transport is not None:
                transport.abort()
            return
        if fault is Fault.CLOSE_EARLY:
            await socket.close()
            return
        for word in boundaries:
            metadata = _boundary(kind, word.text, word.start, word.end)
            await socket.send_str(_text_message(request_id, "audio.metadata", metadata))
        await socket.send_bytes(_audio_frame(request_id, b""))
        await socket.send_str(_text_message(request_id, "turn.end", "{}"))

    @staticmethod
    def _chunks(audio: bytes) -> Iterator[tuple[bytes, float]]:
        """Frames of the MP3 with the playback time (seconds) each one reaches."""
        bytes_per_second = 48_000 / 8
        for start in range(0, len(audio), AUDIO_FRAME_BYTES):
            chunk = audio[start : start + AUDIO_FRAME_BYTES]
            yield chunk, (start + len(chunk)) / bytes_per_second


# -- what the tests send, and a real recording of it ------------------------------------------

XIAOXIAO = VoicePreset("xiaoxiao", "edge", "zh-CN-XiaoxiaoNeural")
OFFLINE = VoicePreset("offline", "offline", "databaker")

# Fast enough for tests: retries after ~10 ms, a slow server is given up after 1 s.
FAST = EdgeSettings(
    attempts=3,
    backoff_base=0.01,
    backoff_max=0.05,
    timeout=1.0,
    timeout_per_char=0.0,
    connect_timeout=1,
)


def pronounced(text: str, speech: str, pinyin: str, respelled: str | None = None) -> Sentence:
    return Sentence(text, speech=SpeechText(speech, respelled or speech, tuple(pinyin.split())))


HEADLINE = pronounced(
    "金融活水润泽乡村", "金融活水润泽乡村", "jin1 rong2 huo2 shui3 run4 ze2 xiang1 cun1"
)
BODY = pronounced(
    "今年3月，他去了北京。",
    "今年三月，他去了北京。",
    "jin1 nian2 san1 yue4 ， ta1 qu4 le5 bei3 jing1 。",
)
SENTENCES = (HEADLINE, BODY)


@functools.cache
def recording() -> Clip:
    """SENTENCES read by the offline voice, as MP3 with per-syllable boundaries (the model
    runs once per test process)."""
    from reader.speech.offline import OfflineEngine

    speech = OfflineEngine().synthesize(SENTENCES, OFFLINE)
    words = [(cue.text, cue.start, cue.end) for cue in speech.words]
    return clip_from_speech(speech.samples, speech.sample_rate, words)


def recorded_text() -> str:
    """The exact text the edge engine sends for SENTENCES (the key to register the recording)."""
    return request_text(SENTENCES).text
