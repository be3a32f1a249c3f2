"""Clean text and JSON views of an Article.

The clean text is itself valid input: normalizing it again gives the same Article. To make
that hold, each field is written in the form the normalizer recognises: the subtitle after
——, captions after ▲, paragraphs with the customary two-em indent, one block per line.
"""

from __future__ import annotations

from typing import Any

from reader.model import Article
from reader.normalize.layout import BYLINE_SEPARATOR

PARAGRAPH_INDENT = "\u3000\u3000"
SUBTITLE_DASH = "——"
CAPTION_MARK = "▲ "


def render_text(article: Article) -> str:
    """Headline, ——subtitle, series, byline; the paragraphs; ▲ captions; page furniture."""
    head: list[str] = []
    if article.title is not None:
        head.append(article.title.text)
    if article.subtitle is not None:
        head.append(SUBTITLE_DASH + article.subtitle.text)
    if article.series:
        head.append(article.series)
    if article.byline:
        head.extend(article.byline.split(BYLINE_SEPARATOR))
    sections = ["\n".join(head)] if head else []
    sections.extend(PARAGRAPH_INDENT + paragraph.text for paragraph in article.paragraphs)
    tail = [CAPTION_MARK + caption.text for caption in article.captions]
    tail.extend(article.furniture)
    if tail:
        sections.append("\n".join(tail))
    return "\n\n".join(sections) + "\n" if sections else ""


def article_to_json(article: Article) -> dict[str, Any]:
    """The JSON contract of `reader normalize --format json` (null where absent)."""
    return {
        "title": article.title.text if article.title is not None else None,
        "subtitle": article.subtitle.text if article.subtitle is not None else None,
        "series": article.series,
        "byline": article.byline,
        "captions": [caption.text for caption in article.captions],
        "paragraphs": [paragraph.text for paragraph in article.paragraphs],
        "furniture": list(article.furniture),
    }
