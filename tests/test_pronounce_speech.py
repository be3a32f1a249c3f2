"""The speech text: numbers and symbols read out, our overrides first, pauses kept."""

from __future__ import annotations

import pytest

from reader.pronounce import Pronouncer
from reader.pronounce import speech_text as speech_text_module
from reader.pronounce.speech_text import speech_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Our overrides, ahead of WeTextProcessing.
        ("围绕市委“156”战略举措", "围绕市委“一五六”战略举措"),
        ("“金融+”双线工作", "“金融加”双线工作"),
        ("推行“专业+机制+大数据”模式", "推行“专业加机制加大数据”模式"),
        ("等7方面重点工作", "等七方面重点工作"),
        ("会议于18:30时开始", "会议于十八时三十分开始"),  # not 十八比三零时
        ("列车9:05时出发", "列车九时零五分出发"),
        ("会议于18:00时开始", "会议于十八时开始"),
        # WeTextProcessing's readings.
        ("2024年3月5日", "二零二四年三月五日"),
        ("增长12.5%", "增长百分之十二点五"),
        ("电话13812345678", "电话幺三八幺二三四五六七八"),
        ("上午10:30开会", "上午十点三十分开会"),
        ("气温-3℃", "气温负三摄氏度"),
        ("共1,234元", "共一千二百三十四元"),
    ],
)
def test_speech_text(text: str, expected: str) -> None:
    assert speech_text(text) == expected


def test_full_width_punctuation_survives() -> None:
    text = "他说：“好！”是吗？（区、市）；《调解》……共3人。"
    assert speech_text(text) == "他说：“好！”是吗？（区、市）；《调解》……共三人。"


def test_nothing_is_dropped() -> None:
    # The normalizer's FSTs drop erhua and particles; the speech text keeps them.
    assert speech_text("这儿有3个人啊") == "这儿有三个人啊"


@pytest.fixture(scope="module")
def pronouncer() -> Pronouncer:
    return Pronouncer()


def test_display_text_never_changes(pronouncer: Pronouncer) -> None:
    text = "全市“156”战略，增长12.5%。"
    sentence = pronouncer.sentence(text)
    assert sentence.text == text
    assert "".join(s.text for s in sentence.syllables) == text
    assert sentence.speech is not None
    assert sentence.speech.text == "全市“一五六”战略，增长百分之十二点五。"


def test_spoken_pinyin_reads_the_numbers_with_chinese_pauses(pronouncer: Pronouncer) -> None:
    sentence = pronouncer.sentence("围绕“156”战略，抓好7方面工作！")
    assert sentence.speech is not None
    assert sentence.speech.pinyin == (
        "wei2", "rao4", "yi1", "wu3", "liu4", "zhan4", "lve4", "，",
        "zhua1", "hao3", "qi1", "fang1", "mian4", "gong1", "zuo4", "！",
    )  # fmt: skip


def test_one_pronunciation_truth(pronouncer: Pronouncer) -> None:
    """Where the speech text kept the characters, the voice says what the page shows."""
    sentence = pronouncer.sentence("银行行长说，调解工作有7方面。")
    assert sentence.speech is not None
    shown = [s.pinyin for s in sentence.syllables if s.pinyin]
    assert shown[:4] == ["yín", "háng", "háng", "zhǎng"]
    assert sentence.speech.pinyin[:4] == ("yin2", "hang2", "hang2", "zhang3")
    assert sentence.speech.pinyin[6:8] == ("tiao2", "jie3")


def test_headline_space_is_a_pause(pronouncer: Pronouncer) -> None:
    sentence = pronouncer.sentence("筑牢安全屏障 护航高质量发展")
    assert sentence.speech is not None
    assert "，" in sentence.speech.pinyin
    assert sentence.speech.pinyin[-1] == "zhan3"


@pytest.mark.parametrize(
    "clause",
    [
        "会议于2020年5月1日在北京召开",
        "全年增长12.5%左右",
        "咨询电话13800138000全天开通",
        "上午10:30开始报名",
        "最低气温-5℃左右",
        "共有1,234人参加",
        "第3届比赛有2个队",
        "面积2平方公里",
    ],
)
def test_a_window_reads_like_the_whole_clause(clause: str) -> None:
    # Only short windows around the numbers go through the normalizer (it is slow per
    # character); the speech text must be what the normalizer says for the whole clause.
    whole = speech_text_module._normalizer().normalize(clause)
    assert speech_text(clause) == speech_text_module._restore_dropped(clause, whole)
