"""Word frequencies from wordfreq (Zipf scale: 7 = 的, 3 = once per ten million words)."""

from __future__ import annotations

import math
from functools import cache

from reader import table_cache


@cache
def _frequencies() -> dict[str, float]:
    """The table, kept between commands (`table_cache`): wordfreq and its table take half a
    second to load."""
    return table_cache.cached("wordfreq-zh", ("wordfreq",), _load)


def _load() -> dict[str, float]:
    # The raw table, looked up directly: wordfreq's own `zipf_frequency` would re-segment
    # each word with a second copy of jieba.
    from wordfreq import get_frequency_dict

    table: dict[str, float] = get_frequency_dict("zh")
    return table


def zipf(word: str) -> float:
    """Zipf frequency of `word` in Chinese; 0.0 for a word wordfreq has never seen."""
    frequency = _frequencies().get(word)
    return math.log10(frequency) + 9.0 if frequency else 0.0
