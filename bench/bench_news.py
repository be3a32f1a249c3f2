"""Polyphones in read-aloud news: THCHS-30 dev (Tsinghua CSLT, Apache-2.0), 750 sentences.

Scored exactly as `shared/bench/thchs30/score.py` scores `reader pinyin --level all`: the
62 polyphones news is full of, citation readings against the spoken labels (a third tone
before a third tone may be written 2; 一 and 不 are left out). Printed for reader's display
readings (the whole article's sentences pronounced as one text, as the CLI does) and for plain
pypinyin, on all sentences, the even ones (where the grammar rules were written) and the odd
ones (held out), with the most frequent remaining errors. Target: >= 98.5 %.
"""

from __future__ import annotations

import collections
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = [
    Path(os.environ.get("READER_THCHS30_DIR", ROOT.parent / "shared" / "bench" / "thchs30")),
    Path("/work/shared/bench/thchs30"),
]


def _scorer(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("thchs30_score", folder / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ours(sentences: Sequence[str]) -> list[list[str]]:
    from reader.pronounce import Pronouncer, forms

    done = Pronouncer().sentences(sentences)
    said = []
    for sentence in done:
        row = []
        for syllable in sentence.syllables:
            row += [forms.from_marks(syllable.pinyin) if syllable.pinyin else ""] * len(
                syllable.text
            )
        said.append(row)
    return said


def _plain(sentences: Sequence[str]) -> list[list[str]]:
    from pypinyin import Style, lazy_pinyin

    one_per_char: object = list
    return [
        lazy_pinyin(s, style=Style.TONE3, neutral_tone_with_five=True, errors=one_per_char)  # type: ignore[arg-type]
        for s in sentences
    ]


def _score(score: ModuleType, rows: Sequence[list[str]], said: Sequence[list[str]]) -> str:
    right = [0, 0]
    total = [0, 0]
    errors: collections.Counter[str] = collections.Counter()
    for n, ((sentence, labels), ours) in enumerate(zip(rows, said, strict=True)):
        for k, (char, label) in enumerate(zip(sentence, labels.split(), strict=True)):
            if char not in score.POLYPHONES:
                continue
            following = ours[k + 1] if k + 1 < len(ours) else ""
            ok = score.same(ours[k], label, following)
            right[n % 2] += ok
            total[n % 2] += 1
            if not ok:
                errors[f"{char} {label}->{ours[k]}"] += 1
    share = [100.0 * r / t for r, t in zip(right, total, strict=True)]
    overall = 100.0 * sum(right) / sum(total)
    common = ", ".join(f"{e} ×{n}" for e, n in errors.most_common(8))
    return (
        f"{overall:6.2f} % ({sum(right)}/{sum(total)}) / even {share[0]:6.2f} % / "
        f"odd (held out) {share[1]:6.2f} %\n      most frequent errors: {common}"
    )


def main() -> int:
    folder = next((c for c in CANDIDATES if (c / "dev.tsv").exists()), None)
    if folder is None:
        print("THCHS-30 dev not found (set READER_THCHS30_DIR); skipped")
        return 0
    score = _scorer(folder)
    lines = (folder / "dev.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines]
    sentences = [row[0] for row in rows]
    print(f"THCHS-30 dev: {len(rows)} news sentences; news polyphones all / even / odd")
    print("  pypinyin (plain)  " + _score(score, rows, _plain(sentences)))
    print("  reader            " + _score(score, rows, _ours(sentences)))
    print("  target >= 98.50 %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
