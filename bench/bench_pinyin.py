"""Polyphone accuracy and speed on the CPP dev split (g2pM's benchmark, Apache-2.0).

Each of the 9,893 sentences has one polyphonic character between ▁ marks and its label.
Printed: accuracy of plain pypinyin, of g2pM alone (our batched run of its model), and of our
reading step; on all of dev, on its even lines (where our thresholds were chosen) and on its
odd lines (not looked at while tuning: the closest thing to a held-out figure here). Timing:
the reading step over all sentences (jieba, dictionaries, batched g2pM, arbitration) against
plain pypinyin in the same run, best of two alternating rounds after a warm-up on the sample
article, with our per-word caches emptied before each round. The full pass (`Pronouncer`:
readings, hard terms, speech text with WeTextProcessing, spoken pinyin with sandhi) is timed
once after a warm-up on the sample, its caches emptied too, and set against the same
pypinyin time; issue 3's target is at most twice pypinyin.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = [
    Path(os.environ.get("READER_CPP_DIR", ROOT.parent / "shared" / "bench" / "cpp")),
    Path("/work/shared/bench/cpp"),
]
MARK = "\u2581"


def load(folder: Path) -> tuple[list[str], list[int], list[str]]:
    sentences, positions, labels = [], [], []
    marked = (folder / "dev.sent").read_text(encoding="utf-8").splitlines()
    answers = (folder / "dev.lb").read_text(encoding="utf-8").splitlines()
    for line, label in zip(marked, answers, strict=True):
        positions.append(line.index(MARK))
        sentences.append(line.replace(MARK, ""))
        labels.append(label.strip().replace("u:", "v"))
    return sentences, positions, labels


def plain_pypinyin(sentences: Sequence[str]) -> list[list[str]]:
    from pypinyin import Style, lazy_pinyin

    # errors=list: one item per non-Han character, so positions line up with the text.
    one_per_char: Any = list
    return [
        lazy_pinyin(s, style=Style.TONE3, neutral_tone_with_five=True, errors=one_per_char)
        for s in sentences
    ]


def ours(sentences: Sequence[str]) -> list[list[str | None]]:
    from reader.pronounce import readings

    return [list(r.syllables) for r in readings.read(sentences)]


def g2pm_alone(sentences: Sequence[str], positions: Sequence[int]) -> list[str]:
    from reader.pronounce import g2pm_batch

    queries = [g2pm_batch.Query(s, (p,)) for s, p in zip(sentences, positions, strict=True)]
    answers = []
    for scores in g2pm_batch.score(queries):
        best = max(scores[0], key=scores[0].__getitem__) if scores[0] else ""
        answers.append(best.replace("u:", "v"))
    return answers


def accuracy(predicted: Sequence[str | None], labels: Sequence[str]) -> tuple[float, ...]:
    hits = [p == label for p, label in zip(predicted, labels, strict=True)]

    def share(part: Sequence[bool]) -> float:
        return 100.0 * sum(part) / len(part)

    return share(hits), share(hits[0::2]), share(hits[1::2])


def empty_caches() -> None:
    from reader.pronounce import hard, readings, speech_text

    readings._phrase_table.cache_clear()
    readings.default_reading.cache_clear()
    hard._retag.cache_clear()
    speech_text._normalized.cache_clear()


def breakdown(sentences: Sequence[str]) -> str:
    """The full pass's two steps beyond the readings, timed alone."""
    from reader.pronounce import hard, readings, speech_text

    shown = readings.read(sentences)
    empty_caches()
    steps = {
        "speech text (WeTextProcessing)": timed(
            lambda: [speech_text.speech_pieces(s) for s in sentences]
        ),
        "hard terms": timed(lambda: [hard.hard_flags(r) for r in shown]),
    }
    return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in steps.items())


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> int:
    folder = next((c for c in CANDIDATES if (c / "dev.sent").exists()), None)
    if folder is None:
        print("CPP dev split not found (set READER_CPP_DIR); skipped")
        return 0
    sentences, positions, labels = load(folder)
    sample = (ROOT / "examples" / "000_be6178708a06076a.txt").read_text(encoding="utf-8")
    warm = [line for line in sample.splitlines() if line.strip()]
    plain_pypinyin(warm)
    ours(warm)

    times: dict[str, list[float]] = {"pypinyin": [], "ours": []}
    results: dict[str, list[list[str]] | list[list[str | None]]] = {}
    for _ in range(2):
        start = time.perf_counter()
        results["pypinyin"] = plain_pypinyin(sentences)
        times["pypinyin"].append(time.perf_counter() - start)
        empty_caches()
        start = time.perf_counter()
        results["ours"] = ours(sentences)
        times["ours"].append(time.perf_counter() - start)

    def at_target(rows: Sequence[Sequence[str | None]]) -> list[str | None]:
        return [row[p] if p < len(row) else None for row, p in zip(rows, positions, strict=True)]

    n = len(sentences)
    print(f"CPP dev: {n} sentences, one polyphone each; accuracy all / even (tuned) / odd")
    for name, predicted in (
        ("pypinyin (plain)", at_target(results["pypinyin"])),
        ("g2pM alone (batched)", g2pm_alone(sentences, positions)),
        ("ours (reading step)", at_target(results["ours"])),
    ):
        total, even, odd = accuracy(predicted, labels)
        print(f"  {name:22s} {total:6.2f} % / {even:6.2f} % / {odd:6.2f} %")
    plain, mine = min(times["pypinyin"]), min(times["ours"])
    print(
        f"time, reading step: pypinyin {plain:.2f} s ({n / plain:,.0f} sentences/s), "
        f"ours {mine:.2f} s ({n / mine:,.0f} sentences/s); ratio ours/pypinyin {mine / plain:.2f} "
        "(target <= 2.00)"
    )

    from reader.pronounce import Pronouncer

    Pronouncer().sentences(warm)
    empty_caches()
    full = timed(lambda: Pronouncer().sentences(sentences))
    print(
        f"time, full pass (readings + hard terms + speech text with WeTextProcessing + sandhi): "
        f"{full:.2f} s ({n / full:,.0f} sentences/s); ratio full/pypinyin {full / plain:.2f} "
        "(target <= 2.00)"
    )
    print("  where the full pass goes (each step alone, caches emptied): " + breakdown(sentences))
    return 0


if __name__ == "__main__":
    sys.exit(main())
