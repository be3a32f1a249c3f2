"""Rule group 1, one rule at a time."""

from __future__ import annotations

import pytest

from reader.normalize import normalize
from reader.normalize.changes import ChangeLog
from reader.normalize.characters import (
    clean_characters,
    display_width,
    fullwidth_punctuation,
    halfwidth_alphanumerics,
    indent_width,
    normalize_spaces,
    remove_controls,
    unify_newlines,
)


def test_newlines_unified() -> None:
    assert unify_newlines("甲\r\n乙\r丙\u2028丁\x0c戊") == "甲\n乙\n丙\n丁\n戊"


def test_control_and_invisible_characters_removed() -> None:
    assert remove_controls("国\x00家\u200b安\ufeff全\x1b") == "国家安全"
    assert remove_controls("a\tb") == "a\tb"  # a tab is white space, handled by the space rules


def test_nfc_composes() -> None:
    log = ChangeLog()
    assert clean_characters("Cafe\u0301 里", 3, log) == "Café 里"
    assert [c.rule for c in log.changes] == ["unicode-nfc"]
    assert log.changes[0].line == 3


def test_fullwidth_letters_and_digits_become_halfwidth() -> None:
    assert halfwidth_alphanumerics("ＡＢＣ１２３ｘｙｚ") == "ABC123xyz"
    assert halfwidth_alphanumerics("（九）“第一”，") == "（九）“第一”，"  # punctuation stays


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("发展,安全", "发展，安全"),
        ("发展.安全", "发展。安全"),
        ("问题?答案!好;甲:乙", "问题？答案！好；甲：乙"),
        ("发展 , 安全", "发展，安全"),
        ("发展.", "发展。"),  # at a line end the next line continues the text
        ("版本2.0", "版本2.0"),
        ("Hello, world.", "Hello, world."),
        ("增长12.5%,", "增长12.5%,"),
    ],
)
def test_ascii_punctuation_between_chinese(before: str, after: str) -> None:
    assert fullwidth_punctuation(before) == after


def test_spaces_between_chinese_removed_latin_kept() -> None:
    assert normalize_spaces("国 家 安 全，社会 稳定") == "国家安全，社会稳定"
    assert normalize_spaces("使用 machine  learning 技术，好") == "使用 machine learning 技术，好"
    assert normalize_spaces("  a\u3000\u3000b\t c  ") == "a b c"


def test_headline_phrase_space_kept() -> None:
    assert normalize_spaces("筑牢安全屏障 护航高质量发展") == "筑牢安全屏障 护航高质量发展"
    assert normalize_spaces("筑牢安全屏障\u3000护航高质量发展") == "筑牢安全屏障 护航高质量发展"
    # letter-spaced headings are closed up, but a wide gap between phrases stays
    assert normalize_spaces("筑 牢 安 全") == "筑牢安全"
    assert normalize_spaces("筑 牢 安 全   护 航 发 展") == "筑牢安全 护航发展"
    assert normalize_spaces("筑 牢 安全 屏 障") == "筑牢安全屏障"
    # a space in prose (with clause punctuation) is OCR noise
    assert normalize_spaces("筑牢安全屏障 护航高质量发展，") == "筑牢安全屏障护航高质量发展，"


def test_widths() -> None:
    assert display_width("国家安全") == 4
    assert display_width("“156”") == 3.5
    assert indent_width("\u3000\u3000国") == 2
    assert indent_width("  国") == 1
    assert indent_width("国") == 0


def test_every_character_rule_is_explained() -> None:
    result = normalize("国家,安全ＡＢ是 根基。\r\n")
    rules = [change.rule for change in result.changes]
    for rule in ("newlines", "full-width-alphanumerics", "full-width-punctuation", "spaces"):
        assert rule in rules
    assert result.article.paragraphs[0].text == "国家，安全AB是根基。"


def test_letter_spaced_numbers_and_words() -> None:
    assert normalize_spaces("围 绕 市 委 “ 1 5 6 ” 战 略") == "围绕市委“156”战略"
    assert normalize_spaces("使 用 machine learning 技 术") == "使用machine learning技术"
