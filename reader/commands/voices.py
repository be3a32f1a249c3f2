"""`reader voices`: the voice presets and, when the service answers, its Chinese voices."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

import click

from reader.errors import ServiceUnavailableError
from reader.speech.base import VoicePreset
from reader.speech.engines import EDGE

EPILOG = """\b
Examples:
  reader voices                 presets, and the service's Chinese voices when online
  reader voices --no-online     presets only, no network
  reader voices --format json   the same, for scripts
Use a preset name or a voice id with --voice, e.g.
  reader speak news.txt -o news.mp3 --voice yunyang
  reader speak news.txt -o news.mp3 --voice zh-CN-XiaoyiNeural"""


def _table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]


def _preset_lines(presets: list[VoicePreset], offered: set[str] | None) -> list[str]:
    rows = [("NAME", "ENGINE", "VOICE", "DESCRIPTION")]
    for preset in presets:
        note = preset.description
        if offered is not None and preset.engine == EDGE and preset.voice not in offered:
            note = f"(not offered by the service now) {note}"
        rows.append((preset.name, preset.engine, preset.voice, note))
    return ["Voice presets (--voice NAME):", *_table(rows)]


@click.command("voices", epilog=EPILOG)
@click.option(
    "--online/--no-online",
    default=None,
    help="Ask the edge service for its Chinese voices (default: try, and go on without them; "
    "--online: fail when the service cannot be reached).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=60),
    default=5.0,
    show_default=True,
    help="Seconds to wait for the service's voice list.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def command(online: bool | None, timeout: float, output_format: str) -> None:
    """List the voice presets and, when online, the service's Chinese voices."""
    from reader.speech.presets import load_presets

    presets = list(load_presets().values())
    voices = None
    problem: str | None = None
    if online is not False:
        from reader.speech.edge import chinese_voices

        try:
            voices = chinese_voices(timeout=timeout)
        except ServiceUnavailableError as error:
            if online:
                raise
            problem = str(error)
    if output_format == "json":
        document = {
            "presets": [asdict(preset) for preset in presets],
            "online_voices": None if voices is None else [asdict(voice) for voice in voices],
            "online_error": problem,
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    offered = None if voices is None else {voice.short_name for voice in voices}
    lines = _preset_lines(presets, offered)
    if voices is not None:
        rows = [("VOICE", "LOCALE", "GENDER", "STYLE")]
        for voice in voices:
            style = ", ".join((*voice.categories, *voice.personalities))
            rows.append((voice.short_name, voice.locale, voice.gender, style))
        lines += ["", "Edge service voices, Chinese (--voice ID):", *_table(rows)]
    click.echo("\n".join(line.rstrip() for line in lines))
    if problem is not None:
        click.echo(f"reader: note: {problem}; listed the presets only", err=True)
