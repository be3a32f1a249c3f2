"""The model's Chinese sentence splitter, as the normalizer uses it (Paragraph.from_text)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.model import Paragraph, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("他说：“你好。”然后走了。", ["他说：“你好。”", "然后走了。"]),
        ("真的吗？！是的。", ["真的吗？！", "是的。"]),
        ("我想……算了。", ["我想……", "算了。"]),
        ("甲；乙。", ["甲；", "乙。"]),
        ("（见上图。）下一句", ["（见上图。）", "下一句"]),
        ("增长3.5%。好", ["增长3.5%。", "好"]),  # an ASCII point inside a number is no end
        ("“好！”“走！”", ["“好！”", "“走！”"]),
        ("《调解“晋”行时》等形式。", ["《调解“晋”行时》等形式。"]),
        ("无标点", ["无标点"]),
        ("", []),
        # white space after an end belongs to that sentence: none starts with or is a space
        ("他说。 Hello! World?", ["他说。 ", "Hello! ", "World?"]),
        ("结束。 \n", ["结束。 \n"]),
    ],
)
def test_split(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


def test_paragraph_from_text_keeps_text() -> None:
    paragraph = Paragraph.from_text("一是加强。二是深入；三是采取。")
    assert [s.text for s in paragraph.sentences] == ["一是加强。", "二是深入；", "三是采取。"]
    assert paragraph.text == "一是加强。二是深入；三是采取。"


@given(st.text(alphabet="甲乙 。！？…；”）\n", max_size=40))
def test_join_gives_back_the_text_and_no_blank_sentence(text: str) -> None:
    sentences = split_sentences(text)
    assert "".join(sentences) == text
    assert all(sentence.strip() for sentence in sentences[1:])
