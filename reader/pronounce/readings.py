"""Context-correct citation readings: jieba words, pypinyin's dictionaries, g2pM, the lexicon.

Each sentence is cut into jieba's words (the lexicon's words kept whole); what the dictionaries
say about each word is worked out once per word (`_word_plan`); grammar reads the news function
words from the neighbouring words; g2pM scores every polyphone of all the sentences in one
batch; `arbitration.py` decides each polyphone. With `one_text`, unknown abbreviations then
follow the rest of the article (`follow.py`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from reader.han import HAN, HAN_RE
from reader.pronounce import (
    arbitration,
    follow,
    forms,
    g2pm_batch,
    grammar,
    homographs,
    jieba_tables,
    neighbours,
    phrases,
    surnames,
)
from reader.pronounce.arbitration import Candidate
from reader.pronounce.cycles import no_cycle_collection
from reader.pronounce.lexicon import Lexicon

# Characters shown in their citation tone: pypinyin's phrase dictionary stores 一/不 with
# tone sandhi already applied (一个 yí gè), which belongs to speech, not display.
_CITATION = {"一": "yi1", "不": "bu4"}


@dataclass(frozen=True)
class Word:
    """A segment of a sentence. `tag` is jieba's dictionary part of speech ("nr", "ns", "i"
    ...), "new" for a word jieba's HMM found outside its dictionary (mostly names), "glued"
    for such a word where no name can stand (see `_no_names_after_modifiers`), "lex" for a
    lexicon word and "x" for anything that is not all Han characters."""

    text: str
    tag: str


@dataclass(frozen=True)
class Reading:
    words: tuple[Word, ...]
    syllables: tuple[str | None, ...]  # one per character: tone-number form, None if not Han


@dataclass(frozen=True)
class _Dictionaries:
    chars: dict[int, str]
    tags: dict[str, str]
    known: dict[str, int]
    jieba: Any
    blocks: re.Pattern[str]  # jieba's own split of a sentence into the runs it segments
    spaces: re.Pattern[str]  # and of what lies between them
    fast_cut: Callable[[str, bool], list[str]]


@cache
def _dictionaries() -> _Dictionaries:
    import jieba
    import rjieba
    from pypinyin.pinyin_dict import pinyin_dict

    jieba.setLogLevel(logging.WARNING)
    posseg = jieba_tables.load()  # jieba.initialize(), its tables kept between commands
    rjieba.cut("")  # loads jieba-rs's copy of jieba's dictionary now, not mid-article
    phrases.load()
    return _Dictionaries(
        chars=pinyin_dict,
        tags=posseg.dt.word_tag_tab,
        known=jieba.dt.FREQ,
        jieba=jieba.dt,
        blocks=jieba.re_han_default,
        spaces=jieba.re_skip_default,
        fast_cut=rjieba.cut,
    )


def segment(text: str, lexicon: Lexicon) -> list[Word]:
    """jieba's words (with its HMM for unknown words), lexicon words kept whole."""
    words: list[Word] = []
    position = 0
    for start, end in [*lexicon.spans(text), (len(text), len(text))]:
        if start > position:
            words.extend(_jieba_words(text[position:start]))
        if end > start:
            words.append(Word(text[start:end], "lex"))
        position = end
    return _no_names_after_modifiers(words)


# Parts of speech that modify a verb or an adjective, never a name: 必须 (d), 稳妥 (a).
_MODIFIERS = ("d", "a", "b", "z")
# Words news puts before verbs as adverbials that jieba's dictionary tags as nouns or verbs
# (精准 n, 全面 n, 依法 n): after them the HMM's surname-led pair is a verb (精准施策).
_ADVERBIALS_TAGGED_OTHERWISE = neighbours.spaced(
    "精准 全面 有序 科学 依法 协同 大力 着力 分类 分层 分级 精细化 规范化 精心 有力 专项 "
    "重点 统筹 深入 持续 综合 合理 妥善 及时 定期 集中 联合 加快 共同 逐步 稳步 切实"
)


def _no_names_after_modifiers(words: list[Word]) -> list[Word]:
    """jieba's tagger calls most pairs that open with a surname character a name (常怀, 施策,
    as 常 and 施 are surnames). Right after an adverb or adjective (必须常怀忧患, 精准施策) the
    pair is a verb phrase: tag it "glued", which hard terms and the abbreviation rule treat as
    no name."""
    for at in range(1, len(words)):
        word = words[at]
        before = words[at - 1]
        modifier = before.tag.startswith(_MODIFIERS) or before.text in _ADVERBIALS_TAGGED_OTHERWISE
        if word.tag == "new" and modifier:
            words[at] = Word(word.text, "glued")
    return words


def _jieba_words(text: str) -> list[Word]:
    return [_word_plan(piece).word for piece in _jieba_cut(text)]


