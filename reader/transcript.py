"""WebVTT transcripts from cues (one cue per spoken sentence)."""

from __future__ import annotations

from collections.abc import Sequence

from reader.model import Cue


def timestamp(seconds: float) -> str:
    """WebVTT time: HH:MM:SS.mmm (hours always present, so long episodes need no special case)."""
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _cue_text(text: str) -> str:
    # A cue's text may not contain blank lines or "-->"; & < > are markup in WebVTT (escaping
    # ">" also breaks any "-->").
    flat = " ".join(text.split())
    return flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt(cues: Sequence[Cue]) -> str:
    """A WebVTT file with one numbered cue per `Cue`; cues without text are left out."""
    lines = ["WEBVTT", ""]
    number = 0
    for cue in cues:
        text = _cue_text(cue.text)
        if not text:
            continue
        number += 1
        end = max(cue.end, cue.start + 0.001)  # an end must follow its start
        lines += [str(number), f"{timestamp(cue.start)} --> {timestamp(end)}", text, ""]
    return "\n".join(lines)
