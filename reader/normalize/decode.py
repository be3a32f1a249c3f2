"""Rule group 0: bytes to text, and the input checks users get one-line errors from."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from reader.errors import InputError, UsageError

DEFAULT_MAX_SIZE = 20 * 1024 * 1024
# Chinese newspaper text without a BOM is UTF-8, GB18030 (a superset of GBK/GB2312) or Big5.
_CANDIDATES = ("gb18030", "big5hkscs")
_LABELS = {"utf-8": "UTF-8", "gb18030": "GB18030", "big5hkscs": "Big5"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (.docx, .xlsx, ...)"),
    (b"\x7fELF", "a program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a RIFF (WAV/AVI) file"),
)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Cc but tab, newlines, feeds
_MAX_CONTROL_SHARE = 0.05  # more C0 controls than this (besides tab/newlines) means binary


def check_encoding_name(encoding: str) -> str:
    """The codec name for `encoding`, or a UsageError naming the bad value."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r} (try utf-8, gb18030, big5)") from None


def _strict(data: bytes, encoding: str) -> str | UnicodeDecodeError:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        return error


def _describe(encoding: str, error: UnicodeDecodeError) -> str:
    bad = error.object[error.start : error.start + 1].hex()
    return f"{_LABELS.get(encoding, encoding)} (byte 0x{bad} at offset {error.start})"


def _looks_binary(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return f"looks like {kind}, not text"
    nul = data.find(b"\x00")
    if nul >= 0:
        return (
            f"looks binary (NUL byte at offset {nul}); "
            "if it is UTF-16 without a BOM, pass --encoding utf-16-le"
        )
    return None


def _check_text(text: str) -> str:
    controls = len(_CONTROL_CHARS.findall(text))
    if text and controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(f"looks binary ({controls} control characters in {len(text)})")
    return text


def decode_bytes(data: bytes, encoding: str | None = None) -> str:
    """Decode article bytes: a forced encoding, a BOM, UTF-8, or GB18030/Big5 as detected.

    Raises InputError for binary data or bytes no candidate decodes (naming each encoding
    tried and the offset where it failed).
    """
    if encoding is not None:
        codec = check_encoding_name(encoding)
        result = _strict(data, codec)
        if isinstance(result, UnicodeDecodeError):
            raise InputError(f"cannot decode as {_describe(codec, result)}")
        return _check_text(result.removeprefix("\ufeff"))
    for bom, codec in _BOMS:
        if data.startswith(bom):
            result = _strict(data, codec)
            if isinstance(result, UnicodeDecodeError):
                raise InputError(f"starts with a {codec} BOM but is not {_describe(codec, result)}")
            return _check_text(result.removeprefix("\ufeff"))
    binary = _looks_binary(data)
    if binary:
        raise InputError(binary)
    utf8 = _strict(data, "utf-8")
    if isinstance(utf8, str):
        return _check_text(utf8)
    decoded: dict[str, str] = {}
    failures = [_describe("utf-8", utf8)]
    for codec in _CANDIDATES:
        result = _strict(data, codec)
        if isinstance(result, UnicodeDecodeError):
            failures.append(_describe(codec, result))
        else:
            decoded[codec] = result
    if not decoded:
        raise InputError(f"cannot decode: tried {', '.join(failures)}; pass --encoding")
    if len(decoded) == 1:
        return _check_text(next(iter(decoded.values())))
    # Both decode: let charset-normalizer judge which reading is coherent text. Imported
    # here because it costs ~22 ms at start-up and few inputs reach this branch.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    choice = "big5hkscs" if best is not None and best.encoding.startswith("big5") else "gb18030"
    return _check_text(decoded[choice])


def read_source(
    source: Path | bytes, max_size: int = DEFAULT_MAX_SIZE, name: str | None = None
) -> tuple[bytes, str]:
    """The bytes of a file (or the given bytes) and a name for messages; checks size and kind."""
    if isinstance(source, bytes):
        name = name or "input"
        if len(source) > max_size:
            raise InputError(f"{name} is over the limit of {max_size} bytes (--max-size)")
        return source, name
    path = Path(source)
    try:
        if path.is_dir():
            raise InputError(f"{path} is a directory, not a text file")
        size = path.stat().st_size
        if size > max_size:
            raise InputError(f"{path} is {size} bytes, over the limit of {max_size} (--max-size)")
        with path.open("rb") as handle:
            data = handle.read(max_size + 1)
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > max_size:
        raise InputError(f"{path} is over the limit of {max_size} bytes (--max-size)")
    return data, str(path)