# jieba's basic-block ideographs: the runs jieba-rs segments exactly as jieba does.
_PURE_HAN = re.compile("[\u4e00-\u9fd5]+")
# forms.is_han, for a whole word at once.
_ALL_HAN = re.compile(f"[{HAN}]+")


def _jieba_cut(text: str) -> list[str]:
    """`jieba.lcut(text, HMM=True)`, several times faster.

    jieba cuts each run of its block pattern on its own. Runs of ideographs only go to
    jieba-rs (the same dictionary, DAG and HMM; identical words on every such run of the CPP
    dev split and the sample); runs with digits or Latin letters, whose HMM fallback jieba-rs
    splits differently ("9-11"), stay with jieba itself. Between runs, jieba keeps each
    space (or CRLF) whole and gives every other character alone; so do we.
    """
    found = _dictionaries()
    words: list[str] = []
    for at, block in enumerate(found.blocks.split(text)):
        if not block:
            continue
        if at % 2 == 0:  # between runs (split() alternates: between, run, between ...)
            for piece in found.spaces.split(block):
                if found.spaces.match(piece):
                    words.append(piece)
                else:
                    words.extend(piece)
        elif _PURE_HAN.fullmatch(block):
            words.extend(found.fast_cut(block, True))
        else:
            words.extend(found.jieba.cut(block, HMM=True))
    return words


@cache
def default_reading(char: str) -> str | None:
    """pypinyin's first (most common) reading of a character."""
    listed = _dictionaries().chars.get(ord(char))
    return forms.from_marks(listed.split(",")[0]) if listed else None


class _WordPlan(NamedTuple):
    """Everything the dictionaries say about a word, whatever sentence it is in."""

    word: Word  # with its tag, as jieba cut it (Word is immutable: one per text is shared)
    readings: tuple[str | None, ...]  # per character, before g2pM
    candidates: tuple[tuple[int, Candidate], ...]  # the polyphones g2pM scores, by index
    ruled: frozenset[int]  # the candidates no phrase covers that a grammar rule may read


@cache
def _word_plan(word: str) -> _WordPlan:
    found = _dictionaries()
    readings: list[str | None] = []
    candidates: list[tuple[int, Candidate]] = []
    listed_phrases = phrases.covering(word, phrases.pypinyin)
    polyphonic = [g2pm_batch.is_polyphone(char) for char in word]
    # CC-CEDICT only speaks for polyphones (read below only where there is one), so a word
    # with none is not looked up there.
    second = phrases.covering(word, phrases.second) if any(polyphonic) else ()
    for index, char in enumerate(word):
        if not HAN_RE.match(char):
            readings.append(None)
            continue
        if char in _CITATION:
            readings.append(_CITATION[char])
            continue
        phrase, listed = listed_phrases[index]
        if listed and _suffix_of_listed_stem(word, index, phrase):
            phrase, listed = phrases.NO_PHRASE  # 伤心 + 地: 心地 does not cover the 地
        # A word pypinyin does not list: CC-CEDICT's reading, unless a rule reads the character
        # inside words (CC-CEDICT's 性地 would hide 创造性地 from it); CC-CEDICT's reading of
        # the whole word (重用, 身着) still beats grammar.
        # CC-CEDICT's whole word also beats a shorter pypinyin phrase inside it (满头大汗 hàn,
        # not pypinyin's 大汗 "great khan" hán).
        # (Where the two agree, 理发 inside 理发店, pypinyin's phrase stays.)
        whole_second = (
            bool(second)
            and second[index][0] == word
            and phrase != word
            and second[index][1] != listed
        )
        only_second = (
            polyphonic[index]
            and (not listed or whole_second)
            and bool(second[index][1])
            and (char not in grammar.WITHIN_WORDS or second[index][0] == word)
        )
        if only_second:
            phrase, listed = second[index]
        elif (
            polyphonic[index]
            and not listed
            and not second[index][1]
            and char not in grammar.FUNCTION_WORDS
        ):
            # (grammar's characters are left to grammar: 死得 is not 死得其所)
            begun = phrases.beginning(word)  # 太行 as in 太行山
            if begun is not None and len(begun[index]) == 1:
                phrase, listed, only_second = word, begun[index], True
        default = default_reading(char)
        readings.append(listed[0] if listed else default)
        if polyphonic[index]:
            # A function word in a whole word CC-CEDICT lists: the word decides, as grammar
            # would have, without the model (重开 chóng, 重灾 zhòng, 曾荫权 zēng).
            whole = only_second and phrase == word and char in grammar.FUNCTION_WORDS
            decided = listed[0] if whole else None
            candidate = Candidate(phrase, listed, only_second, second[index][1], default, decided)
            candidates.append((index, candidate))
    if not _ALL_HAN.fullmatch(word):
        tag = "x"
    elif word in found.tags:
        tag = found.tags[word]
    elif len(word) > 1 and not found.known.get(word):
        tag = "new"
    else:
        tag = "x"
    ruled = frozenset(
        index
        for index, candidate in candidates
        if not candidate.phrase_readings and word[index] in grammar.RULES
    )
    return _WordPlan(Word(word, tag), tuple(readings), tuple(candidates), ruled)


