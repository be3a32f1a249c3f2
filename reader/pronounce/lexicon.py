"""The user lexicon: words (names, local terms) whose reading always wins.

TOML: `孙慧姣 = "sun1 hui4 jiao1"` or `"sūn huì jiāo"`. TSV: `word<TAB>pinyin`, `#` comments.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import InputError
from reader.fsutil import read_limited
from reader.pronounce import forms

LEXICON_MAX_SIZE = 20 * 1024 * 1024  # like an article: far past any real names list


@dataclass(frozen=True)
class Lexicon:
    """Word -> readings in our tone-number form, one per character."""

    entries: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Lexicon:
        return cls({})

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        path = Path(path)
        raw = read_limited(path, LEXICON_MAX_SIZE, "lexicon")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(f"{path}: lexicon is not UTF-8") from error
        if path.suffix.lower() == ".toml":
            pairs = list(_toml_pairs(path, text))
        else:
            pairs = list(_tsv_pairs(path, text))
        entries: dict[str, tuple[str, ...]] = {}
        for line, word, reading in pairs:
            entries[word] = _readings(path, line, word, reading)
        return cls(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, word: object) -> bool:
        return word in self.entries

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) of lexicon words in `text`, longest match first."""
        if not self.entries:
            return []
        longest = max(len(word) for word in self.entries)
        found: list[tuple[int, int]] = []
        start = 0
        while start < len(text):
            for end in range(min(len(text), start + longest), start, -1):
                if text[start:end] in self.entries:
                    found.append((start, end))
                    start = end
                    break
            else:
                start += 1
        return found


# TOML 1.0 allows only ASCII bare keys; people write `孙慧姣 = "..."` (as TOML 1.1 allows),
# so a bare key with other characters is quoted before parsing.
_BARE_KEY = re.compile(r"^(\s*)([^\s\"'=#\[\]]+)(\s*=)", re.MULTILINE)
_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _toml_pairs(path: Path, text: str) -> Iterator[tuple[int, str, str]]:
    quoted = _BARE_KEY.sub(lambda m: f'{m[1]}"{m[2]}"{m[3]}' if not m[2].isascii() else m[0], text)
    try:
        data = tomllib.loads(quoted)
    except tomllib.TOMLDecodeError as error:
        at = _AT_LINE.search(str(error))
        reason = _AT_LINE.sub("", str(error)).strip()
        raise InputError(f"{path}:{at[1] if at else '?'}: bad TOML: {reason}") from error
    lines = text.splitlines()
    for word, value in data.items():
        line = next(
            (n for n, row in enumerate(lines, 1) if row.lstrip().lstrip("\"'").startswith(word)), 0
        )
        if not isinstance(value, str):
            raise InputError(f"{path}:{line}: the reading of {word!r} must be a string")
        yield line, word, value


def _tsv_pairs(path: Path, text: str) -> Iterator[tuple[int, str, str]]:
    for line, row in enumerate(text.splitlines(), 1):
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        parts = row.split("\t")
        if len(parts) != 2:
            raise InputError(f"{path}:{line}: expected word<TAB>pinyin")
        yield line, parts[0].strip(), parts[1]


def _readings(path: Path, line: int, word: str, reading: str) -> tuple[str, ...]:
    if not word or not all(forms.is_han(char) for char in word):
        raise InputError(f"{path}:{line}: {word!r} is not a word of Chinese characters")
    syllables = reading.replace("'", " ").split()
    if len(syllables) != len(word):
        raise InputError(
            f"{path}:{line}: {word!r} has {len(word)} characters but {len(syllables)} syllables"
        )
    try:
        return tuple(forms.parse(syllable) for syllable in syllables)
    except ValueError as error:
        raise InputError(f"{path}:{line}: {error}") from error
