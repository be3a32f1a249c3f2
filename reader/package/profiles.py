"""Delivery profiles: the loudness, peak ceiling and MP3 format a build writes to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.audio import BitrateMode


class ProfileName(StrEnum):
    """The delivery profiles `--profile` offers and `manifest.json` records."""

    PODCAST = "podcast"
    RADIO = "radio"


DEFAULT_PROFILE = ProfileName.PODCAST


@dataclass(frozen=True)
class Profile:
    """A delivery target: loudness, peak ceiling and the MP3 it is sent as."""

    name: str
    target_lufs: float
    ceiling_dbtp: float
    sample_rate: int
    bitrate_mode: BitrateMode
    mp3_quality: float  # libsndfile compression level: 0 = highest bitrate


# Podcast: the common −16 LUFS for mobile listening; radio: EBU R128 (−23 LUFS), 44.1 kHz CBR,
# which playout systems expect.
PROFILES: dict[str, Profile] = {
    ProfileName.PODCAST: Profile(ProfileName.PODCAST.value, -16.0, -1.0, 24000, "VARIABLE", 0.3),
    ProfileName.RADIO: Profile(ProfileName.RADIO.value, -23.0, -1.0, 44100, "CONSTANT", 0.5),
}
