"""A character's neighbours as grammar sees them: the jieba-tagged words around it and its
clause (the helpers `grammar.py`'s rules read a function word from)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple, Protocol

from reader.pronounce import name_tags


class Tagged(Protocol):
    """A word with jieba's part-of-speech tag (readings.Word)."""

    @property
    def text(self) -> str: ...

    @property
    def tag(self) -> str: ...


# One rule: the words of a sentence, the word's index, the character's index in the word; the
# character's reading, or None to leave it to the dictionaries.
Rule = Callable[[Sequence[Tagged], int, int], str | None]


def spaced(words: str) -> frozenset[str]:
    """A set of words written as one string, separated by spaces."""
    return frozenset(words.split())


# Words jieba's HMM found outside its dictionary (readings.Word): "glued" are those that
# stand where no name can.
FOUND_BY_HMM = ("new", "glued")
VERB = ("v",)
ADJECTIVE = ("a",)
NUMERAL = ("m", "q")

# Degree adverbs: an adjective follows them (很重, 非常重, and jieba's 极差, 最差).
DEGREE = spaced("很 太 更 最 较 极 挺 蛮 越 非常 比较 相当 十分 特别 过于 越来越 那么 这么")
# Personal pronouns: someone who acts (他种了, 还你), not a demonstrative (这种).
PEOPLE = spaced("我 你 他 她 它 我们 你们 他们 她们 它们 人家")


def tags_of(word: Tagged) -> tuple[str, str]:
    """The tags of a word's first and last parts: jieba's tagger splits the words its HMM
    glued (时谈 = 时 + 谈) and tells names apart."""
    if word.tag not in FOUND_BY_HMM:
        return word.tag, word.tag
    parts = name_tags.word_parts(word.text)
    return parts[0][1], parts[-1][1]


def has_tag(word: Tagged | None, tags: tuple[str, ...]) -> bool:
    """Whether the end of `word` (the part next to a following word) has one of `tags`."""
    return word is not None and tags_of(word)[1].startswith(tags)


def char_tag(char: str) -> str:
    """jieba's dictionary tag of a character standing alone as a word ("" if none)."""
    import jieba.posseg

    tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
    return tags.get(char, "")


def is_found_name(word: Tagged | None) -> bool:
    """A name jieba's HMM found (jieba's dictionary tags many everyday words nr: 高达)."""
    return word is not None and word.tag == "new" and tags_of(word)[0].startswith("nr")


def is_punctuation(word: Tagged) -> bool:
    return not any(char.isalnum() for char in word.text)


# Punctuation that ends a clause; the enumeration comma 、 and quotes do not (以完善机制、
# 夯实基础为支撑 is one clause).
CLAUSE_ENDS = frozenset("，。！？；：,.!?;:\n")


def ends_clause(word: Tagged) -> bool:
    return any(char in CLAUSE_ENDS for char in word.text)


def clause_after(words: Sequence[Tagged], at: int) -> Iterator[Tagged]:
    """The words after `at` up to the end of its clause."""
    for word in words[at + 1 :]:
        if ends_clause(word):
            return
        yield word


def clause_before(words: Sequence[Tagged], at: int) -> Iterator[Tagged]:
    """The words before `at` back to the start of its clause, nearest first."""
    for word in reversed(words[:at]):
        if ends_clause(word):
            return
        yield word


def text_of(word: Tagged | None) -> str:
    """A word's text, or "" where there is no word."""
    return word.text if word is not None else ""


def word_before(words: Sequence[Tagged], at: int) -> Tagged | None:
    word = words[at - 1] if at > 0 else None
    return None if word is None or is_punctuation(word) else word


def word_after(words: Sequence[Tagged], at: int) -> Tagged | None:
    word = words[at + 1] if at + 1 < len(words) else None
    return None if word is None or is_punctuation(word) else word


class Piece(NamedTuple):
    """A character of a word jieba's HMM glued, standing as a word of its own."""

    text: str
    tag: str


def split_glued(words: Sequence[Tagged], at: int, tags: Sequence[str]) -> list[Tagged]:
    """`words` with the glued word `at` cut into its characters, tagged `tags`."""
    pieces: list[Tagged] = [Piece(c, t) for c, t in zip(words[at].text, tags, strict=True)]
    return [*words[:at], *pieces, *words[at + 1 :]]
