"""Pronunciation: context-correct pinyin, hard-term annotation, and speech text.

`Pronouncer` fills each `Sentence` with display syllables (citation pinyin in tone marks,
`hard` flags) and a `SpeechText` (normalized text, respelled text, spoken pinyin with
sandhi). Importing this package is cheap; jieba, g2pM, wordfreq and WeTextProcessing load
on first use, once per process.
"""

from reader.pronounce.hard import DEFAULT_HARD_ZIPF
from reader.pronounce.lexicon import Lexicon
from reader.pronounce.pronouncer import Pronouncer, clear_caches

__all__ = ["DEFAULT_HARD_ZIPF", "Lexicon", "Pronouncer", "clear_caches"]
