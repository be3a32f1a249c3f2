"""jieba's default tokenizer and part-of-speech tagger, their tables kept between commands.

jieba keeps its prefix dictionary (498,000 entries) in a marshal file of its own, but reads it
back item by item from the file (0.6 s); importing `jieba.posseg` reads the tag of each of the
dictionary's 349,000 words from its text file (a quarter of a second). `table_cache` keeps
both tables and reads each in one piece, a third of the time. On a hit, the default tokenizer
is given the kept dictionary as `initialize` would set it, and the tagger's import is given an
empty file to read the tags from, the kept tags put in their place: the tokenizer and tagger
are the ones jieba builds, with the same tables.
"""

from __future__ import annotations

import io
import logging
import sys
from typing import Any

from reader import table_cache

_PACKAGES = ("jieba",)


def load() -> Any:
    """`jieba.posseg`, with jieba's default tokenizer initialized; both from the cache where
    their tables are kept there."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    _initialize(jieba.dt, jieba.DEFAULT_DICT)
    if "jieba.posseg" in sys.modules:
        return _imported()
    path = table_cache.table_path("jieba-tags", _PACKAGES, __name__)
    tags = table_cache.read(path)
    if not isinstance(tags, dict):
        posseg = _imported()
        table_cache.write(path, posseg.dt.word_tag_tab)
        return posseg
    jieba.dt.get_dict_file = lambda: io.BytesIO(b"")  # what the import reads the tags from
    try:
        posseg = _imported()
    finally:
        del jieba.dt.get_dict_file
    posseg.dt.word_tag_tab = tags
    return posseg


def _initialize(tokenizer: Any, default_dictionary: Any) -> None:
    """`tokenizer.initialize()`, its prefix dictionary from the cache where kept there."""
    if tokenizer.initialized or tokenizer.dictionary != default_dictionary:
        tokenizer.initialize()  # done already, or a dictionary of the user's: jieba's own way
        return
    path = table_cache.table_path("jieba-prefixes", _PACKAGES, __name__)
    kept = table_cache.read(path)
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], dict)):
        tokenizer.initialize()
        table_cache.write(path, (tokenizer.FREQ, tokenizer.total))
        return
    with tokenizer.lock:
        if not tokenizer.initialized:
            tokenizer.FREQ, tokenizer.total = kept
            tokenizer.initialized = True


def _imported() -> Any:
    import jieba.posseg

    return jieba.posseg
