"""Voice presets: the TOML files in `reader/speech/voices/` (shipped inside the package, so an
installed reader has them) and in `$READER_VOICES_DIR`, by name or voice id."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from reader.errors import InputError, UsageError
from reader.fsutil import SETTINGS_MAX_SIZE, read_limited
from reader.speech import engines
from reader.speech.base import VoicePreset

VOICES_DIR_ENV = "READER_VOICES_DIR"
BUILT_IN_DIR = Path(__file__).resolve().parent / "voices"
# Ratios outside these ranges are not speech any more (and edge caps its percentages);
# volume 0 would be silence, which the edge service refuses.
LIMITS = {"rate": (0.25, 4.0), "pitch": (0.5, 2.0), "volume": (0.1, 2.0)}
_PERCENT = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)%$")


def voices_dirs() -> list[Path]:
    """Preset folders, later ones overriding earlier presets of the same name."""
    folders = [BUILT_IN_DIR]
    extra = os.environ.get(VOICES_DIR_ENV)
    if extra:
        folders.append(Path(extra))
    return folders


def _number(path: Path, data: dict[str, Any], field: str) -> float:
    value = data.get(field, 1.0)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{path}: {field} must be a number, not {value!r}")
    low, high = LIMITS[field]
    if not low <= value <= high:
        raise InputError(f"{path}: {field} {value} is outside {low}–{high}")
    return float(value)


def parse_preset(path: Path) -> VoicePreset:
    try:
        data = tomllib.loads(read_limited(path, SETTINGS_MAX_SIZE, "voice preset").decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: not a voice preset ({error})") from error
    for field in ("engine", "voice"):
        if not isinstance(data.get(field), str) or not data[field]:
            raise InputError(f"{path}: missing '{field}'")
    if data["engine"] not in engines.names():
        raise InputError(f"{path}: engine must be one of {', '.join(engines.names())}")
    name = data.get("name", path.stem)
    return VoicePreset(
        name=str(name),
        engine=data["engine"],
        voice=data["voice"],
        rate=_number(path, data, "rate"),
        pitch=_number(path, data, "pitch"),
        volume=_number(path, data, "volume"),
        description=str(data.get("description", "")),
    )


def load_presets() -> dict[str, VoicePreset]:
    """Every preset by name, sorted by name."""
    presets: dict[str, VoicePreset] = {}
    for folder in voices_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            preset = parse_preset(path)
            presets[preset.name] = preset
    return dict(sorted(presets.items()))


def resolve_voice(name_or_id: str | None, engine: str) -> VoicePreset:
    """The preset for `--voice` (a preset name, a preset's voice id, or a voice id an engine
    takes without a preset, such as any edge voice id).

    `engine` is a registered engine or "auto"; None picks that engine's default preset (auto:
    the preferred engine's). A voice of another engine than the one explicitly asked for is a
    usage error.
    """
    default_preset = engines.entry(engines.PREFERRED if engine == engines.AUTO else engine)
    presets = load_presets()
    wanted = name_or_id or default_preset.default_preset
    preset = presets.get(wanted) or next(
        (item for item in presets.values() if item.voice.lower() == wanted.lower()), None
    )
    owner = engines.engine_for_voice_id(wanted) if preset is None else None
    if owner is not None:
        preset = VoicePreset(name=wanted, engine=owner, voice=wanted)
    if preset is None:
        known = ", ".join(presets)
        raise UsageError(f"unknown voice '{wanted}' (presets: {known}; or an edge voice id)")
    if engine != engines.AUTO and preset.engine != engine:
        raise UsageError(f"voice '{wanted}' belongs to the {preset.engine} engine, not {engine}")
    return preset


def parse_rate(text: str) -> float:
    """A speaking rate as a ratio: "1.2", or edge-tts style "+20%" / "-10%", or "120%"."""
    cleaned = text.strip()
    match = _PERCENT.match(cleaned)
    try:
        if match:
            sign, amount = match.groups()
            value = float(amount) / 100
            rate = 1.0 + value if sign == "+" else 1.0 - value if sign == "-" else value
        else:
            rate = float(cleaned)
    except ValueError:
        rate = float("nan")
    low, high = LIMITS["rate"]
    if not low <= rate <= high:  # also rejects nan
        raise UsageError(f"rate '{text}' must be a ratio in {low}–{high} (or like +20%)")
    return rate
