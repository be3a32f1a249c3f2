"""The read-aloud service's WebSocket messages, as the edge-tts client parses them."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import unescape

SAMPLE_RATE = 24_000
TICKS_PER_SECOND = 10_000_000
TOKEN = "6A5AA1D4EAFF4E9FB37E23D68491D6F4"
BASE_PATH = "/consumer/speech/synthesize/readaloud"
AUDIO_FRAME_BYTES = 4096


@dataclass(frozen=True)
class Word:
    text: str
    start: float  # seconds
    end: float


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


def text_message(request_id: str, path: str, body: str) -> str:
    return (
        f"X-RequestId:{request_id}\r\n"
        "Content-Type:application/json; charset=utf-8\r\n"
        f"Path:{path}\r\n\r\n{body}"
    )


def audio_frame(request_id: str, data: bytes) -> bytes:
    # edge-tts reads the first two bytes as the header length, then skips header + 2 bytes.
    content_type = "Content-Type:audio/mpeg\r\n" if data else ""
    headers = f"X-RequestId:{request_id}\r\n{content_type}X-StreamId:{request_id}\r\nPath:audio\r\n"
    encoded = headers.encode()
    return len(encoded).to_bytes(2, "big") + encoded + data


def boundary_json(kind: str, text: str, start: float, end: float) -> str:
    data = {
        "Offset": round(start * TICKS_PER_SECOND),
        "Duration": round((end - start) * TICKS_PER_SECOND),
        "text": {"Text": text, "Length": len(text), "BoundaryType": kind},
    }
    return json.dumps({"Metadata": [{"Type": kind, "Data": data}]}, ensure_ascii=False)


def sentence_boundaries(text: str, words: Sequence[Word]) -> list[Word]:
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


def parse_ssml(ssml: str) -> tuple[str, str, str, str, str]:
    voice = re.search(r"<voice name='([^']*)'>", ssml)
    prosody = re.search(r"<prosody pitch='([^']*)' rate='([^']*)' volume='([^']*)'>", ssml)
    body = re.search(r"<prosody[^>]*>(.*)</prosody>", ssml, re.DOTALL)
    if voice is None or prosody is None or body is None:
        raise ValueError("malformed SSML")
    pitch, rate, volume = prosody.groups()
    return voice.group(1), rate, pitch, volume, unescape(body.group(1))


def split_message(message: str) -> tuple[dict[str, str], str]:
    head, _, body = message.partition("\r\n\r\n")
    headers = dict(line.split(":", 1) for line in head.split("\r\n") if ":" in line)
    return headers, body
