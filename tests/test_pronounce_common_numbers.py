"""common_numbers reads number shapes without WeTextProcessing's FSTs: every answer it gives
must be exactly what the normalizer itself says for the same window."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.pronounce import common_numbers, speech_text

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "000_be6178708a06076a.txt"


def normalizer_says(window: str) -> str:
    return str(speech_text._normalizer().normalize(window))


def fast(window: str) -> str | None:
    return common_numbers.read(window, speech_text._normalizer_says)


NEWS_WINDOWS = [
    "2020年3月5日",
    "2023年度",
    "2024赛季",
    "2019年来",
    "3月5日",
    "12.5%",
    "5%的",
    "200%",
    "3人",
    "2个",
    "2月",
    "2号",
    "2两",
    "22个",
    "0个",
    "1.5公里",
    "3.5亿元",
    "2万人",
    "100万",
    "110",
    "110个",
    "12306",
    "13800138000",
    "10010",
    "10015",
    "250000",
    "100001000",
    "100000100",
    "1000000000",
    "(3)",
    "2010.",
    "11",
    "0.5个",
    "9时",
    "7方面",
    "3人和5人",
    "12.5%的5人",
    "-长",
    "(上)",
    "1990-1995年",
    "2019年到2020年",
    "2013~2014赛季的",
    "2020年度-2021年度",
    "3-5公里",
    "180到220米的",
    "5岁到15岁",
    "2-3人",
    "2到5个",
    "2月-3月",
    "3-2月",
    "494,586人",
    "2,100万股",
]

DECLINED = [
    "12.5",  # its date rule: 十二月五日
    "2020.12",  # 二零二零年十二月
    "1206678.09",  # 幺二零 and 六六七八年九月
    "5-6",  # a range or subtraction
    "12:30",  # a time
    "$5",  # money
    "1/2",  # a fraction
    "12345年",  # the last four digits read as a year
    "90后",  # its whitelist: 九零后
    "3km",  # Latin unit
    "45°角",  # a unit symbol
    "1,000",  # digit groups
    "007",  # leading zeros
    "1000000000000",  # 13 digits
    "5个啊",  # an interjection it drops
    "3個",  # a traditional character it converts
    "12210086",  # two service numbers: 幺二二 幺零零八六
    "3个约2个",  # 约 before a number keeps 二
    "尾号是1234",  # a phone number's last digits
    ">=长",  # an operator of two symbols
    "1990-1995年前",  # 年前 is a unit of its measure rule: amounts, 一千九百九十到…
    "2019年到2020年来",
    "1990－1995年",  # a full-width dash is no range to it
    "3-5年",  # 年 is no unit of its measure rule: 三减五年
    "1-2枚",  # nor is 枚
    "1,800英尺",  # digit groups with no unit of its own: 一,八百英尺
    "3,000年",
]


@pytest.mark.parametrize("window", NEWS_WINDOWS)
def test_common_news_shapes_are_read_as_the_normalizer_reads_them(window: str) -> None:
    said = fast(window)
    assert said is not None, f"{window!r} should be one of the fast shapes"
    assert said == normalizer_says(window)


@pytest.mark.parametrize("window", DECLINED)
def test_shapes_the_grammar_reads_its_own_way_are_left_to_the_normalizer(window: str) -> None:
    assert fast(window) is None


def test_readings_a_listener_hears() -> None:
    assert fast("2个") == "两个"
    assert fast("2月") == "二月"
    assert fast("2020年") == "二零二零年"
    assert fast("2020年来") == "两千零二十年来"
    assert fast("110") == "幺幺零"
    assert fast("12.5%") == "百分之十二点五"
    assert fast("2021-2025年") == "二零二一到二零二五年"
    assert fast("2-3人") == "两到三人"
    assert fast("3-2月") == "三到二月"
    assert fast("12,000人") == "一万二千人"  # as the normalizer says it


def test_every_window_of_the_sample_agrees_with_the_normalizer() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    windows = {
        piece.shown
        for line in lines
        for piece in speech_text.speech_pieces(line)
        if piece.changed or any(char.isdigit() for char in piece.shown)
    }
    answered = [window for window in windows if fast(window) is not None]
    assert answered, "the sample's numbers should take the fast path"
    for window in answered:
        assert fast(window) == normalizer_says(window)


_TAILS = ["", "人", "个", "年", "月", "日", "号", "年度", "赛季", "年来", "公里", "万", "亿元"]
_TAILS += ["的", "后", "多", "两", "长", "度", "是", "到", "约", "啊", "儿", "們"]
_SYMBOLS = ["", "", "", "(", ")", '"', "“", "#", "%", ".", "-", "/", ":", "~", "$", "°", "+"]


@st.composite
def _numbers(draw: st.DrawFn) -> str:
    digits = draw(
        st.one_of(
            st.integers(0, 10_000).map(str),
            st.sampled_from(["2", "20", "200", "2000", "20000", "200000000", "110", "12306"]),
            st.text("0000123456789", min_size=1, max_size=13),
            st.integers(1, 9).flatmap(
                lambda first: st.text("000000019", min_size=4, max_size=11).map(
                    lambda rest: f"{first}{rest}"
                )
            ),
        )
    )
    if draw(st.booleans()) and draw(st.booleans()):
        digits += "." + draw(st.text("0123456789", min_size=1, max_size=3))
    if draw(st.integers(0, 9)) == 0:
        digits += "%"
    return digits


@st.composite
def _ranges(draw: st.DrawFn) -> str:
    """Ranges of years (1990-1995年, 2019年到2020年来) and of amounts (3-5公里, 2到3人), digit
    groups (494,586人), and near misses."""
    if draw(st.integers(0, 3)) == 0:
        groups = draw(st.lists(st.integers(0, 999).map(lambda n: f"{n:03d}"), min_size=1))
        return str(draw(st.integers(0, 999))) + "," + ",".join(groups[:4]) + draw(_tail())
    amounts = st.one_of(
        st.integers(1000, 2099).map(str),
        st.sampled_from(["2", "20", "200", "12", "0"]),
        st.text("0123456789", min_size=1, max_size=5),
    )
    units = ["", "", "年", "年度", "赛季", "月", "人", "个", "岁", "公里", "两", "号", "的"]
    separator = draw(st.sampled_from(["-", "~", "到", "-", "到", "－", "至"]))
    return (
        draw(amounts)
        + draw(st.sampled_from(units))
        + separator
        + draw(amounts)
        + draw(st.sampled_from(units[2:]))
        + draw(_tail())
    )


def _tail() -> st.SearchStrategy[str]:
    return st.sampled_from(_TAILS).map(lambda tail: tail[:2])


@st.composite
def _windows(draw: st.DrawFn) -> str:
    tail = draw(st.sampled_from(_TAILS)) + draw(st.sampled_from(_TAILS))
    if draw(st.integers(0, 3)) == 0:
        return draw(_ranges())
    if draw(st.booleans()):
        lead, trail = draw(st.sampled_from(_SYMBOLS)), draw(st.sampled_from(_SYMBOLS))
        return lead + draw(_numbers()) + trail + tail[:2]
    parts = draw(
        st.lists(st.tuples(_numbers(), st.sampled_from(_TAILS[1:])), min_size=2, max_size=3)
    )
    return "".join(number + unit for number, unit in parts) + tail[:2]


# READER_NUMBER_EXAMPLES=50000 (and a random seed without derandomize) checks far more windows
# than CI has time for; 400 fixed examples keep the suite fast and repeatable.
_EXAMPLES = int(os.environ.get("READER_NUMBER_EXAMPLES", "400"))


@settings(
    max_examples=_EXAMPLES,
    derandomize=_EXAMPLES <= 400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_windows())
def test_any_answer_matches_the_normalizer(window: str) -> None:
    said = fast(window)
    if said is not None:
        assert said == normalizer_says(window)
