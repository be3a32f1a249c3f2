"""The normalizer: the rule groups in order, from text to Article with a log of changes."""

from __future__ import annotations

from dataclasses import dataclass

from reader.model import Article
from reader.normalize.changes import Change, ChangeLog
from reader.normalize.characters import (
    clean_characters,
    display_width,
    indent_width,
    remove_controls,
    unify_newlines,
)
from reader.normalize.duplicates import repair_duplicates
from reader.normalize.layout import build_article
from reader.normalize.lines import Line, join_lines
from reader.normalize.patterns import classify


@dataclass(frozen=True)
class Normalized:
    article: Article
    changes: tuple[Change, ...]


def read_lines(text: str, log: ChangeLog) -> list[Line]:
    """Rule groups 1 and 3 on each line; blank lines become the gap before the next line."""
    unified = unify_newlines(text)
    if unified != text:
        log.add("newlines", 1, "CR/LF, CR or other line separators", "LF")
    lines: list[Line] = []
    gap = 0
    for number, raw in enumerate(unified.split("\n"), start=1):
        if not raw or raw.isspace():
            gap += 1
            continue
        indent = indent_width(remove_controls(raw))
        line = clean_characters(raw, number, log)
        if not line:
            gap += 1
            continue
        line, doubled = repair_duplicates(line, number, log)
        known = classify(line) is not None
        lines.append(Line(number, line, indent, gap, display_width(line), known or doubled))
        gap = 0
    return lines


def normalize(text: str) -> Normalized:
    """Clean OCR'd article text into an Article; `changes` lists every edit made."""
    log = ChangeLog()
    blocks = join_lines(read_lines(text, log), log)
    article = build_article(blocks, log)
    return Normalized(article, tuple(log.changes))
