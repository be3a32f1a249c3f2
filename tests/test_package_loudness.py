"""Loudness and true peak on speech-like signals: the gain and limiter meet both targets."""

from __future__ import annotations

import math

import numpy as np
import pyloudnorm
import pytest
from scipy.signal import resample_poly

from reader.package.loudness import (
    LoudnessMeter,
    integrated_loudness,
    limit,
    measure,
    normalize,
    true_peak,
)
from reader.package.profiles import PROFILES

RATE = 24000


def speechlike(seconds: float = 20.0, seed: int = 1) -> np.ndarray:
    """Syllable-rate bursts of harmonic tones with a high crest factor, like a voice."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    pitch = 180 + 40 * np.sin(2 * np.pi * 0.3 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / RATE
    voiced = sum(np.sin(k * phase) / k for k in range(1, 12))
    envelope = np.clip(np.sin(2 * np.pi * 4.5 * t + rng.uniform(0, 6)), 0, None) ** 2
    return 0.05 * voiced * envelope + 0.002 * rng.standard_normal(t.size)


@pytest.mark.parametrize("profile", ["podcast", "radio"])
def test_normalize_meets_loudness_and_true_peak(profile: str) -> None:
    target = PROFILES[profile]
    out = normalize(speechlike(), RATE, target.target_lufs, target.ceiling_dbtp)
    levels = measure(out, RATE)
    assert levels.loudness_lufs == pytest.approx(target.target_lufs, abs=0.3)
    assert levels.true_peak_dbtp <= target.ceiling_dbtp + 0.01


@pytest.mark.parametrize("rate", [24000, 44100])
@pytest.mark.parametrize("seconds", [1.0, 7.3, 45.0])
def test_integrated_loudness_is_pyloudnorms_figure(rate: int, seconds: float) -> None:
    # Speech with a long pause (blocks under both gates) and a quiet stretch.
    signal = speechlike(seconds, seed=int(seconds))
    signal[signal.size // 3 : signal.size // 2] = 0.0
    signal[-signal.size // 5 :] *= 0.05
    expected = pyloudnorm.Meter(rate).integrated_loudness(signal)
    assert integrated_loudness(signal, rate) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("rate", [24000, 44100])
def test_loudness_measured_piece_by_piece_is_the_wholes(rate: int) -> None:
    # Sections ending in silence, some joined directly, some with uncovered silence between,
    # at offsets that do not fall on block bounds (as an episode's sections do).
    pieces = [speechlike(seconds, seed) for seed, seconds in enumerate([9.1, 0.9, 23.4, 3.3])]
    for piece in pieces:
        piece[-rate // 3 :] = 0.0
    gaps = [0, 777, 0, 12345]
    whole = np.concatenate(
        [np.concatenate([np.zeros(gap), p]) for gap, p in zip(gaps, pieces, strict=True)]
    )
    meter = LoudnessMeter(rate)
    offset = 0
    for gap, piece in zip(gaps, pieces, strict=True):
        offset += gap
        meter.add(piece, offset)
        offset += piece.size
    assert meter.integrated(whole.size) == pytest.approx(integrated_loudness(whole, rate), abs=1e-6)


def test_true_peak_sees_peaks_between_samples() -> None:
    # A sine at a quarter of the rate sampled at ±45°: samples at 0.707, true peak 1.0.
    n = np.arange(4000)
    signal = np.sin(2 * np.pi * n / 4 + np.pi / 4)
    assert 20 * math.log10(np.abs(signal).max()) == pytest.approx(-3.0, abs=0.05)
    assert true_peak(signal) == pytest.approx(0.0, abs=0.2)


def test_true_peak_of_blocks_worth_it_equals_the_full_measurement() -> None:
    signal = speechlike(seconds=10.0) * 8
    full = np.abs(resample_poly(signal, 4, 1)).max()
    assert true_peak(signal) == pytest.approx(
        20 * math.log10(max(full, np.abs(signal).max())), abs=1e-3
    )


def test_limiter_keeps_quiet_audio_untouched_and_pulls_peaks_down() -> None:
    quiet = speechlike() * 0.1
    assert np.array_equal(limit(quiet, RATE, -1.0), quiet)
    loud = speechlike() * 40
    limited = limit(loud, RATE, -1.0)
    assert true_peak(limited) <= -1.0 + 0.01
    assert integrated_loudness(limited, RATE) > integrated_loudness(loud, RATE) - 12


def test_silence_and_short_audio_are_left_alone() -> None:
    assert math.isinf(integrated_loudness(np.zeros(RATE), RATE))
    assert math.isinf(integrated_loudness(np.full(100, 0.1), RATE))
    silent = normalize(np.zeros(RATE), RATE, -16, -1)
    assert not silent.any()
