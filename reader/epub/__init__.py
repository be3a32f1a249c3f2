"""EPUB 3 talking books: an article, or the day's paper, with media overlays (SMIL 3).

`article_epub` packs one built article (document model + section audio and cues);
`day_book` joins the EPUBs of one date's articles in an output folder into one book, copying
each article's folder inside its EPUB as it is (no audio is encoded again).
"""

from reader.epub.article import ArticleFacts, article_epub
from reader.epub.day import DayPlan, day_book, plan_day

__all__ = ["ArticleFacts", "DayPlan", "article_epub", "day_book", "plan_day"]
