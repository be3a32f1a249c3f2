"""Loudness to a delivery profile: BS.1770 integrated loudness (pyloudnorm) and true peak.

pyloudnorm has no true-peak meter, so true peak is the sample peak of the signal oversampled
×4 (scipy.signal.resample_poly), as BS.1770-4 Annex 2 describes. pyloudnorm's gating loops over
the 400 ms blocks in Python (half a second for a 7-minute episode, several times per section
while normalizing), so the gating here is the same arithmetic on arrays, after pyloudnorm's own
K-weighting filters; the tests hold it to pyloudnorm's figure. Reaching a loud target such as
−16 LUFS puts speech peaks above the ceiling, so after the gain a look-ahead limiter pulls the
peaks down; a few rounds of gain and limiting make both numbers hold.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import firwin, resample_poly, sosfilt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

OVERSAMPLING = 4
PEAK_BLOCK = 512  # samples per block when looking for blocks worth oversampling
PEAK_CONTEXT = 16  # input samples around a block: resample_poly's filter reaches 10
LOOKAHEAD_SECONDS = 0.015  # the limiter's gain is already down this long before a peak
MIN_MEASURABLE_SECONDS = 0.4  # one BS.1770 gating block
SILENCE_LUFS = -70.0  # the absolute gate: below it there is nothing to measure
GATE_BLOCK = 0.4  # seconds per BS.1770 gating block
GATE_STEP = 0.25  # of a block between block starts (75 % overlap)


def to_db(linear: float) -> float:
    return 20.0 * math.log10(linear) if linear > 0 else -math.inf


@functools.cache
def _k_weighting(sample_rate: int) -> FloatArray:
    """BS.1770's two K-weighting stages, designed by pyloudnorm as `pyloudnorm.Meter` does,
    as second-order sections (one pass instead of two)."""
    stages = (
        pyloudnorm.IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, sample_rate, "high_shelf"),
        pyloudnorm.IIRfilter(0.0, 0.5, 38.0, sample_rate, "high_pass"),
    )
    sections = np.vstack([np.concatenate([stage.b, stage.a]) for stage in stages])
    sections[0, :3] *= math.prod(stage.passband_gain for stage in stages)
    return sections


def _block_bounds(first: int, last: int, sample_rate: int) -> IntArray:
    """Where gating blocks `first`..`last - 1` start and end, in samples, sorted and unique
    (pyloudnorm's arithmetic, so the blocks cover the very samples its blocks cover)."""
    block = np.arange(first, last)
    lower = (GATE_BLOCK * (block * GATE_STEP) * sample_rate).astype(np.int64)
    upper = (GATE_BLOCK * (block * GATE_STEP + 1) * sample_rate).astype(np.int64)
    bounds: IntArray = np.unique(np.concatenate([lower, upper]))
    return bounds


def _lufs(power: float) -> float:
    return -0.691 + 10.0 * math.log10(power) if power > 0 else -math.inf


class LoudnessMeter:
    """BS.1770-4 integrated loudness (mono) of a signal handed over in pieces.

    Each piece is K-weighted and its squares summed per stretch between block bounds as it
    arrives; the gating at the end needs only those sums. So a long episode is measured
    section by section while it is being written, without holding it whole. Each piece is
    weighted from rest: between pieces that meet in sound rather than silence the figure
    would move slightly (the filters remember ~50 ms); for one piece it is pyloudnorm's.
    """

    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = sample_rate
        self._starts: list[IntArray] = []  # first sample of every stretch summed
        self._sums: list[FloatArray] = []  # squared K-weighted samples per stretch

    def add(self, signal: FloatArray, offset: int = 0) -> None:
        """Measure `signal` as the samples from `offset` on (pieces do not overlap; samples
        no piece covers are silence)."""
        if signal.size == 0:
            return
        rate, end = self.sample_rate, offset + signal.size
        hop = GATE_BLOCK * GATE_STEP * rate
        # A block ends 1 / GATE_STEP hops after it starts: look that far back, and a little.
        reach = math.ceil(1 / GATE_STEP) + 2
        bounds = _block_bounds(max(0, int(offset / hop) - reach), math.ceil(end / hop) + 1, rate)
        inside = bounds[(bounds > offset) & (bounds < end)]
        before = bounds[np.searchsorted(bounds, offset, side="right") - 1]
        weighted = sosfilt(_k_weighting(rate), np.asarray(signal, dtype=np.float64))
        cuts = np.concatenate([[0], inside - offset])
        self._starts.append(np.concatenate([[before], inside]))
        self._sums.append(np.add.reduceat(np.square(weighted), cuts))

    def integrated(self, length: int) -> float:
        """Integrated loudness in LUFS of the `length` samples from 0; −inf for silence or
        audio under 0.4 s."""
        rate = self.sample_rate
        if length < MIN_MEASURABLE_SECONDS * rate or not self._starts:
            return -math.inf
        starts = np.concatenate(self._starts)
        order = np.argsort(starts, kind="stable")
        starts = starts[order]
        totals = np.concatenate([[0.0], np.cumsum(np.concatenate(self._sums)[order])])
        count = int(np.round((length / rate - GATE_BLOCK) / (GATE_BLOCK * GATE_STEP))) + 1
        block = np.arange(count)
        lower = (GATE_BLOCK * (block * GATE_STEP) * rate).astype(np.int64)
        upper = (GATE_BLOCK * (block * GATE_STEP + 1) * rate).astype(np.int64)
        sums = totals[np.searchsorted(starts, upper)] - totals[np.searchsorted(starts, lower)]
        powers = sums / (GATE_BLOCK * rate)
        with np.errstate(divide="ignore"):
            block_lufs = -0.691 + 10.0 * np.log10(powers)
        audible = powers[block_lufs >= SILENCE_LUFS]
        if audible.size == 0:
            return -math.inf
        relative_gate = _lufs(float(audible.mean())) - 10.0
        gated = powers[(block_lufs > relative_gate) & (block_lufs > SILENCE_LUFS)]
        loudness = _lufs(float(gated.mean())) if gated.size else -math.inf
        return loudness if loudness > SILENCE_LUFS else -math.inf


def integrated_loudness(signal: FloatArray, sample_rate: int) -> float:
    """BS.1770-4 integrated loudness in LUFS (mono); −inf for silence or audio under 0.4 s."""
    meter = LoudnessMeter(sample_rate)
    meter.add(signal)
    return meter.integrated(signal.size)


@functools.cache
def _oversampling_filter() -> npt.NDArray[np.float32]:
    """resample_poly's own default low-pass for ×4, designed once instead of per call."""
    half = 10 * OVERSAMPLING
    taps = firwin(2 * half + 1, 1.0 / OVERSAMPLING, window=("kaiser", 5.0))
    return np.asarray(taps, dtype=np.float32)


def _runs(indices: npt.NDArray[np.intp]) -> list[tuple[int, int]]:
    """Consecutive block indices as [start, end) runs."""
    if indices.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(indices) > 1)
    starts = [int(indices[0]), *(int(indices[i + 1]) for i in breaks)]
    ends = [*(int(indices[i]) + 1 for i in breaks), int(indices[-1]) + 1]
    return list(zip(starts, ends, strict=True))


