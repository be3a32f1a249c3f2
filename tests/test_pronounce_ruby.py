"""Ruby markup of a sentence at each level, and escaping of hostile text."""

from __future__ import annotations

import re

import pytest

from reader.errors import UsageError
from reader.model import Syllable
from reader.page.ruby import ruby_markup

SYLLABLES = (
    Syllable("调", "tiáo", True),
    Syllable("解", "jiě", False),
    Syllable("<b>&\"'", None, False),
    Syllable("的", "de", False),
)


def test_hard_level() -> None:
    assert ruby_markup(SYLLABLES, "hard") == (
        "<ruby>调<rp>(</rp><rt>tiáo</rt><rp>)</rp></ruby>解&lt;b&gt;&amp;&quot;&#x27;的"
    )


def test_all_level_one_ruby_per_character() -> None:
    markup = ruby_markup(SYLLABLES, "all")
    assert markup.count("<ruby>") == 3
    assert re.findall(r"<ruby>(.)<rp>", markup) == ["调", "解", "的"]
    assert "<rt>de</rt>" in markup


def test_none_level_is_plain_text() -> None:
    assert ruby_markup(SYLLABLES, "none") == "调解&lt;b&gt;&amp;&quot;&#x27;的"


def test_toggle_marks_hard_ones() -> None:
    markup = ruby_markup(SYLLABLES, "toggle")
    assert markup.startswith('<ruby class="h">调<rp>(</rp><rt>tiáo</rt>')
    assert markup.count("<ruby>") == 2  # the others: ruby without the class


def test_hostile_text_is_escaped_everywhere() -> None:
    evil = (Syllable("</rt><script>", None), Syllable("字", "<img src=x onerror=alert(1)>", True))
    for level in ("hard", "all", "none", "toggle"):
        markup = ruby_markup(evil, level)
        assert "<script>" not in markup and "<img" not in markup


def test_unknown_level() -> None:
    with pytest.raises(UsageError):
        ruby_markup(SYLLABLES, "some")
