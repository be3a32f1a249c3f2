"""The standalone page of `reader pinyin`: the text with ruby at one pinyin level."""

from __future__ import annotations

import html
from collections.abc import Sequence

from reader.model import Sentence
from reader.page.levels import PinyinLevel, pinyin_level
from reader.page.ruby import ruby_markup

Line = Sequence[Sentence]  # the sentences of one input line

_STYLE = """
body { font: 1.25rem/2.4 "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif;
       max-width: 40em; margin: 2rem auto; padding: 0 1rem; color: #111; background: #fff; }
rt { font-size: 0.55em; color: #333; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
           clip: rect(0 0 0 0); white-space: nowrap; }
"""


def pinyin_page(lines: Sequence[Line], level: str, name: str) -> str:
    """A standalone page; screen readers get each paragraph once, as plain text."""
    paragraphs = []
    for line in lines:
        if not line:
            continue
        plain = html.escape("".join(sentence.text for sentence in line))
        if pinyin_level(level) is PinyinLevel.OFF:
            paragraphs.append(f"<p>{plain}</p>")
            continue
        marked = "".join(ruby_markup(sentence.syllables, level) for sentence in line)
        paragraphs.append(
            f'<p><span aria-hidden="true">{marked}</span><span class="sr-only">{plain}</span></p>'
        )
    title = html.escape(f"拼音：{name}")
    body = "\n".join(paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f'<h1 class="sr-only">{title}</h1>\n{body}\n</main>\n</body>\n</html>\n'
    )
