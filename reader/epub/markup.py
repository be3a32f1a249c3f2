"""Small helpers shared by the EPUB documents: escaping, SMIL clock values, the stylesheet."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
OPF_NS = "http://www.idpf.org/2007/opf"
SMIL_NS = "http://www.w3.org/ns/SMIL"
DC_NS = "http://purl.org/dc/elements/1.1/"
LANGUAGE = "zh-CN"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
# The class reading systems put on the element whose sentence is being read (media:active-class).
ACTIVE_CLASS = "-epub-media-overlay-active"
STYLESHEET = "book.css"

CSS = f"""\
html {{ line-height: 1.8; }}
body {{ margin: 0 5%; font-family: serif; }}
h1 {{ font-size: 1.6em; line-height: 1.4; margin: 1em 0 0.4em; }}
h2 {{ font-size: 1.2em; margin: 1.4em 0 0.4em; }}
p {{ margin: 0 0 0.8em; text-indent: 2em; }}
.series, .subtitle, .byline, .dateline {{ text-indent: 0; }}
.series {{ font-size: 0.9em; }}
.subtitle {{ font-size: 1.1em; }}
.byline, .dateline {{ font-size: 0.9em; color: #444; }}
ruby rt {{ font-size: 0.55em; }}
aside.captions {{ margin-top: 2em; border-top: 1px solid #888; font-size: 0.9em; }}
figure {{ margin: 0.8em 0; }}
.cover {{ text-align: center; margin-top: 20%; }}
.cover p {{ text-indent: 0; }}
.cover ol {{ text-align: left; }}
.{ACTIVE_CLASS} {{ background-color: #ffe680; color: #000; }}
"""


def text(value: str) -> str:
    """Character data, escaped for XML."""
    return escape(value)


def attr(value: str) -> str:
    """An attribute value with its quotes, escaped for XML."""
    return quoteattr(value)


def milliseconds(seconds: float) -> int:
    return max(0, round(seconds * 1000))


def clock(millis: int) -> str:
    """A SMIL full clock value, h:mm:ss.fff (what media:duration and clipBegin/End take)."""
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, fraction = divmod(rest, 1000)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{fraction:03d}"


def parse_clock(value: str) -> float:
    """Seconds of a full clock value h:mm:ss.fff, a partial mm:ss.fff, or a timecount `12.5s`."""
    if value.endswith("ms"):
        return float(value[:-2]) / 1000
    if value.endswith("s") and ":" not in value:
        return float(value[:-1])
    total = 0.0
    for part in value.split(":"):
        total = total * 60 + float(part)
    return total


def chinese_date(iso: str) -> str:
    """2026-11-30 → 2026年11月30日 (anything else as it is)."""
    parts = iso.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return iso
    return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