def _suffix_of_listed_stem(word: str, index: int, phrase: str) -> bool:
    """Whether grammar's character `word[index]` ends a word that is a jieba word plus it,
    under a phrase that starts inside that stem: 伤心地 is 伤心 + 地 (jieba keeps it whole as
    "place of sorrow"), where 心地 "character" would read the particle dì."""
    return (
        index == len(word) - 1
        and len(word) >= 3
        and word[index] in grammar.WITHIN_WORDS
        and phrase != word
        and bool(_dictionaries().known.get(word[:-1]))
    )


def clear_caches() -> None:
    """Forget every per-word result (for timing a cold run)."""
    _word_plan.cache_clear()
    default_reading.cache_clear()
    follow.clear_caches()
    phrases.clear_caches()


class _Context:
    """What a sentence adds to a word's plan: grammar from the neighbouring words, and the
    phrases either dictionary lists across whole words (found when a polyphone first needs
    them)."""

    def __init__(self, words: list[Word]) -> None:
        self.words = words
        self._spans: phrases.Spans | None = None

    def spans(self) -> phrases.Spans:
        if self._spans is None:
            self._spans = phrases.across_words(self.words)
        return self._spans

    def read(
        self, plan: _WordPlan, candidate: Candidate, at: int, index: int, offset: int
    ) -> Candidate:
        words, position = self.words, offset + index
        homograph = homographs.knows(words[at].text)
        if index in plan.ruled:
            candidate = candidate._replace(rule=grammar.reading(words, at, index))
            homograph = homograph and candidate.rule is None  # 干 of 干一行
        elif (
            index == 0 and len(words[at].text) == 2 and words[at].text[0] in grammar.BEFORE_PHRASES
        ):
            candidate = candidate._replace(rule=grammar.before_phrase(words, at))
            homograph = False
        if homograph:
            candidate = candidate._replace(rule=homographs.reading(words, at, index))
        if candidate.rule is None and len(words[at].text) == 1:
            candidate = candidate._replace(rule=surnames.surname_before_title(words, at))
        if candidate.rule is None and not candidate.phrase:
            candidate = candidate._replace(rule=surnames.surname_of_name(words, at, index))
        if self.spans().pypinyin and (
            not candidate.phrase
            or candidate.only_second
            or len(candidate.phrase) < 3  # 分子 inside 分子物理学 across words
        ):
            candidate = arbitration.across_words(candidate, self.spans().pypinyin, at, position)
        if not candidate.phrase and candidate.rule is None and self.spans().second:
            candidate = arbitration.across_second(candidate, self.spans().second, at, position)
        return candidate


def read(
    texts: Sequence[str], lexicon: Lexicon | None = None, *, one_text: bool = False
) -> list[Reading]:
    """Readings of many sentences at once (g2pM runs as one batch over all of them).
    `one_text`: the sentences are one article, and unknown abbreviations follow it
    (see `follow.py`)."""
    with no_cycle_collection():
        found = _read(texts, lexicon or Lexicon.empty())
        return follow.follow_the_text(found, _unphrased) if one_text else found


def _read(texts: Sequence[str], lexicon: Lexicon) -> list[Reading]:
    all_words = [segment(text, lexicon) for text in texts]
    syllables: list[list[str | None]] = []
    choices: list[dict[int, Candidate]] = []
    queries: list[g2pm_batch.Query] = []
    for text, words in zip(texts, all_words, strict=True):
        readings: list[str | None] = [None] * len(text)
        candidates: dict[int, Candidate] = {}
        context = _Context(words)
        offset = 0
        for at, word in enumerate(words):
            size = len(word.text)
            if word.tag == "lex":
                readings[offset : offset + size] = lexicon.entries[word.text]
                offset += size
                continue
            plan = _word_plan(word.text)
            readings[offset : offset + size] = plan.readings
            for index, candidate in plan.candidates:
                candidates[offset + index] = context.read(plan, candidate, at, index, offset)
            offset += size
        syllables.append(readings)
        choices.append(candidates)
        queries.append(g2pm_batch.Query(text, tuple(candidates)))

    for readings, candidates, query, scores in zip(
        syllables, choices, queries, g2pm_batch.score(queries), strict=True
    ):
        for position, probabilities in zip(query.positions, scores, strict=True):
            if probabilities:
                readings[position] = arbitration.arbitrate(candidates[position], probabilities)
    return [
        Reading(tuple(words), tuple(readings))
        for words, readings in zip(all_words, syllables, strict=True)
    ]


def _unphrased(word: str) -> list[int]:
    """The indices of a word's polyphones that no listed phrase covers."""
    return [index for index, candidate in _word_plan(word).candidates if not candidate.phrase]
