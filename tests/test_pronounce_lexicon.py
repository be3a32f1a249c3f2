"""The user lexicon: loading, errors with file:line, and readings that always win."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import InputError
from reader.pronounce import Lexicon, Pronouncer


def test_toml_with_numbers_or_marks(tmp_path: Path) -> None:
    path = tmp_path / "names.toml"
    path.write_text('# names\n张乐 = "zhang1 yue4"\n"孙慧姣" = "sūn huì xiáo"\n', encoding="utf-8")
    lexicon = Lexicon.load(path)
    assert lexicon.entries == {"张乐": ("zhang1", "yue4"), "孙慧姣": ("sun1", "hui4", "xiao2")}


def test_tsv(tmp_path: Path) -> None:
    path = tmp_path / "names.tsv"
    path.write_text("# word\tpinyin\n吕乐\tlu:3 yue4\n\n重庆\tchóng qìng\n", encoding="utf-8")
    assert Lexicon.load(path).entries == {"吕乐": ("lv3", "yue4"), "重庆": ("chong2", "qing4")}


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("bad.toml", '张乐 = "zhang1"\n', ":1:"),
        ("bad.toml", 'a = "b"\n张乐 = = "x"\n', ":2"),
        ("bad.tsv", "张乐\tzhang1 yue4\n重庆 chong2 qing4\n", ":2:"),
        ("bad.tsv", "张乐\tzhang9 yue4\n", ":1:"),
        ("bad.tsv", "abc\ta b c\n", ":1:"),
    ],
)
def test_bad_lexicon_is_one_line_with_file_and_line(
    tmp_path: Path, name: str, content: str, where: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        Lexicon.load(path)
    message = str(caught.value)
    assert "\n" not in message
    assert f"{path}{where}" in message


def test_missing_or_binary_lexicon(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read lexicon"):
        Lexicon.load(tmp_path / "none.toml")
    binary = tmp_path / "x.tsv"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(InputError, match="not UTF-8"):
        Lexicon.load(binary)


def test_lexicon_wins_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "names.toml"
    path.write_text('张乐 = "zhang1 yue4"\n', encoding="utf-8")
    pronouncer = Pronouncer(Lexicon.load(path))
    sentence = pronouncer.sentence("张乐很快乐。")
    shown = [(s.text, s.pinyin, s.hard) for s in sentence.syllables if s.pinyin]
    assert shown[:2] == [("张", "zhāng", True), ("乐", "yuè", True)]  # lexicon words are hard
    assert ("乐", "lè", False) in shown  # 快乐 is not the name
    assert sentence.speech is not None
    assert sentence.speech.pinyin[:2] == ("zhang1", "yue4")
    # The edge voice takes text only: the name is respelled with unambiguous homophones.
    respelled = sentence.speech.respelled
    assert respelled.startswith("张") and respelled[1] != "乐"
    assert respelled[2:] == "很快乐。"
    assert Pronouncer().sentence(respelled[:2]).syllables[1].pinyin == "yuè"


def test_empty_lexicon() -> None:
    assert len(Lexicon.empty()) == 0
    assert Lexicon.empty().spans("任何文字") == []
