"""Slugs, dates and series numbers: safe names from any headline."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.builder.metadata import chinese_number, find_date, parse_date, series_number
from reader.builder.slug import MAX_SLUG_CHARS, article_slug, slugify, validate_slug
from reader.errors import UsageError

SAFE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_slug_is_date_and_toneless_pinyin() -> None:
    assert (
        article_slug("2026-03-05", "筑牢安全屏障 护航高质量发展")
        == "2026-03-05-zhu-lao-an-quan-ping-zhang-hu-hang-gao-zhi-liang-fa-zhan"
    )


def test_hostile_headline_gives_a_safe_slug() -> None:
    slug = slugify('<script>alert("x")</script> & ../../etc/passwd \x00\x1b 标题')
    assert SAFE.match(slug)
    assert slug.endswith("biao-ti")


@given(st.text(max_size=300))
def test_any_text_gives_a_safe_capped_slug(text: str) -> None:
    slug = article_slug("2024-01-02", text)
    assert len(slug) <= MAX_SLUG_CHARS
    assert re.match(r"^2024-01-02-[a-z0-9]+(?:-[a-z0-9]+)*$", slug)


def test_long_headlines_are_cut_at_a_syllable() -> None:
    slug = slugify("中华人民共和国" * 20, limit=30)
    assert len(slug) <= 30 and not slug.endswith("-")
    assert all(
        part in {"zhong", "hua", "ren", "min", "gong", "he", "guo"} for part in slug.split("-")
    )


def test_reserved_and_empty_names_fall_back() -> None:
    assert slugify("") == "article"
    assert slugify("CON") == "article"
    assert slugify("！？。") == "article"


@pytest.mark.parametrize("good", ["my-article", "2024-03-05-news", "a", "a_b.c"])
def test_user_slug_accepted(good: str) -> None:
    assert validate_slug(good) == good


@pytest.mark.parametrize(
    "bad",
    [
        "../evil",
        "a/b",
        "a\\b",
        "..",
        ".hidden",
        "x\x00y",
        "tab\tname",
        "Upper",
        "nul",
        "",
        "a" * 81,
    ],
)
def test_user_slug_refused(bad: str) -> None:
    with pytest.raises(UsageError):
        validate_slug(bad)


def test_dates_from_furniture_and_flags() -> None:
    assert find_date(["第3版", "2024年3月5日 星期二"]) == "2024-03-05"
    assert find_date(["2024.12.31"]) == "2024-12-31"
    assert find_date(["2024年2月30日", "无日期"]) is None
    assert parse_date("2024-3-5") == "2024-03-05"
    with pytest.raises(UsageError):
        parse_date("yesterday")


@pytest.mark.parametrize(
    ("marker", "number"),
    [
        ("（九）", 9),
        ("（十二）", 12),
        ("(二十)", 20),
        ("第105期", 105),
        ("（一百零五）", 105),
        (None, None),
        ("（甲）", None),
    ],
)
def test_series_numbers(marker: str | None, number: int | None) -> None:
    assert series_number(marker) == number


def test_chinese_numbers() -> None:
    assert chinese_number("十") == 10
    assert chinese_number("两千零二十四") == 2024
