"""Latin letters are spoken: the offline voice's pinyin says every letter, the page and the
speech text keep them, and English it cannot say is named for the build report."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.model import Sentence
from reader.pronounce import Pronouncer, forms
from reader.pronounce.letters import (
    ADDRESS_MARKS,
    CHINESE_READINGS,
    GREEK_SYLLABLES,
    LETTER_SYLLABLES,
    latin_spans,
    offline_notes,
    spoken,
)
from reader.speech.offline.model import MAPPER_FILE, asset_dir
from reader.speech.offline.symbols import to_ids, to_symbols

PRONOUNCER = Pronouncer()
ISSUE_SAMPLE = "今年GDP增长5%，5G基站和APP用户持续增加，PM2.5浓度下降"


def pronounced(text: str) -> Sentence:
    return PRONOUNCER.sentence(text)


def said(text: str) -> str:
    """The speech pinyin as one string, without tone sandhi getting in the way of a test:
    the syllables joined by spaces."""
    sentence = pronounced(text)
    assert sentence.speech is not None
    return " ".join(sentence.speech.pinyin)


def test_every_letter_of_the_issue_sample_is_spoken() -> None:
    pinyin = said(ISSUE_SAMPLE)
    assert "ji1 di1 pi1 zeng1" in pinyin  # GDP增长
    assert "wu3 ji1 ji1 zhan4" in pinyin  # 5G基站
    assert "ei1 pi1 pi1 yong4" in pinyin  # APP用户
    assert re.search(r"pi1 ai4 mu5 er4 dian[23] wu3 nong2", pinyin)  # PM2.5浓度


def test_page_and_speech_text_keep_the_letters() -> None:
    sentence = pronounced(ISSUE_SAMPLE)
    assert "".join(s.text for s in sentence.syllables) == ISSUE_SAMPLE
    assert [s.text for s in sentence.syllables if s.pinyin is None][:1] == ["GDP"]
    assert sentence.speech is not None
    # The edge voice reads letters itself: its text keeps them.
    assert sentence.speech.text == "今年GDP增长百分之五，五G基站和APP用户持续增加，PM二点五浓度下降"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CPI上涨", "xi1 pi1 ai4 shang4"),
        ("3D打印", "san1 di1 da3"),
        ("A股大涨", "ei1 gu3"),
        ("U盘", "you1 pan2"),
        ("B超检查", "bi1 chao1"),
        ("4S店", "si4 ai4 si5 dian4"),
        ("X光片", "ai4 ke4 si1 guang1"),
        ("一件T恤", "ti1 xu4"),
        ("维生素C", "su4 xi1"),
        ("卡拉OK", "la1 ou1 kei1"),
        ("NBA总决赛", "en1 bi1 ei1 zong3"),
        ("H1N1流感", "ei1 qi1 yi1 en1 yi1 liu2"),
        ("ＧＤＰ增速", "ji1 di1 pi1 zeng1"),  # full-width letters
        ("app下载", "ei1 pi1 pi1 xia4"),  # any case
    ],
)
def test_acronyms_and_letters_are_spelled(text: str, expected: str) -> None:
    assert expected in said(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PM2.5浓度", r"pi1 ai4 mu5 er4 dian[23] wu3 nong2"),
        ("5G网络", r"wu3 ji1 wang3"),
        ("COVID-19疫情", r"xi1 ou1 wei1 ai4 di1 shi2 jiu3 yi4"),  # no minus sign: not 负十九
        ("F-35战机", r"ai4 fu5 san1 shi2 wu3 zhan4"),
        ("MH370航班", r"ai4 mu5 ei1 qi1 san1 qi1 ling2 hang2"),  # a code's number digit by digit
        ("C919大飞机", r"xi1 jiu3 yi1 jiu3 da4"),
        ("G20峰会", r"ji1 er4 shi2 feng1"),
        ("A4纸", r"ei1 si4 zhi3"),
        ("iPhone 15发布", r"ai4 pi1 ei1 qi1 ou1 en1 yi1 ， shi2 wu3 fa1"),
    ],
)
def test_numbers_next_to_letters_are_read_right(text: str, expected: str) -> None:
    assert re.search(expected, said(text)), said(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("详见www.gov.cn网站", "liu1 dian3 ji1 ou1 wei1 dian3 xi1 en1 wang3"),  # no full stops
        ("来信请寄reader@example.org", "ai4 te4 yi1"),
        # digits in an address digit by digit, the dot after them 点, not a full stop
        ("请发邮件到abc@163.com查询", "ai4 te4 yao1 liu4 san1 dian3 xi1 ou1 ai4 mu5 cha2"),
        ("登录12306.cn购票", "yao1 er4 san1 ling2 liu4 dian3 xi1 en1 gou4"),
        ("α粒子", "a1 er2 fa3 li4"),
        ("γ射线", "ga1 ma3 she4"),
        ("Δ毒株", "de2 er2 ta3 du2"),
    ],
)
def test_addresses_and_greek_letters_are_spoken(text: str, expected: str) -> None:
    assert expected in said(text)
    assert offline_notes(text) == []


def test_a_web_address_is_read_mark_by_mark() -> None:
    assert "mao4 hao4 xie2 gang4 xie2 gang4 da2" in said("网址https://www.gov.cn/a-b")
    assert "ei1 gang4 bi1" in said("网址https://www.gov.cn/a-b")


def test_a_word_with_a_chinese_reading_is_said_in_chinese() -> None:
    assert "zhong1 guo2 dui4 ri4 ben3" in said("中国VS日本")
    sentence = pronounced("中国VS日本")
    assert sentence.speech is not None and sentence.speech.text == "中国VS日本"


def test_english_words_are_spelled_and_reported() -> None:
    assert "ai4 pi1 ei1 qi1 ou1 en1 yi1" in said("新款iPhone上市")
    assert offline_notes("新款iPhone上市") == [
        "English word spelled letter by letter by the offline voice: iPhone"
    ]


def test_english_text_is_left_out_and_reported() -> None:
    text = "他说：Hello world, this is fine. 大家笑了。"
    pinyin = said(text)
    assert pinyin.startswith("ta1 shuo1 ：") and "da4 jia1 xiao4 le5" in pinyin
    assert "ei1 qi1" not in pinyin  # no H of Hello
    assert offline_notes(text) == [
        "English text left out of the offline speech: “Hello world, this is fine.”"
    ]


def test_acronyms_and_short_words_are_not_reported() -> None:
    assert offline_notes(ISSUE_SAMPLE) == []
    assert offline_notes("COVID-19和NBA、A股、app、中国VS日本") == []
    assert offline_notes("NBA CBA") == []  # capitals only: spelled, not English text


def test_letter_syllables_are_in_the_offline_voice() -> None:
    mapper = json.loads((asset_dir() / MAPPER_FILE).read_text(encoding="utf-8"))
    pinyin_dict = {name: (parts[0], parts[1]) for name, parts in mapper["pinyin_dict"].items()}
    assert sorted(LETTER_SYLLABLES) == [chr(code) for code in range(ord("A"), ord("Z") + 1)]
    tables = [LETTER_SYLLABLES, GREEK_SYLLABLES, ADDRESS_MARKS, CHINESE_READINGS]
    for letter, syllables in [item for table in tables for item in table.items()]:
        sequence = to_symbols(syllables, pinyin_dict)
        assert len(sequence.syllables) == len([s for s in syllables if s != "er5"]), letter
        to_ids(sequence, mapper["symbol_to_id"])  # every symbol has an id


def test_spoken_is_its_letters_or_its_chinese_reading() -> None:
    assert spoken("GDP") == ("ji1", "di1", "pi1")
    assert spoken("Ｇ") == ("ji1",)
    assert spoken("vs") == ("dui4",)


# A property: whatever the text, no Han character or Latin letter goes unsaid.
pieces = st.sampled_from(
    ["GDP", "5G", "PM2.5", "CPI", "iPhone", "3D", "A股", "U盘", "B超", "4S店", "COVID-19",
     "x", "Ab", "MH370", "VS", "Hello world", "增长", "银行", "的", "一", "12.5%", "，", "。",
     " ", "-", "“", "”", "ｅ", "7", "年", "α", "Ω", "www.gov.cn", "@", "."]
)  # fmt: skip
texts = st.lists(pieces, max_size=10).map("".join)
LETTER = re.compile("[A-Za-z\uff21-\uff3a\uff41-\uff5a\u0391-\u03a9\u03b1-\u03c9]+")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_no_han_character_or_latin_letter_is_lost(text: str) -> None:
    sentence = pronounced(text)
    speech = sentence.speech
    assert speech is not None
    han_in = [char for char in text if forms.is_han(char)]
    han_said = [char for char in speech.text if forms.is_han(char)]
    assert _subsequence(han_in, han_said)
    # Each Latin word stays in the speech text (full-width ones as ASCII), unless the
    # normalizer read it as a unit after a number (5kg 五千克), in Chinese characters.
    position = 0
    speech_letters = unicodedata.normalize("NFKC", speech.text)
    for word in LETTER.finditer(text):
        found = speech_letters.find(unicodedata.normalize("NFKC", word.group()), position)
        if found < 0:
            assert word.start() > 0 and text[word.start() - 1].isdigit(), (text, speech.text)
            continue
        position = found + len(word.group())
    # The pinyin says one syllable per Han character of the speech text, and each Latin word
    # (or English text, left out and reported) as `letters` says.
    expected = len(han_said) + sum(len(span.syllables) for span in latin_spans(speech.text))
    syllables = [token for token in speech.pinyin if token[-1:].isdigit()]
    assert len(syllables) == expected, (text, speech.text, speech.pinyin)
    english = [span for span in latin_spans(speech.text) if span.english]
    assert len([n for n in offline_notes(speech.text) if "left out" in n]) == len(english)


def _subsequence(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(char in rest for char in part)


def test_full_width_digits_after_letters_are_read_not_a_crash() -> None:
    # Hypothesis found this: \d took full-width digits the digit-by-digit rule cannot name.
    speech = PRONOUNCER.sentence("abc１１１").speech
    assert speech.text.startswith("abc")
    assert speech.pinyin[:3] == ("ei1", "bi1", "xi1")
