"""OCR layouts that fooled the normalizer: each test is named after what it protects, and
each fixture must also normalize to itself again (render, then normalize) and lose nothing."""

from __future__ import annotations

from collections import Counter

import pytest

from reader.han import HAN_RE
from reader.normalize import article_to_json, normalize, render_text

# A column-wrapped body in the community article's style: no indents, about 17 characters.
BODY = """\
今年以来，我市把老旧小区改造作为
重要民生工程，聚焦群众急难愁盼，统筹
推进基础设施更新和公共服务配套，全年
计划改造小区120个，惠及居民3万余户。
为了把好事办好，社区干部家家户户
上门征求意见，方方面面的问题都记在本
子上。施工期间，工作人员兢兢业业，时
时放心不下，常常加班到深夜。
"""
HEADLINE = "老旧小区改造让居民住得更舒心"


def fields(text: str, *, removed: str = "") -> dict[str, object]:
    """The article's JSON fields; `removed` is what the normalizer rightly drops (a doubled
    line's second copy, a misread dash)."""
    article = normalize(text).article
    assert normalize(render_text(article)).article == article  # idempotent
    rendered = Counter(HAN_RE.findall(render_text(article)))
    assert rendered + Counter(HAN_RE.findall(removed)) == Counter(HAN_RE.findall(text))
    return article_to_json(article)


def test_a_headline_printed_after_the_body_is_the_headline_not_a_caption() -> None:
    data = fields(BODY + "\n" + HEADLINE + "\n")
    assert data["title"] == HEADLINE
    assert data["captions"] == []
    assert [str(p)[:6] for p in data["paragraphs"]] == ["今年以来，我", "为了把好事办"]  # type: ignore[attr-defined]


def test_a_doubled_line_after_the_body_is_a_caption_and_the_plain_one_the_headline() -> None:
    data = fields(BODY + "筑筑牢牢民民生生底底线线\n" + HEADLINE + "\n", removed="筑牢民生底线")
    assert data["title"] == HEADLINE
    assert data["captions"] == ["筑牢民生底线"]


def test_an_indented_short_block_after_the_body_stays_a_caption() -> None:
    data = fields("　　第一段说明了情况。\n　　第二段继续说明。\n　　照片说明在最后\n")
    assert data["title"] is None and data["captions"] == ["照片说明在最后"]


def test_paragraphs_without_indents_split_where_two_short_lines_follow() -> None:
    text = """\
读书会迎来二百多名市民
本报讯昨天上午，市图书馆举办迎春读书
会，二百多名市民参加了活动。现场气氛热
烈，市民们纷纷分享读书心得和体会。
市图书馆馆长李明表示，今年将举办更
多读书活动，让更多市民走进图书馆，享受
阅读带来的快乐，共同建设书香城市。
据了解，市图书馆今年还将新增图书两万
册，并延长周末开放时间，方便市民借阅。
"""
    # The first paragraph's last line and the next one are both a character short.
    for variant in (text, text.split("\n", 1)[1]):  # with and without the headline
        paragraphs = [str(p)[:5] for p in fields(variant)["paragraphs"]]  # type: ignore[attr-defined]
        assert paragraphs[:2] == ["本报讯昨天", "市图书馆馆"]


@pytest.mark.parametrize("dash", ["一一", "一—", "—一"])
def test_a_dash_misread_as_yiyi_beside_the_headline_is_the_subtitle(dash: str) -> None:
    data = fields(f"春节临近\n{dash}市场供应充足价格平稳\n\n" + BODY, removed=dash)
    assert data["title"] == "春节临近"
    assert data["subtitle"] == "市场供应充足价格平稳"


def test_yiyi_in_the_body_is_text() -> None:
    data = fields("春节临近\n一一核对商品价格，确保明码标价。\n")  # a sentence, not a subtitle
    assert data["subtitle"] is None
    assert data["paragraphs"] == ["一一核对商品价格，确保明码标价。"]


@pytest.mark.parametrize(
    ("opening", "byline", "paragraph"),
    [
        ("本报讯（记者 张三）春节临近，", "记者 张三", "本报讯春节临近，"),
        ("本报讯(记者张三 通讯员李四)春节临近，", "记者 张三 通讯员 李四", "本报讯春节临近，"),
        ("新华社北京3月5日电（记者 王五）春节临近，", "记者 王五", "新华社北京3月5日电春节临近，"),
    ],
)
def test_a_byline_inside_the_first_sentence_is_the_byline(
    opening: str, byline: str, paragraph: str
) -> None:
    data = fields(f"春节市场供应充足\n\n{opening}记者走访了全市各大超市。\n")
    assert data["byline"] == byline
    assert data["paragraphs"] == [paragraph + "记者走访了全市各大超市。"]


def test_a_photo_credit_in_brackets_is_not_taken_for_a_byline() -> None:
    data = fields("春节市场\n\n本报讯（本报记者 李明 摄）春节临近，记者走访了超市。\n")
    assert data["byline"] is None
