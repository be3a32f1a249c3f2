"""The article's read-along page (`index.html`) and its pinyin markup."""

from reader.page.render import PINYIN_LEVELS, render_page

__all__ = ["PINYIN_LEVELS", "render_page"]
