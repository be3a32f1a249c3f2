"""Speed of the hard-term step (`hard.hard_flags`) over the 9,893 CPP dev sentences.

The readings are made once (not timed); then `hard_flags` runs over every sentence after a
warm-up on the sample article, with every per-word cache emptied first (hard's and
name_tags', and readings' `default_reading`), best of three. Issue 3 wants the whole
pronunciation pass at most twice plain pypinyin; this step's share of it is the target here
(0.5 s on the development machine). Also printed: the jieba.posseg tagging alone of the
sentences' words outside jieba's dictionary (the part of the step that `_retag` caches).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_pinyin import cpp_folder, load  # noqa: E402

ROUNDS = 3


def best_of(rounds: int, prepare: Callable[[], object], run: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        prepare()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    folder = cpp_folder()
    if folder is None:
        print("CPP dev split not found (set READER_CPP_DIR); skipped")
        return 0
    from reader.pronounce import hard, name_tags, readings

    sentences, _, _ = load(folder)
    shown = readings.read(sentences)
    sample = (ROOT / "examples" / "000_be6178708a06076a.txt").read_text(encoding="utf-8")
    for reading in readings.read([line for line in sample.splitlines() if line.strip()]):
        hard.hard_flags(reading)
    unknown = sorted({w.text for r in shown for w in r.words if w.tag == "new"})

    def empty_all() -> None:
        hard.clear_caches()
        readings.default_reading.cache_clear()

    n = len(shown)
    cold = best_of(ROUNDS, empty_all, lambda: [hard.hard_flags(r) for r in shown])
    print(
        f"hard terms, all caches emptied: {cold:.3f} s ({n / cold:,.0f} sentences/s), "
        f"best of {ROUNDS}"
    )
    tagging = best_of(ROUNDS, name_tags.clear_caches, lambda: [name_tags.tag(w) for w in unknown])
    print(
        f"  of which alone: tagging the {len(unknown):,} words outside jieba's dictionary "
        f"{tagging:.3f} s ({len(unknown) / tagging:,.0f} words/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
