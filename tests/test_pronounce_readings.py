"""Readings a listener or reader would notice: the sample's polyphones and common ones."""

from __future__ import annotations

import re

import pytest

from reader.model import Sentence, split_sentences
from reader.pronounce import Pronouncer


def _sample_sentences(sample_text: str) -> list[str]:
    # The OCR lines are cut at the column width; joined, they give the article's sentences.
    joined = "".join(line.strip() for line in sample_text.splitlines())
    return split_sentences(joined)


@pytest.fixture(scope="module")
def pronounced_sample(sample_text: str) -> list[Sentence]:
    return Pronouncer().sentences(_sample_sentences(sample_text))


def _readings_of(sentences: list[Sentence], word: str) -> list[str]:
    """The displayed pinyin of every occurrence of `word`, as space-separated syllables."""
    found = []
    for sentence in sentences:
        han = [s for s in sentence.syllables if s.pinyin is not None or len(s.text) == 1]
        text = "".join(s.text for s in sentence.syllables)
        assert text == sentence.text
        chars = "".join(s.text if len(s.text) == 1 else "\0" for s in han)
        for match in re.finditer(re.escape(word), chars):
            found.append(" ".join(str(s.pinyin) for s in han[match.start() : match.end()]))
    return found


SAMPLE_WORDS = {
    "处置": "chǔ zhì",
    "重点": "zhòng diǎn",
    "行业": "háng yè",
    "行动": "xíng dòng",
    "协调": "xié tiáo",
    "调解": "tiáo jiě",
    "局长": "jú zhǎng",
    "科长": "kē zhǎng",
    "应急": "yìng jí",
    "叫应": "jiào yìng",
    "刀把子": "dāo bà zi",
    "干旱": "gān hàn",
    "真抓实干": "zhēn zhuā shí gàn",
    "作为": "zuò wéi",
    "为主线": "wéi zhǔ xiàn",
    "为我们": "wèi wǒ men",
    # issue 10: purpose 为 and adverbial 地, and 为 "as" after 以
    "为实现": "wèi shí xiàn",
    "为推动": "wèi tuī dòng",
    "为履行": "wèi lǚ xíng",
    "为建设": "wèi jiàn shè",
    "为人民调解员": "wèi rén mín tiáo jiě yuán",
    "创造性地": "chuàng zào xìng de",
    "为指引": "wéi zhǐ yǐn",
    "为支撑": "wéi zhī chēng",
    "为重心": "wéi zhòng xīn",
    "为指导": "wéi zhǐ dǎo",
    "央地": "yāng dì",
    "乐不忘忧": "lè bù wàng yōu",
    "绸缪": "chóu móu",
    "孙慧姣": "sūn huì jiāo",
    "公调": "gōng tiáo",  # 公安调解, as the article's 调解 and 协调 read
    "诉调": "sù tiáo",
}


@pytest.mark.parametrize(("word", "expected"), SAMPLE_WORDS.items())
def test_sample_words_read_right_everywhere(
    pronounced_sample: list[Sentence], word: str, expected: str
) -> None:
    readings = _readings_of(pronounced_sample, word)
    assert readings, f"{word} not in the sample"
    assert set(readings) == {expected}


@pytest.fixture(scope="module")
def pronouncer() -> Pronouncer:
    return Pronouncer()


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("银行行长在开会。", "行长", "háng zhǎng"),
        ("孩子长大了。", "长大", "zhǎng dà"),
        ("我们去爬长城。", "长城", "cháng chéng"),
        ("他喜欢听音乐。", "音乐", "yīn yuè"),
        ("祝你生日快乐！", "快乐", "kuài lè"),
        ("不要重复这句话。", "重复", "chóng fù"),
        ("他还是来了。", "还是", "hái shì"),
        ("我很了解他。", "了解", "liǎo jiě"),
        ("他跑得很快。", "得很", "de hěn"),
        ("这个地方很美。", "地方", "dì fāng"),
        ("你为什么不来？", "为什么", "wèi shén me"),
        ("他成为了老师。", "成为", "chéng wéi"),
    ],
)
def test_common_polyphones(pronouncer: Pronouncer, text: str, word: str, expected: str) -> None:
    assert _readings_of([pronouncer.sentence(text)], word) == [expected]


def test_abbreviations_follow_the_text_but_names_keep_their_reading(
    pronouncer: Pronouncer,
) -> None:
    text = pronouncer.sentences(["人民调解员做好调解工作。", "加强公调对接，协调各方。"])
    assert _readings_of(text, "公调") == ["gōng tiáo"]
    assert "tiao2" in text[1].speech.pinyin and "diao4" not in text[1].speech.pinyin
    alone = pronouncer.sentences(["她是一位名媛。", "名媛们都来了。", "王媛说，她不是名媛。"])
    assert _readings_of(alone, "王媛") == ["wáng yuán"]


def test_syllables_cover_the_sentence_exactly(pronouncer: Pronouncer) -> None:
    text = "2024年GDP增长5.2%，《人民日报》说：“好！” abc"
    sentence = pronouncer.sentence(text)
    assert "".join(s.text for s in sentence.syllables) == text
    for syllable in sentence.syllables:
        if syllable.pinyin is not None:
            assert len(syllable.text) == 1
    runs = [s.text for s in sentence.syllables if s.pinyin is None]
    assert runs[0] == "2024"
    assert "GDP" in runs


def test_article_fills_every_block(pronouncer: Pronouncer) -> None:
    from reader.model import Article, Paragraph

    article = Article(
        title=Paragraph.from_text("筑牢安全屏障 护航高质量发展"),
        subtitle=Paragraph.from_text("我市持续加强风险防范"),
        series="（九）",
        byline=None,
        captions=(Paragraph.from_text("日常巡逻维护和谐稳定"),),
        paragraphs=(Paragraph.from_text("国家安全是根基。社会稳定是前提。"),),
    )
    done = pronouncer.article(article)
    blocks = list(done.blocks())
    assert [b.text for b in blocks] == [b.text for b in article.blocks()]
    for block in blocks:
        for sentence in block.sentences:
            assert sentence.syllables and sentence.speech is not None
    assert done.series == "（九）"
    assert len(done.paragraphs[0].sentences) == 2
