"""The number shapes news text is full of, read exactly as WeTextProcessing reads them.

Running the normalizer's FSTs costs about 1.5 ms a window, most of the whole pronunciation
pass; the shapes below are read here in microseconds. WeTextProcessing stays the reference:
`read` answers only windows of these shapes, returns None for everything else (which then goes
to the normalizer), and tests/test_pronounce_common_numbers.py compares its answers with the
normalizer's own output on thousands of windows.

- One number (an integer of up to 12 digits, a decimal, or a percentage), with at most one
  bracket or quote before or after it, then up to two Han characters: 12.5%, 3人, 2020年,
  1.5公里, (3), 2010.
- Numbers with Han characters between them, each read on its own: 2020年3月5日, 3人和5人
  (not when the words between are ones its grammar reads with the numbers: 到, 约, 人均, 尾号).
- Symbols between Han characters, no digits, none next to another: each read as the
  normalizer reads it alone.
- Ranges of years, as its annual rule reads them, digit by digit: 1990-1995年, 2019年到2020年,
  2013~2014赛季 (not when a unit of its own starts at the 年: 1990-1995年前 is a measure).
- Ranges of amounts before one of its units, as its measure rule reads them: 3-5公里,
  180到220米, 5岁到15岁, 2-3人 (两到三人).
- Digit groups before one of its units, commas dropped as its measure rule drops them:
  494,586人, 2,100万股 (without a unit it reads them otherwise: 1,800英尺 一,八百英尺).

The grammar this mirrors is that of the pinned WeTextProcessing version (pyproject.toml).

Which words are units, which numbers are phone numbers and which characters the grammar reads
around numbers (signs, operators, separators, currency symbols) comes from the normalizer's own
data tables. Other ranges, signs, times, money, fractions, Latin letters, digit groups with
no unit, traditional characters, and the interjections and 儿 its post-processing drops are
declined.
(Whatever reads a window as one token of its measure rule wins: every other reading takes at
least two tokens, and its cheapest token weighs no less than a measure token.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from reader.han import HAN
from reader.pronounce import forms

_DIGITS = dict(zip("0123456789", "零一二三四五六七八九", strict=True))
_PLACES = ("千", "百", "十", "")
# What the grammar's cardinal rule reads as 两 at the start of a number (两百, 两千, 两万, 两亿).
_TWO_BEFORE = ("二百", "二千", "二万", "二亿")
# Units after which a lone 2 stays 二 (二月, 二号, 二两), as its measure rule says.
_TWO_KEPT_BEFORE = ("两", "月", "号")
_ANNUAL_UNITS = ("年度", "赛季", "年")  # after four digits read one by one: 二零二零年
# Separators the grammar's rules (date, time, fraction, range, math) read between numbers.
_SEPARATORS = "~:：/,，<>-.%"
_MAX_DIGITS = 12  # its cardinal rule reads up to 9999,9999,9999
# Words its rules read together with a number: ranges (3到5个), 约 and 人均 before a number
# (约2个 keeps 二), 尾号 before a phone number's last digits.
_NUMBER_WORDS = ("到", "约", "人均", "尾号")

_HAN = HAN
_NUMBER = r"[0-9]+(?:\.[0-9]+)?%?"
_SINGLE = re.compile(
    f"(?P<lead>[^0-9{_HAN}])?(?P<integer>[0-9]+)(?:\\.(?P<fraction>[0-9]+))?(?P<percent>%)?"
    f"(?P<trail>[^0-9{_HAN}])?(?P<tail>[{_HAN}]{{0,2}})"
)
_PART = re.compile(f"({_NUMBER})([{_HAN}]+)")
# Its annual rule: four digits, optionally a unit, a dash, tilde or 到, four digits, a unit.
_ANNUAL = "|".join(sorted(_ANNUAL_UNITS, key=len, reverse=True))
_ANNUAL_RANGE = re.compile(
    f"(?P<first>[0-9]{{4}})(?P<first_unit>{_ANNUAL})?[-~到]"
    f"(?P<last>[0-9]{{4}})(?P<unit>{_ANNUAL})(?P<tail>[{_HAN}]*)"
)
# Its measure rule: an amount, optionally a unit, a dash, tilde or 到, an amount, a unit.
_AMOUNT_RANGE = re.compile(
    f"(?P<first>[0-9]+)(?P<first_unit>[{_HAN}]*?)[-~到](?P<last>[0-9]+)(?P<tail>[{_HAN}]+)"
)
_DIGIT_GROUPS = re.compile(f"(?P<integer>[0-9]{{1,3}}(?:,[0-9]{{3}})+)(?P<tail>[{_HAN}]+)")


@dataclass(frozen=True)
class _Tables:
    units: frozenset[str]
    longest_unit: int
    phones: dict[str, str]
    whitelist: tuple[str, ...]  # words the normalizer reads its own way (90后 九零后)
    traditional: frozenset[str]  # characters its pre-processing turns into simplified ones
    dropped: frozenset[str]  # characters its post-processing deletes
    special: frozenset[str]  # characters its rules read around numbers
    months: frozenset[str]  # two-digit months and days: 12.5 reads 十二月五日
    days: frozenset[str]


def _table(name: str) -> list[list[str]]:
    text = files("tn").joinpath("chinese", "data", *name.split("/")).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip()]


@cache
def _tables() -> _Tables:
    units = frozenset(row[0] for row in _table("measure/units_zh.tsv"))
    special = set(_SEPARATORS)
    for name in ("number/sign", "number/dot", "math/operator", "math/operator_unambiguous"):
        special.update(char for row in _table(f"{name}.tsv") for char in row[0])
    for name in ("money/symbol", "measure/units_en"):  # $, ¥; °, ℃, km
        special.update(char for row in _table(f"{name}.tsv") for char in row[0])
    dropped = {row[0] for row in _table("default/blacklist.tsv")} | {"儿"}
    return _Tables(
        units=units,
        longest_unit=max(len(unit) for unit in units),
        phones={row[0]: row[1] for row in _table("cardinal/phone.tsv")},
        whitelist=tuple(
            row[0]
            for name in ("default/whitelist", "erhua/whitelist")
            for row in _table(f"{name}.tsv")
        ),
        traditional=frozenset(row[0] for row in _table("char/traditional_to_simple.tsv")),
        dropped=frozenset("".join(dropped)),
        special=frozenset(special),
        months=frozenset(row[0] for row in _table("date/mm.tsv")),
        days=frozenset(row[0] for name in ("date/d", "date/dd") for row in _table(f"{name}.tsv")),
    )


def _group(value: int, leading: bool) -> str:
    """1..9999 as the grammar reads a four-digit group: 一千零五, 一十五 (十五 when leading)."""
    if leading and 10 <= value <= 19:
        return "十" + (_DIGITS[str(value - 10)] if value > 10 else "")
    digits = f"{value:04d}"
    spoken, zero = "", False
    for place, digit in zip(_PLACES, digits, strict=True):
        if digit == "0":
            zero = bool(spoken)
            continue
        spoken += ("零" if zero else "") + _DIGITS[digit] + place
        zero = False
    return spoken


def cardinal(integer: str) -> str | None:
    """An integer as the grammar's cardinal rule reads it (without the 两 rule), or None when
    it reads it otherwise (leading zeros, more than 12 digits)."""
    if len(integer) > _MAX_DIGITS or (len(integer) > 1 and integer[0] == "0"):
        return None
    value = int(integer)
    if value == 0:
        return "零"
    spoken, started, gap = "", False, False
    for group, suffix in (
        (value // 10**8, "亿"),
        (value // 10**4 % 10**4, "万"),
        (value % 10**4, ""),
    ):
        if group == 0:
            gap = started
            continue
        if started and (gap or group < 1000):
            spoken += "零"
        spoken += _group(group, leading=not started) + suffix
        started, gap = True, False
    return spoken


def _number(integer: str, fraction: str | None) -> str | None:
    whole = cardinal(integer)
    if whole is None:
        return None
    if fraction is not None:
        whole += "点" + "".join(_DIGITS[digit] for digit in fraction)
    return "两" + whole[1:] if whole.startswith(_TWO_BEFORE) else whole


def _standalone(integer: str, fraction: str | None) -> str | None:
    """A number no unit follows: a known service number or an 11-digit phone number is read
    digit by digit (1 as 幺)."""
    tables = _tables()
    # Its date rule reads 12.5 as 十二月五日 and 2020.12 as 二零二零年十二月, also after
    # digits it can read as service numbers (120 6678.09); the dates end the integer part.
    date_part = {fraction[:1], fraction[:2]} if fraction is not None else set()
    if (integer[-2:] in tables.months or len(integer) >= 4) and date_part & (
        tables.months | tables.days
    ):
        return None
    if fraction is None and _phone_numbers(integer) > 1:
        return None  # it reads 12210086 as two service numbers, 122 and 10086
    if fraction is None and integer in tables.phones:
        return tables.phones[integer]
    if fraction is None and len(integer) == 11:
        return "".join("幺" if digit == "1" else _DIGITS[digit] for digit in integer)
    return _number(integer, fraction)


def _phone_numbers(integer: str) -> int:
    """Into how few service numbers or 11-digit phone numbers `integer` splits (0: none)."""
    tables = _tables()
    fewest = [0] + [-1] * len(integer)
    for end in range(1, len(integer) + 1):
        for start in range(end):
            piece = integer[start:end]
            if fewest[start] >= 0 and (piece in tables.phones or len(piece) == 11):
                count = fewest[start] + 1
                fewest[end] = count if fewest[end] < 0 else min(fewest[end], count)
    return max(fewest[-1], 0)


def _unit_length(integer: str, fraction: str | None, tail: str) -> tuple[int, bool] | None:
    """(length of the unit starting `tail`, whether it is a year's 年), (0, False) if none;
    None when two readings tie."""
    unit = _measure_unit(tail)
    annual = next((len(word) for word in _ANNUAL_UNITS if tail.startswith(word)), 0)
    if annual and (len(integer) > 4 or len(fraction or "") >= 4):
        return None  # it reads the last four digits as a year: 12345年 一二三四五年
    if len(integer) != 4 or fraction is not None:
        annual = 0
    if annual and annual == unit:
        return None
    return (annual, True) if annual > unit else (unit, False)


def _with_unit(
    integer: str, fraction: str | None, percent: bool, tail: str
) -> tuple[str, int] | None:
    """The reading of a number and what follows it, and how many characters of `tail` its
    unit took."""
    number = _number(integer, fraction)
    if number is None:
        return None
    if percent:
        return "百分之" + number + tail, 0
    found = _unit_length(integer, fraction, tail)
    if found is None:
        return None
    length, annual = found
    if annual:
        return "".join(_DIGITS[digit] for digit in integer) + tail, length
    if length == 0:
        standalone = _standalone(integer, fraction)
        return None if standalone is None else (standalone + tail, 0)
    if number == "二":
        number = "二" if tail.startswith(_TWO_KEPT_BEFORE) else "两"
    return number + tail, length


def _plain_symbol(char: str | None, said_alone: Callable[[str], str]) -> bool:
    """A character the grammar only passes through: no digit, letter or separator."""
    if char is None:
        return True
    tables = _tables()
    plain = not (char.isalnum() or char.isspace() or char in tables.special)
    return plain and said_alone(char) == char


def _plain_han(window: str) -> bool:
    tables = _tables()
    return not any(
        char in tables.traditional or char in tables.dropped for char in window
    ) and not any(word in window for word in tables.whitelist)


def read(window: str, said_alone: Callable[[str], str]) -> str | None:
    """What WeTextProcessing says for `window`, or None if it is not one of the shapes above.
    `said_alone(char)` is what the normalizer says for that one character."""
    if not _plain_han(window):
        return None
    single = _SINGLE.fullmatch(window)
    if single is not None:
        return _single(single, said_alone)
    if not any(char.isdigit() for char in window):
        return _symbols_between_han(window, said_alone)
    years = _ANNUAL_RANGE.fullmatch(window)
    if years is not None:
        return _annual_range(years)
    amounts = _AMOUNT_RANGE.fullmatch(window)
    if amounts is not None:
        return _amount_range(amounts)
    groups = _DIGIT_GROUPS.fullmatch(window)
    if groups is not None:
        return _digit_groups(groups)
    return _numbers_apart(window)


def _single(match: re.Match[str], said_alone: Callable[[str], str]) -> str | None:
    lead, trail, tail = match["lead"], match["trail"], match["tail"]
    integer, fraction, percent = match["integer"], match["fraction"], bool(match["percent"])
    full_stop = trail == "." and not tail  # 2010. at the end of a sentence
    plain_trail = full_stop or _plain_symbol(trail, said_alone)
    if not (_plain_symbol(lead, said_alone) and plain_trail):
        return None
    # A symbol after the number stands between it and any unit: the number stands alone.
    after = "" if trail is None else trail + tail
    read_out = _with_unit(integer, fraction, percent, tail if trail is None else "")
    return None if read_out is None else (lead or "") + read_out[0] + after


def _symbols_between_han(window: str, said_alone: Callable[[str], str]) -> str | None:
    """No digits: each symbol (no letters, none next to another) is read on its own, as the
    normalizer reads it alone (its rules that read symbols in context need numbers)."""
    spoken = []
    after_symbol = False
    for char in window:
        if forms.is_han(char):
            spoken.append(char)
            after_symbol = False
            continue
        if char.isalnum() or char.isspace() or after_symbol:
            return None
        spoken.append(said_alone(char))
        after_symbol = True
    return "".join(spoken)


def _numbers_apart(window: str) -> str | None:
    """Numbers with Han characters between them (2020年3月5日, 3人和5人): each read on its own,
    unless the grammar reads the words between them (到, 约, 人均, 尾号) with the numbers."""
    parts = _PART.findall(window)
    if len(parts) < 2 or "".join(number + han for number, han in parts) != window:
        return None
    if any(word in window for word in _NUMBER_WORDS):
        return None
    spoken = []
    for number, han in parts:
        percent = number.endswith("%")
        integer, _, fraction = number.rstrip("%").partition(".")
        read_out = _with_unit(integer, fraction or None, percent, han)
        if read_out is None:
            return None
        spoken.append(read_out[0])
    return "".join(spoken)


def _annual_range(match: re.Match[str]) -> str | None:
    """A range of years as one token of its measure rule (the cheapest reading: any other
    needs two tokens or more), the characters after it each on their own. Declined where a
    unit of its measure rule at least as long starts at either year's unit (年前, 年来,
    年之后): there it reads the numbers as amounts (一千九百九十到一千九百九十五年前), or two
    readings tie."""
    units = _tables().units
    for name in ("first_unit", "unit"):
        unit, after = match[name], match.string[match.start(name) :]
        if unit and any(after.startswith(other) and len(other) >= len(unit) for other in units):
            return None
    first = "".join(_DIGITS[digit] for digit in match["first"]) + (match["first_unit"] or "")
    last = "".join(_DIGITS[digit] for digit in match["last"]) + match["unit"]
    return first + "到" + last + match["tail"]


def _measure_unit(tail: str) -> int:
    """The length of the longest unit of its measure rule `tail` starts with (0: none)."""
    tables = _tables()
    return max(
        (n for n in range(1, min(len(tail), tables.longest_unit) + 1) if tail[:n] in tables.units),
        default=0,
    )


def _amount(integer: str) -> str | None:
    """An amount as its measure rule reads it: a lone 2 is 两."""
    number = _number(integer, None)
    return "两" if number == "二" else number


def _amount_range(match: re.Match[str]) -> str | None:
    """3-5公里 as one measure token: each amount read out, the dash read 到. Declined unless
    a unit of its own follows (3-5年 is a subtraction to it) and any unit before the dash is
    one; two four-digit years are the annual rule's to compare."""
    first, first_unit, last, tail = (
        match["first"],
        match["first_unit"],
        match["last"],
        match["tail"],
    )
    if len(first) == 4 and len(last) == 4:
        return None
    if first_unit and first_unit not in _tables().units:
        return None
    unit = _measure_unit(tail)
    first_said, last_said = _amount(first), _amount(last)
    if not unit or first_said is None or last_said is None:
        return None
    # Its rules for 二 before 两/月/号: at the start of the token (2月-3月) and before a last
    # unit that ends it (3-2月).
    if first_said == "两" and first_unit.startswith(_TWO_KEPT_BEFORE):
        first_said = "二"
    if last_said == "两" and tail[:unit] in _TWO_KEPT_BEFORE:
        last_said = "二"
    return first_said + first_unit + "到" + last_said + tail


def _digit_groups(match: re.Match[str]) -> str | None:
    """494,586人 as one measure token: the commas dropped, the amount read out."""
    integer, tail = match["integer"].replace(",", ""), match["tail"]
    number = _number(integer, None)
    if not _measure_unit(tail) or number is None:
        return None
    return number + tail
