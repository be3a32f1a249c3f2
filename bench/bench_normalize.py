"""Normalizer throughput: the sample repeated to ~200k characters, and 10x that.

Target: at least 1 MB of (UTF-8) text per second, and time growing linearly with size.
"""

from __future__ import annotations

import time
from pathlib import Path

from reader.normalize import normalize

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "000_be6178708a06076a.txt"
BASE_CHARS = 200_000


def measure(text: str, repeats: int) -> float:
    """Best of `repeats` runs, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        normalize(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    small = sample * (BASE_CHARS // len(sample) + 1)
    large = small * 10
    rates = []
    for label, text, repeats in (("~200k", small, 10), ("10x", large, 3)):
        seconds = measure(text, repeats)
        megabytes = len(text.encode("utf-8")) / 1e6
        rates.append(len(text) / seconds)
        print(
            f"normalize {label}: {len(text):,} chars ({megabytes:.1f} MB) in {seconds:.2f} s = "
            f"{len(text) / seconds:,.0f} chars/s, {megabytes / seconds:.2f} MB/s"
        )
    print(f"linearity: 10x input rate / 1x input rate = {rates[1] / rates[0]:.2f} (1.00 = linear)")


if __name__ == "__main__":
    main()
