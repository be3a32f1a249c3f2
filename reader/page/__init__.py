"""The article's read-along page (`index.html`) and its pinyin markup."""

from reader.page.levels import PinyinLevel
from reader.page.render import render_page

__all__ = ["PinyinLevel", "render_page"]
