"""Listed words that running text splits in two (reader/pronounce/homographs.py), both
readings each, and grammar's characters at the end of a word that is a word plus them."""

from __future__ import annotations

import pytest

from reader.pronounce import readings


def reading_of(sentence: str, char: str) -> str | None:
    return readings.read([sentence])[0].syllables[sentence.index(char)]


@pytest.mark.parametrize(
    ("sentence", "char", "expected"),
    [
        # 大都: "mostly" before what it qualifies, the old capital otherwise
        ("这些老照片大都已经泛黄", "都", "dou1"),
        ("与会代表大都是基层干部", "都", "dou1"),
        ("元大都遗址公园对外开放", "都", "du1"),
        ("资金大都流向了房地产", "都", "dou1"),  # after its subject (jieba tags 流向 n)
        ("忽必烈定都大都", "都", "du1"),
        # 人为: "man-made", or "people … for" before a pronoun
        ("这次事故是人为造成的", "为", "wei2"),
        ("排除人为因素的干扰", "为", "wei2"),
        ("家乡人为我们准备了晚饭", "为", "wei4"),
        # 乐得: "be glad to", or "so happy that" before who it moves
        ("他乐得清闲", "得", "de2"),
        ("收到礼物乐得他合不拢嘴", "得", "de5"),
        # 应从: the modal before what it governs
        ("改革应从实际出发", "应", "ying1"),
        ("各地应从严查处", "应", "ying1"),
        # 地上, 地下: the adverbial de after a modifier, before a verb's aspect
        ("他悄悄地上了车", "地", "de5"),
        ("他迅速地下了楼", "地", "de5"),
        ("书掉到地上了", "地", "di4"),
        ("地下停车场已经建成", "地", "di4"),
        ("孩子们坐在地上", "地", "di4"),
        ("雨哗哗地下个不停", "地", "de5"),  # after a reduplicated modifier
        # 重重: "heavily" before the adverbial 地
        ("他重重地摔了一跤", "重", "zhong4"),
        ("困难重重", "重", "chong2"),
    ],
)
def test_a_listed_word_split_by_its_neighbours(sentence: str, char: str, expected: str) -> None:
    assert reading_of(sentence, char) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("她伤心地哭了起来", "de5"),  # jieba keeps 伤心地 whole; 心地 must not read it
        ("奶奶耐心地讲解", "de5"),
        ("他们来到了目的地", "di4"),  # a listed word: the place
        ("这里曾是革命根据地", "di4"),
    ],
)
def test_de_after_a_word_is_the_particle_unless_the_whole_is_listed(
    sentence: str, expected: str
) -> None:
    assert reading_of(sentence, "地") == expected
