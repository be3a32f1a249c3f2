"""Properties over arbitrary text: nothing is lost, nothing crashes, pauses stay Chinese."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.pronounce import Pronouncer
from reader.pronounce.speech_text import speech_pieces

PRONOUNCER = Pronouncer()
PAUSES = set("，、；：？！。")

pieces = st.sampled_from(
    ["银行", "行长", "一", "不", "重", "的", "孙慧姣", "儿", "12.5%", "2024年3月5日", "“156”",
     "+", "金融+", "7", "，", "。", "！", "？", "、", "“", "”", "（", "）", " ", "\t", "abc",
     "GDP", "-", "3℃", "…", "——", "𠀀", "々", "〇", "\u3000", "&<>", "ｅ", "１"]
)  # fmt: skip
texts = st.lists(pieces, max_size=12).map("".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_pronouncing_any_text_keeps_it_whole(text: str) -> None:
    sentence = PRONOUNCER.sentence(text)
    assert "".join(s.text for s in sentence.syllables) == text
    assert "".join(piece.shown for piece in speech_pieces(text)) == text
    assert sentence.speech is not None
    for token in sentence.speech.pinyin:
        assert token in PAUSES or (token[:-1].isalpha() and token[-1] in "12345"), token
    for syllable in sentence.syllables:
        if syllable.pinyin is not None:
            assert len(syllable.text) == 1
