"""reader.audio (PCM, MP3 through libsndfile, resampling) and reader.transcript (WebVTT)."""

from __future__ import annotations

from pathlib import Path

import mutagen.mp3
import numpy as np
import pytest
import soundfile

from reader import audio
from reader.errors import InputError, OutputError
from reader.model import Cue
from reader.transcript import timestamp, webvtt

RATE = 24_000


def tone(seconds: float, frequency: float = 440.0, rate: int = RATE) -> bytes:
    times = np.arange(round(seconds * rate)) / rate
    return audio.from_float(0.3 * np.sin(2 * np.pi * frequency * times))


def peak_frequency(samples: bytes, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(audio.to_float(samples)))
    return float(np.fft.rfftfreq(len(samples) // 2, 1 / rate)[int(np.argmax(spectrum))])


def test_silence_concat_and_duration() -> None:
    pause = audio.silence(0.5, RATE)
    assert audio.duration(pause, RATE) == 0.5
    assert audio.rms(pause) == 0.0
    joined = audio.concat([tone(1.0), pause, tone(0.25)])
    assert audio.duration(joined, RATE) == pytest.approx(1.75)


def test_gain_scales_and_clips() -> None:
    loud = audio.gain(tone(0.1), 10.0)
    assert audio.to_array(loud).max() == 32767
    assert audio.rms(audio.gain(tone(0.1), 0.5)) == pytest.approx(audio.rms(tone(0.1)) / 2, 0.01)


@pytest.mark.parametrize("mode", ["VARIABLE", "CONSTANT"])
def test_mp3_round_trip_keeps_length_rate_and_sound(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "deep" / "tone.mp3"
    source = tone(2.0)
    audio.encode_mp3(source, RATE, path, bitrate_mode=mode)  # type: ignore[arg-type]
    samples, rate = audio.decode_audio(path)
    assert rate == RATE
    assert audio.duration(samples, rate) == pytest.approx(2.0, abs=0.06)
    assert audio.rms(samples) == pytest.approx(audio.rms(source), rel=0.1)
    assert peak_frequency(samples, rate) == pytest.approx(440, abs=2)
    info = mutagen.mp3.MP3(path).info  # type: ignore[no-untyped-call]
    assert info is not None
    expected = mutagen.mp3.BitrateMode.CBR if mode == "CONSTANT" else mutagen.mp3.BitrateMode.VBR
    assert info.bitrate_mode == expected
    assert info.sample_rate == RATE
    assert not list(path.parent.glob(".*.tmp"))  # no temporary file left behind
    assert audio.decode_audio(path.read_bytes()) == (samples, rate)  # bytes read like the file


def test_mp3_quality_trades_size(tmp_path: Path) -> None:
    noise = audio.from_float(0.1 * np.random.default_rng(0).standard_normal(RATE * 2))
    sizes = []
    for quality in (0.0, 0.9):
        path = tmp_path / f"{quality}.mp3"
        audio.encode_mp3(noise, RATE, path, bitrate_mode="CONSTANT", quality=quality)
        sizes.append(path.stat().st_size)
    assert sizes[0] > 3 * sizes[1]


def test_mp3_of_nothing_is_refused_and_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        audio.encode_mp3(b"", RATE, tmp_path / "empty.mp3")
    assert list(tmp_path.iterdir()) == []


def test_failed_encode_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "kept.mp3"
    audio.encode_mp3(tone(0.5), RATE, path)
    before = path.read_bytes()
    with pytest.raises(OutputError):
        audio.encode_mp3(tone(0.5, rate=7000), 7000, path)  # not an MPEG sample rate
    assert path.read_bytes() == before
    assert [item.name for item in tmp_path.iterdir()] == ["kept.mp3"]


def test_decode_mixes_stereo_down(tmp_path: Path) -> None:
    path = tmp_path / "stereo.wav"
    left = audio.to_float(tone(0.5))
    soundfile.write(path, np.stack([left, np.zeros_like(left)], axis=1), RATE, subtype="PCM_16")
    samples, rate = audio.decode_audio(path)
    assert rate == RATE and len(samples) == len(tone(0.5))
    assert audio.rms(samples) == pytest.approx(audio.rms(tone(0.5)) / 2, rel=0.02)


def test_decode_garbage_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "not.mp3"
    path.write_bytes(b"this is not audio" * 10)
    with pytest.raises(InputError, match="cannot decode"):
        audio.decode_audio(path)


@pytest.mark.parametrize(
    ("source", "target"), [(24_000, 44_100), (24_000, 48_000), (44_100, 24_000)]
)
def test_resample_keeps_duration_and_pitch(source: int, target: int) -> None:
    converted = audio.resample(tone(1.0, rate=source), source, target)
    assert audio.duration(converted, target) == pytest.approx(1.0, abs=1e-3)
    assert peak_frequency(converted, target) == pytest.approx(440, abs=2)


def test_wav_writer_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "x.wav"
    audio.encode_wav(tone(0.3), RATE, path)
    assert audio.decode_audio(path) == (tone(0.3), RATE)


def test_vtt_timestamps() -> None:
    assert timestamp(0) == "00:00:00.000"
    assert timestamp(3723.4567) == "01:02:03.457"


def test_webvtt_cues_numbered_and_escaped() -> None:
    text = webvtt(
        [
            Cue(0.0, 1.5, "国家安全是根基。"),
            Cue(1.5, 1.5, ""),  # nothing said: left out
            Cue(1.5, 3.25, "A<B & C --> D\n续行"),
        ]
    )
    assert text == (
        "WEBVTT\n\n"
        "1\n00:00:00.000 --> 00:00:01.500\n国家安全是根基。\n\n"
        "2\n00:00:01.500 --> 00:00:03.250\nA&lt;B &amp; C --&gt; D 续行\n"
    )
