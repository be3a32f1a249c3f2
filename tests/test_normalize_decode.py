"""Rule group 0: encodings and the one-line input errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.errors import InputError, UsageError
from reader.normalize import decode_bytes, load_article, normalize

DATA = Path(__file__).parent / "data" / "normalize"
# The sample converted to Taiwan-standard traditional characters once with OpenCC (s2tw),
# since Big5 cannot encode simplified characters.
TRADITIONAL = DATA / "sample_traditional.txt"


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig", "utf-32"])
def test_sample_reencoded_gives_the_same_article(sample_text: str, encoding: str) -> None:
    expected = normalize(sample_text).article
    assert load_article(sample_text.encode(encoding)) == expected


def test_big5_sample_gives_the_same_article() -> None:
    text = TRADITIONAL.read_text(encoding="utf-8")
    expected = normalize(text).article
    assert load_article(text.encode("big5")) == expected
    assert expected.title is not None and expected.title.text == "築牢安全屏障 護航高質量發展"
    assert len(expected.paragraphs) == 8


def test_short_gb_and_big5_snippets_detected() -> None:
    simplified = "国家安全是民族复兴的根基，社会稳定是国家强盛的前提。"
    traditional = "國家安全是民族復興的根基，社會穩定是國家強盛的前提。"
    assert decode_bytes(simplified.encode("gb18030")) == simplified
    assert decode_bytes(traditional.encode("big5")) == traditional


def test_forced_encoding(sample_text: str) -> None:
    data = sample_text.encode("gb18030")
    assert decode_bytes(data, "gb18030") == sample_text
    with pytest.raises(InputError, match=r"UTF-8 \(byte 0x\w\w at offset \d+\)"):
        decode_bytes(data, "utf-8")
    with pytest.raises(UsageError, match="unknown encoding"):
        decode_bytes(data, "no-such-codec")


def test_undecodable_names_encodings_and_offset() -> None:
    data = "国家安全".encode() + b"\xff\xff\xff" + "稳定".encode()
    with pytest.raises(InputError) as caught:
        decode_bytes(data)
    message = str(caught.value)
    assert "\n" not in message
    for part in ("UTF-8", "GB18030", "Big5", "offset 12"):
        assert part in message


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"abc\x00def", "NUL byte at offset 3"),
        (bytes(range(1, 32)) * 10, "binary"),
    ],
)
def test_binary_refused(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode_bytes(data)


def test_utf16_bom_and_bad_bom() -> None:
    assert decode_bytes(codecs.BOM_UTF16_LE + "国家".encode("utf-16-le")) == "国家"
    with pytest.raises(InputError, match="BOM"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfd")


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_article(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="is empty"):
        load_article(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\u3000\n\t\n", encoding="utf-8")
    with pytest.raises(InputError, match="only white space"):
        load_article(blank)
    big = tmp_path / "big.txt"
    big.write_text("国家安全。" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="over the limit of 1000"):
        load_article(big, max_size=1000)
    assert load_article(big).paragraphs


def test_invisible_only_file_has_no_text(tmp_path: Path) -> None:
    path = tmp_path / "zw.txt"
    path.write_text("\u200b\u200b\n", encoding="utf-8")
    with pytest.raises(InputError, match="no text"):
        load_article(path)
