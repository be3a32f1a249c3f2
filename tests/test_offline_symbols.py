"""The offline voice's front end: spoken pinyin -> Databaker phone symbols (no model run)."""

from __future__ import annotations

import pytest

from reader.speech.offline.symbols import Clause, split_clauses, to_symbols

# The corpus's own table (toneless syllable -> initial, final), as baker_mapper.json has it.
PINYIN = {
    "zhong": ("zh", "ong"),
    "guo": ("g", "uo"),
    "shi": ("sh", "iii"),
    "si": ("s", "ii"),
    "yu": ("^", "v"),
    "lv": ("l", "v"),
    "hua": ("h", "ua"),
    "er": ("^", "er"),
    "en": ("^", "en"),
    "hao": ("h", "ao"),
    "dui": ("d", "uei"),
}


def symbols(*tokens: str) -> list[str]:
    return list(to_symbols(tokens, PINYIN).symbols)


def test_syllables_get_initial_final_tone_and_word_breaks() -> None:
    assert symbols("zhong1", "guo2") == ["sil", "zh", "ong1", "#0", "g", "uo2", "sil", "eos"]


def test_full_form_finals_and_zero_initial() -> None:
    assert symbols("shi4", "si4", "yu3", "dui4") == [
        "sil", "sh", "iii4", "#0", "s", "ii4", "#0", "^", "v3", "#0", "d", "uei4", "sil", "eos",
    ]  # fmt: skip


@pytest.mark.parametrize("token", ["lü4", "lv4", "lu:4"])
def test_u_umlaut_spellings(token: str) -> None:
    assert symbols(token) == ["sil", "l", "v4", "sil", "eos"]


def test_missing_tone_is_neutral() -> None:
    assert symbols("hao") == ["sil", "h", "ao5", "sil", "eos"]


def test_erhua_as_separate_token_joins_the_syllable() -> None:
    sequence = to_symbols(["hua1", "er5", "hao3"], PINYIN)
    assert list(sequence.symbols) == ["sil", "h", "ua1", "er5", "#0", "h", "ao3", "sil", "eos"]
    first = sequence.syllables[0]
    assert (first.token, first.first, first.last, first.tokens) == ("hua1er5", 1, 3, 2)


def test_erhua_written_in_one_token() -> None:
    assert symbols("huar1") == ["sil", "h", "ua1", "er5", "sil", "eos"]


def test_full_er_syllable_is_not_erhua() -> None:
    assert symbols("er2") == ["sil", "^", "er2", "sil", "eos"]


def test_syllabic_nasal_uses_the_closest_corpus_syllable() -> None:
    assert symbols("n2") == ["sil", "^", "en2", "sil", "eos"]


def test_punctuation_inside_a_clause_becomes_a_prosodic_break() -> None:
    assert symbols("zhong1", "：", "guo2") == ["sil", "zh", "ong1", "#3", "g", "uo2", "sil", "eos"]
    assert symbols("zhong1", "“", "guo2", "”") == [
        "sil", "zh", "ong1", "#1", "g", "uo2", "sil", "eos",
    ]  # fmt: skip


def test_unspeakable_tokens_are_skipped() -> None:
    assert symbols("AI", "zhong1", "xyz9") == ["sil", "zh", "ong1", "sil", "eos"]


def test_syllable_spans_point_at_their_symbols() -> None:
    sequence = to_symbols(["zhong1", "guo2"], PINYIN)
    spans = [(span.first, span.last) for span in sequence.syllables]
    assert spans == [(1, 2), (4, 5)]


def test_clauses_split_after_clause_punctuation_with_pauses() -> None:
    clauses = split_clauses(["zhong1", "，", "guo2", "、", "hao3", "？", "！", "“"])
    assert [clause.tokens for clause in clauses] == [("zhong1",), ("guo2",), ("hao3",)]
    assert clauses[0].pause_after > clauses[1].pause_after  # a comma pauses longer than 、
    assert clauses[2].pause_after >= clauses[0].pause_after  # ？！ ends a sentence


def test_clause_without_closing_punctuation_is_kept() -> None:
    assert split_clauses(["zhong1", "guo2"]) == [Clause(("zhong1", "guo2"), 0.0)]


def test_punctuation_only_gives_no_clause() -> None:
    assert split_clauses(["。", "”"]) == []
