"""Hard-term selection: what gets pinyin at the default `hard` level."""

from __future__ import annotations

import pytest

from reader.model import Sentence, split_sentences
from reader.pronounce import Pronouncer


def _sentences(sample_text: str, pronouncer: Pronouncer) -> list[Sentence]:
    joined = "".join(line.strip() for line in sample_text.splitlines())
    return pronouncer.sentences(split_sentences(joined))


def _hard_flags(sentences: list[Sentence], word: str) -> list[bool]:
    """For every occurrence of `word`: whether all its characters are hard."""
    flags = []
    for sentence in sentences:
        units = sentence.syllables
        text = "".join(u.text if len(u.text) == 1 else "\0" for u in units)
        start = text.find(word)
        while start >= 0:
            flags.append(all(u.hard for u in units[start : start + len(word)]))
            start = text.find(word, start + 1)
    return flags


@pytest.fixture(scope="module")
def sample(sample_text: str) -> list[Sentence]:
    return _sentences(sample_text, Pronouncer())


@pytest.mark.parametrize("word", ["绸缪", "夯实", "锚定", "汛", "涝", "孙慧姣", "刀把子"])
def test_sample_hard_terms_are_annotated(sample: list[Sentence], word: str) -> None:
    flags = _hard_flags(sample, word)
    assert flags and all(flags)


@pytest.mark.parametrize("word", ["的", "是", "国家", "发展", "安全", "中国"])
def test_everyday_words_are_not(sample: list[Sentence], word: str) -> None:
    flags: list[bool] = []
    for sentence in sample:
        units = sentence.syllables
        text = "".join(u.text if len(u.text) == 1 else "\0" for u in units)
        start = text.find(word)
        while start >= 0:
            flags.extend(u.hard for u in units[start : start + len(word)])
            start = text.find(word, start + 1)
    assert flags and not any(flags)


def test_only_a_minority_is_annotated(sample: list[Sentence]) -> None:
    han = [s for sentence in sample for s in sentence.syllables if s.pinyin]
    share = sum(s.hard for s in han) / len(han)
    assert 0.02 < share < 0.2


def test_threshold_is_configurable(sample_text: str) -> None:
    strict = _sentences(sample_text, Pronouncer(hard_zipf=1.0))
    loose = _sentences(sample_text, Pronouncer(hard_zipf=4.5))

    def count(sentences: list[Sentence]) -> int:
        return sum(s.hard for sentence in sentences for s in sentence.syllables)

    assert count(strict) < count(loose)
    assert all(_hard_flags(strict, "孙慧姣"))  # a name stays hard at any threshold


def test_non_han_is_never_hard() -> None:
    sentence = Pronouncer().sentence("ABC 123，《》")
    assert not any(s.hard for s in sentence.syllables)


def test_flags_do_not_depend_on_what_was_asked_before(sample_text: str) -> None:
    from reader.pronounce import hard, readings

    lines = [line for line in sample_text.splitlines() if line.strip()]
    shown = readings.read(lines)
    first = [hard.hard_flags(r, 1.0) for r in shown]
    loose = [hard.hard_flags(r, 4.5) for r in shown]
    hard.clear_caches()
    assert [hard.hard_flags(r, 4.5) for r in shown] == loose
    assert [hard.hard_flags(r, 1.0) for r in shown] == first
    assert first != loose
