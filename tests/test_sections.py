"""Sections of the sample and of made-up articles: boundaries from the text, titles from the
text, lengths kept between MIN_SECONDS and MAX_SECONDS where paragraphs allow."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.model import Article, Paragraph
from reader.sections import (
    MAX_SECONDS,
    MIN_SECONDS,
    attribution,
    estimate_seconds,
    lead_phrase,
    section_seconds,
    split_sections,
)

SAMPLE_TITLES = [
    "国家安全是民族复兴的根基",
    "市政府办金融科",
    "市应急管理局",
    "市公安局",
    "市司法局",
    "市气象局",
    "坚定信心、凝心聚力、奋发进取",
]


@pytest.fixture(scope="module")
def sample_article(sample_path: Path) -> Article:
    from reader.normalize import load_article

    return load_article(sample_path)


def _article(*paragraphs: str, title: str | None = "标题") -> Article:
    return Article(
        title=Paragraph.from_text(title) if title else None,
        subtitle=None,
        series=None,
        byline=None,
        captions=(Paragraph.from_text("图片说明文字"),),
        paragraphs=tuple(Paragraph.from_text(text) for text in paragraphs),
    )


def test_sample_sections_follow_the_article(sample_article: Article) -> None:
    sections = split_sections(sample_article)
    assert [section.title for section in sections] == SAMPLE_TITLES
    assert [section.index for section in sections] == list(range(len(SAMPLE_TITLES)))
    # Headline and subtitle open section 0 as its intro; nothing else has an intro.
    assert sections[0].intro == (sample_article.title, sample_article.subtitle)
    assert all(section.intro == () for section in sections[1:])
    # Every body paragraph is read once, in order; captions never.
    body = [paragraph for section in sections for paragraph in section.paragraphs]
    assert body == list(sample_article.paragraphs)
    spoken = "".join(p.text for section in sections for p in section.spoken())
    assert "日常巡逻维护和谐稳定" not in spoken


def test_sample_titles_are_taken_from_the_text(sample_article: Article) -> None:
    for section in split_sections(sample_article):
        text = "".join(paragraph.text for paragraph in section.spoken())
        assert section.title.rstrip("…") in text


def test_sample_sections_are_estimated_between_the_bounds(sample_article: Article) -> None:
    for section in split_sections(sample_article):
        assert MIN_SECONDS <= section_seconds(section) <= MAX_SECONDS, section.title


def test_attribution_finds_the_office_of_the_speaker() -> None:
    quote = "“要守住底线。”市应急管理局党委书记、局长张宝忠表示，今年将聚焦重点工作。"
    assert attribution(quote).office == "市应急管理局"
    assert attribution("市公安局相关负责人表示，全市公安机关将坚决贯彻。").office == "市公安局"
    assert attribution("市政府办金融科科长孙慧姣表示，将加强宣传。").office == "市政府办金融科"
    assert attribution("他表示，这项工作很重要。").pronoun
    assert attribution("今天天气很好，大家都很高兴。").speaker is None


def test_lead_phrase_is_the_first_clause_without_quotes() -> None:
    assert lead_phrase("“未雨绸缪，科学做好防范。”") == "未雨绸缪"
    long = "这是一个非常非常长的第一个分句没有任何标点符号一直延续下去"
    assert lead_phrase(long).endswith("…") and len(lead_phrase(long)) <= 17


def test_speaker_changes_start_sections_and_short_parts_merge() -> None:
    filler = "各项工作稳步推进，成效明显，群众满意度不断提高。" * 4
    article = _article(
        "开头的导语段落。" + filler,
        "“要做好工作。”市教育局局长王明表示，" + filler,
        "“要保障供水。”市水务局局长李强表示，" + filler,
        "他表示，还要继续努力。",  # the same speaker, and short: stays with 市水务局
    )
    sections = split_sections(article)
    assert [s.title for s in sections] == ["开头的导语段落", "市教育局", "市水务局"]
    assert len(sections[2].paragraphs) == 2


def test_enumerations_open_sections() -> None:
    filler = "各项工作稳步推进，成效明显，群众满意度不断提高。" * 5
    first, second = "一、加强组织领导。" + filler, "二、强化宣传教育。" + filler
    article = _article("导语。" + filler, first, second)
    titles = [s.title for s in split_sections(article)]
    assert titles == ["导语", "一、加强组织领导", "二、强化宣传教育"]


def test_a_long_run_without_boundaries_is_split_at_paragraphs() -> None:
    paragraph = "这是一段没有说话人的叙述文字，内容平实，节奏均匀，适合朗读。" * 6
    article = _article(*[paragraph] * 12)
    sections = split_sections(article)
    assert len(sections) > 1
    assert sum(len(s.paragraphs) for s in sections) == 12
    for section in sections:
        assert section_seconds(section) <= MAX_SECONDS


def test_a_single_paragraph_over_the_maximum_stays_whole() -> None:
    article = _article("很长的一段文字，" * 200)
    sections = split_sections(article)
    assert len(sections) == 1 and len(sections[0].paragraphs) == 1


def test_headline_only_article_has_one_section_with_the_intro() -> None:
    sections = split_sections(_article(title="只有标题"))
    assert len(sections) == 1
    assert [p.text for p in sections[0].spoken()] == ["只有标题"]


def test_estimate_counts_characters_and_pauses() -> None:
    assert estimate_seconds("") == 0
    assert estimate_seconds("一二三四五六七八九") == pytest.approx(2.0)
    assert estimate_seconds("你好，世界。") > estimate_seconds("你好世界")
