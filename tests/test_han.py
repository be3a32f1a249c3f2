"""One definition of a Han character, shared by every stage."""

from __future__ import annotations

import pytest

from reader.han import HAN_RE, is_han
from reader.pronounce import forms
from reader.sections import estimate_seconds


@pytest.mark.parametrize("char", ["一", "龥", "㐀", "〇", "\uf900", "𠀀", "\U0003134a"])
def test_ideographs_and_the_ideographic_zero_are_han(char: str) -> None:
    assert is_han(char) and forms.is_han(char) and HAN_RE.fullmatch(char)
    assert estimate_seconds(char * 9) == pytest.approx(2.0)  # counted as spoken


@pytest.mark.parametrize("char", ["䷀", "，", "a", "1", "々", "\u3000", ""])
def test_everything_else_is_not(char: str) -> None:
    assert not is_han(char)
