"""Speed of the reading step alone, and where its time goes, on the CPP dev split.

`readings.read` over the 9,893 sentences against plain pypinyin in the same run: best of
three alternating rounds (wall clock and CPU time) after a warm-up on the sample article, our
per-word caches emptied before each round. Then the step's parts, each timed alone with
cold caches: segmentation (jieba / jieba-rs and the per-word dictionary plans) and the
batched g2pM scoring of every polyphone. bench_pinyin.py has the accuracy figures.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from bench_pinyin import ROOT, cpp_folder, empty_caches, load, plain_pypinyin

ROUNDS = 3


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run; CPU time is steadier on a shared machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    folder = cpp_folder()
    if folder is None:
        print("CPP dev split not found (set READER_CPP_DIR); skipped")
        return 0
    from reader.pronounce import g2pm_batch, readings
    from reader.pronounce.lexicon import Lexicon

    sentences, _, _ = load(folder)
    sample = (ROOT / "examples" / "000_be6178708a06076a.txt").read_text(encoding="utf-8")
    warm = [line for line in sample.splitlines() if line.strip()]
    plain_pypinyin(warm)
    readings.read(warm)

    plain: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []
    for _ in range(ROUNDS):
        plain.append(timed(lambda: plain_pypinyin(sentences)))
        empty_caches()
        ours.append(timed(lambda: readings.read(sentences)))
    n = len(sentences)
    for label, pick in (("wall", 0), ("CPU", 1)):
        theirs, mine = min(t[pick] for t in plain), min(t[pick] for t in ours)
        print(
            f"read, {n} sentences, best of {ROUNDS} ({label}): pypinyin {theirs:.2f} s, "
            f"ours {mine:.2f} s ({n / mine:,.0f} sentences/s); ratio {mine / theirs:.2f}"
        )

    empty_caches()
    lexicon = Lexicon.empty()
    words: list[list[readings.Word]] = []
    seconds = {
        "segmentation and word plans": timed(
            lambda: words.extend(readings.segment(text, lexicon) for text in sentences)
        )[1]
    }
    queries = [
        g2pm_batch.Query(text, tuple(i for i, c in enumerate(text) if g2pm_batch.is_polyphone(c)))
        for text in sentences
    ]
    seconds["g2pM scoring (every polyphone)"] = timed(lambda: g2pm_batch.score(queries))[1]
    print("  parts, each alone, CPU: " + ", ".join(f"{k} {v:.2f} s" for k, v in seconds.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
