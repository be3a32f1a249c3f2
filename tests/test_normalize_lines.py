"""Rule group 2: line repair on the sample re-wrapped at other widths and in other styles."""

from __future__ import annotations

import pytest
from test_normalize_golden import CAPTION, PARAGRAPHS, SERIES, TITLE

from reader.normalize import normalize
from reader.normalize.changes import ChangeLog
from reader.normalize.characters import display_width
from reader.normalize.lines import Line, join_lines

# Typesetting never starts a line with closing punctuation; it stays on the line before.
NO_LINE_START = "，。、；：？！”’）》」』…"
TAIL = (
    "筑牢安全屏障 护航高质量发展\n ——我市持续加强风险防范，全力维护社会和谐稳定\n\n"
    "日常巡逻维护和谐稳定日常巡逻维护和谐稳定\n\n（（九九））\n"
)


def wrap(width: float, lost_indent: float = 2.0, lead: str = "") -> list[list[str]]:
    """Each paragraph as column lines: the first shortened by an indent OCR lost (or led by
    `lead`, an indent it kept)."""
    paragraphs = []
    for paragraph in PARAGRAPHS:
        lines: list[str] = []
        capacity, current = width - lost_indent, ""
        for char in paragraph:
            if display_width(current + char) > capacity and char not in NO_LINE_START:
                lines.append(current)
                capacity, current = width, ""
            current += char
        lines.append(current)
        lines[0] = lead + lines[0]
        paragraphs.append(lines)
    return paragraphs


def styles(width: int) -> dict[str, str]:
    lost = wrap(width)
    kept = wrap(width, lost_indent=0, lead="\u3000\u3000")
    spaces = wrap(width, lost_indent=0, lead="    ")
    flush = wrap(width, lost_indent=0)
    return {
        "blank lines between all lines": "\n\n".join(line for p in lost for line in p),
        "no blank lines": "\n".join(line for p in lost for line in p),
        "ideographic indent": "\n".join(line for p in kept for line in p),
        "space indent, blank lines": "\n\n".join(line for p in spaces for line in p),
        "blank line between paragraphs": "\n\n".join("\n".join(p) for p in flush),
        "CRLF": "\r\n".join(line for p in lost for line in p),
    }


@pytest.mark.parametrize("width", [10, 13, 16, 21, 27, 34])
@pytest.mark.parametrize("style", list(styles(16)))
def test_rewrapped_sample_gives_the_same_paragraphs(width: int, style: str) -> None:
    text = styles(width)[style] + "\n\n" + TAIL
    article = normalize(text).article
    assert [p.text for p in article.paragraphs] == PARAGRAPHS
    assert article.title is not None and article.title.text == TITLE
    assert [c.text for c in article.captions] == [CAPTION]
    assert article.series == SERIES


def test_one_paragraph_per_line_is_kept() -> None:
    text = "\n".join(PARAGRAPHS)
    assert [p.text for p in normalize(text).article.paragraphs] == PARAGRAPHS


def line(number: int, text: str, gap: int = 1, indent: float = 0.0) -> Line:
    return Line(number, text, indent, gap, display_width(text))


def test_sentence_end_on_a_full_line_needs_the_next_line_indented() -> None:
    column = ["一二三四五六七八九十", "一二三四五六七八九十"]
    lines = [
        line(1, "一二三四五六七八"),  # first line, indent lost
        line(2, column[0]),
        line(3, "一二三四五六七八九。"),  # ends a sentence at the column edge
        line(4, column[1]),  # full width: same paragraph
        line(5, "一二三四五六七八九。"),
        line(6, "一二三四五六七八"),  # shortened: a new paragraph
        line(7, column[0]),
        line(8, "一二三。"),
    ]
    blocks = join_lines(lines, ChangeLog())
    assert [[ln.number for ln in block.lines] for block in blocks] == [[1, 2, 3, 4, 5], [6, 7, 8]]


def test_joins_are_explained_with_line_numbers() -> None:
    log = ChangeLog()
    join_lines([line(1, "一二三四五"), line(3, "六七八九十"), line(5, "一二三四五。")], log)
    assert [(c.rule, c.line) for c in log.changes][:1] == [("join-lines", 3)]


def test_latin_words_keep_a_space_numbers_do_not() -> None:
    text = "\n".join(["他说这是machine", "learning的成果，增长了12", "5个百分点。"] * 2)
    # three lines of equal width make a column
    article = normalize(text).article
    assert "machine learning" in article.paragraphs[0].text
    assert "125个" in article.paragraphs[0].text


def test_letter_spaced_ocr_gives_the_same_article(sample_text: str) -> None:
    """Some OCR engines put a space between every character (and keep the wide ones)."""
    spaced = "\n".join(" ".join(line) for line in sample_text.split("\n"))
    assert normalize(spaced).article == normalize(sample_text).article
