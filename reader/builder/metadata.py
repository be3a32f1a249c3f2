"""Facts about an article the build needs beyond the text: its date and series number."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from reader.errors import UsageError

_DATE_PATTERNS = (
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
)
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def find_date(texts: Iterable[str]) -> str | None:
    """The first real calendar date in `texts` (page furniture), as YYYY-MM-DD."""
    for text in texts:
        for pattern in _DATE_PATTERNS:
            for match in pattern.finditer(text):
                try:
                    day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
                except ValueError:
                    continue
                return day.isoformat()
    return None


def parse_date(value: str) -> str:
    """A `--date` value: ISO YYYY-MM-DD or 2024年3月5日."""
    found = find_date([value])
    if found is None:
        raise UsageError(f"--date {value!r}: expected a date like 2024-03-05")
    return found


def chinese_number(text: str) -> int | None:
    """九 → 9, 十二 → 12, 二十 → 20, 一百零五 → 105, 12 → 12; None if not a number."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def series_number(series: str | None) -> int | None:
    """The number inside a series marker such as （九） or (12)."""
    if not series:
        return None
    inner = re.sub(r"[（）()\[\]【】第期篇之\s]", "", series)
    return chinese_number(inner)
