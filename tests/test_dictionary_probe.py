"""The dictionary probe benchmark (bench/dictionary_probe.py): built from the installed
pypinyin and g2pM, scored per polyphone, split in stable halves."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from dictionary_probe import FRAME, ProbeWord, build_probe, half, score


@pytest.fixture(scope="module")
def probe() -> dict[str, ProbeWord]:
    return {item.word: item for item in build_probe()}


def test_listed_words_with_polyphones_are_probed_in_the_frame(
    probe: dict[str, ProbeWord],
) -> None:
    assert probe["横财"].sentence == FRAME.format(word="横财") == "他说“横财”这个词。"
    assert probe["横财"].expected == ("heng4",)
    assert probe["横财"].sentence[probe["横财"].positions[0]] == "横"
    assert probe["症结"].expected == ("zheng1", "jie2")
    assert probe["银行"].expected == ("hang2",)


def test_words_whose_only_polyphones_are_yi_and_bu_are_left_out(
    probe: dict[str, ProbeWord],
) -> None:
    assert "一个" not in probe  # the page shows 一 in its citation tone, not the dictionary's
    assert probe["不好"].expected == ("hao3",)  # 好 is probed, 不 is not


def test_the_dictionary_agrees_with_itself_and_a_miss_is_counted() -> None:
    items = [item for item in build_probe() if item.word in ("横财", "银行", "症结")]
    perfect = score(items, [list(item.expected) for item in items])
    assert perfect.percent == 100.0 and perfect.total == 4
    wrong = score(items, [["xing2" if r == "hang2" else r for r in i.expected] for i in items])
    assert wrong.hits == 3 and wrong.misses == {("银行", "行", "hang2", "xing2"): 1}


def test_halves_are_stable_and_both_used(probe: dict[str, ProbeWord]) -> None:
    assert half("横财") == half("横财") == probe["横财"].half
    sides = {item.half for item in probe.values()}
    assert sides == {0, 1}