def _oversampled_peaks(signal: FloatArray, floor: float | None = None) -> FloatArray:
    """Per input sample, the largest magnitude among its ×4 oversampled neighbours.

    Oversampling is the costly part, so it runs only on blocks whose sample peak is above
    `floor` (default: half the loudest sample, 6 dB). Between samples a real signal rises
    well under 6 dB over its sample peak, so no block left out could hold the true peak or
    cross a ceiling that is 6 dB above its samples; elsewhere the sample magnitude stands.
    """
    narrow = signal.astype(np.float32)  # far finer than the 16-bit samples measured
    magnitude = np.abs(narrow)
    size = magnitude.size
    blocks = -(-size // PEAK_BLOCK)
    padded = np.zeros(blocks * PEAK_BLOCK, dtype=np.float32)
    padded[:size] = magnitude
    block_peaks = padded.reshape(blocks, PEAK_BLOCK).max(axis=1)
    if floor is None:
        floor = float(block_peaks.max()) / 2.0
    peaks = magnitude.copy()
    for first, last in _runs(np.flatnonzero(block_peaks > floor)):
        start, end = first * PEAK_BLOCK, min(size, last * PEAK_BLOCK)
        low, high = max(0, start - PEAK_CONTEXT), min(size, end + PEAK_CONTEXT)
        upsampled = np.abs(
            resample_poly(narrow[low:high], OVERSAMPLING, 1, window=_oversampling_filter())
        )
        inner = upsampled[(start - low) * OVERSAMPLING : (end - low) * OVERSAMPLING]
        peaks[start:end] = np.maximum(peaks[start:end], inner.reshape(-1, OVERSAMPLING).max(axis=1))
    widest: FloatArray = peaks.astype(np.float64)
    return widest


def true_peak(signal: FloatArray) -> float:
    """True peak in dBTP (×4 oversampling); −inf for silence."""
    if signal.size == 0:
        return -math.inf
    return to_db(float(_oversampled_peaks(signal).max()))


def limit(signal: FloatArray, sample_rate: int, ceiling_dbtp: float) -> FloatArray:
    """Pull every true peak under the ceiling with a smooth, look-ahead gain curve.

    The wanted gain per sample is held at its minimum over ±L samples, then averaged over the
    same width: an average of values each ≤ the wanted gain at the centre stays ≤ it, so no
    peak escapes, and the gain moves over 2L samples instead of jumping.
    """
    ceiling = 10.0 ** (ceiling_dbtp / 20.0)
    peaks = _oversampled_peaks(signal, floor=ceiling / 2.0)
    wanted = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    if wanted.min() >= 1.0:
        return signal
    width = 2 * max(1, round(LOOKAHEAD_SECONDS * sample_rate)) + 1
    held = minimum_filter1d(wanted, size=width, mode="nearest")
    smooth = uniform_filter1d(held, size=width, mode="nearest")
    limited: FloatArray = signal * np.minimum(smooth, wanted)
    return limited


@dataclass(frozen=True)
class Levels:
    loudness_lufs: float
    true_peak_dbtp: float


def measure(signal: FloatArray, sample_rate: int) -> Levels:
    return Levels(integrated_loudness(signal, sample_rate), true_peak(signal))


def normalize(
    signal: FloatArray,
    sample_rate: int,
    target_lufs: float,
    ceiling_dbtp: float,
    *,
    tolerance_lu: float = 0.3,
    rounds: int = 5,
) -> FloatArray:
    """Gain to `target_lufs`, limited to `ceiling_dbtp`; both hold within the tolerance.

    Each round scales the original signal and limits it once (limiting twice would smear),
    then corrects the gain by what the limiter took away. Silence and audio too short to
    measure get no gain, only the ceiling.
    """
    original = np.asarray(signal, dtype=np.float64)
    loudness = integrated_loudness(original, sample_rate)
    if math.isinf(loudness):
        return limit(original, sample_rate, ceiling_dbtp)
    gain_db = target_lufs - loudness
    out = original
    for _ in range(rounds):
        out = limit(original * 10.0 ** (gain_db / 20.0), sample_rate, ceiling_dbtp)
        loudness = integrated_loudness(out, sample_rate)
        if abs(loudness - target_lufs) <= tolerance_lu:
            break
        gain_db += target_lufs - loudness
    return out
