"""Tone sandhi and neutral tones in the spoken pinyin (what the offline voice says)."""

from __future__ import annotations

import pytest

from reader.pronounce import Pronouncer
from reader.pronounce.sandhi import Spoken, apply


def _run(*words: tuple[str, str]) -> list[Spoken]:
    """Words as (characters, "tone-number syllables")."""
    run = []
    for number, (chars, readings) in enumerate(words):
        for char, reading in zip(chars, readings.split(), strict=True):
            run.append(Spoken(char, reading, number))
    return run


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ((("你好", "ni3 hao3"),), "ni2 hao3"),
        ((("很", "hen3"), ("好", "hao3")), "hen2 hao3"),
        ((("保管", "bao3 guan3"), ("好", "hao3")), "bao2 guan2 hao3"),
        ((("老", "lao3"), ("保管", "bao3 guan3")), "lao3 bao2 guan3"),
        ((("展览馆", "zhan3 lan3 guan3"),), "zhan2 lan2 guan3"),
        ((("不是", "bu4 shi4"),), "bu2 shi4"),
        ((("不好", "bu4 hao3"),), "bu4 hao3"),
        ((("是", "shi4"), ("不", "bu4"), ("是", "shi4")), "shi4 bu5 shi4"),
        ((("一定", "yi1 ding4"),), "yi2 ding4"),
        ((("一天", "yi1 tian1"),), "yi4 tian1"),
        ((("一起", "yi1 qi3"),), "yi4 qi3"),
        ((("一个", "yi1 ge4"),), "yi2 ge4"),
        ((("第一", "di4 yi1"),), "di4 yi1"),
        ((("统一", "tong3 yi1"), ("思想", "si1 xiang3")), "tong3 yi1 si1 xiang3"),
        ((("看", "kan4"), ("一", "yi1"), ("看", "kan4")), "kan4 yi5 kan4"),
        ((("一五六", "yi1 wu3 liu4"),), "yi1 wu3 liu4"),
        ((("十一", "shi2 yi1"),), "shi2 yi1"),
        ((("一百", "yi1 bai3"),), "yi4 bai3"),
        ((("五十一万", "wu3 shi2 yi1 wan4"),), "wu3 shi2 yi1 wan4"),
        ((("八万零一百", "ba1 wan4 ling2 yi1 bai3"),), "ba1 wan4 ling2 yi4 bai3"),
        ((("不一定", "bu4 yi1 ding4"),), "bu4 yi2 ding4"),
        ((("孩子", "hai2 zi5"),), "hai2 zi5"),
    ],
)
def test_sandhi_rules(words: tuple[tuple[str, str], ...], expected: str) -> None:
    assert " ".join(apply(_run(*words))) == expected


@pytest.fixture(scope="module")
def pronouncer() -> Pronouncer:
    return Pronouncer()


def test_sentence_speech_applies_sandhi_and_keeps_citation_for_display(
    pronouncer: Pronouncer,
) -> None:
    sentence = pronouncer.sentence("你好，这不是一个问题。")
    shown = [s.pinyin for s in sentence.syllables if s.pinyin]
    assert shown[:2] == ["nǐ", "hǎo"]
    assert "bù" in shown and "yī" in shown  # citation tones on the page
    assert sentence.speech is not None
    assert sentence.speech.pinyin == (
        "ni2", "hao3", "，", "zhe4", "bu2", "shi4", "yi2", "ge4", "wen4", "ti2", "。",
    )  # fmt: skip


def test_neutral_tones_and_erhua(pronouncer: Pronouncer) -> None:
    sentence = pronouncer.sentence("孩子们一会儿就来。")
    assert sentence.speech is not None
    spoken = sentence.speech.pinyin
    assert spoken[:3] == ("hai2", "zi5", "men5")
    # Erhua: the base syllable, then 儿 as its own neutral "er5" (the offline voice's symbols).
    assert spoken[3:6] == ("yi2", "hui4", "er5")
