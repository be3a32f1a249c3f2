"""Rule group 4: layout roles, on a second (made-up) article and on single patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.normalize import article_to_json, load_article, normalize, render_text
from reader.normalize.patterns import Role, classify

COMMUNITY = Path(__file__).parent / "data" / "normalize" / "community_article.txt"


def test_community_article_roles() -> None:
    data = article_to_json(load_article(COMMUNITY))
    assert data["title"] == "老旧小区改造 居民住得更舒心"
    assert data["subtitle"] is None
    assert data["series"] is None
    assert data["byline"] == "本报记者 李明 通讯员 王芳"
    # the caption sat in the middle of a sentence; the sentence is whole again
    assert data["captions"] == ["工人在北关社区更换老化管网（本报记者 李明 摄）"]
    assert data["paragraphs"] == [
        "今年以来，我市把老旧小区改造作为重要民生工程，聚焦群众急难愁盼，"
        "统筹推进基础设施更新和公共服务配套，全年计划改造小区120个，惠及居民3万余户。",
        "走进城区北关社区，新铺的沥青路面平整宽敞，楼道里的声控灯亮了起来，"
        "墙面管线也规整了许多。“以前一下雨，院子里到处是积水，现在出门方便多了。”"
        "居民赵大爷笑着说。",
        "筑牢民生底线",  # a bold subhead, read doubled by OCR
        "为了把好事办好，社区干部家家户户上门征求意见，方方面面的问题都记在本子上。"
        "施工期间，工作人员兢兢业业，时时放心不下，常常加班到深夜。",
        "据了解，改造工作坚持“先地下、后地上”的原则，优先解决供水、供热、燃气等管网老化问题，"
        "同步增设充电桩、养老服务站和便民超市，让居民在家门口享受更多便利。",
        "市住建局相关负责人表示，一些难点问题还要再研究研究，下一步将建立长效管理机制，"
        "引导居民参与小区治理，确保改造成果管得好、用得久。",
    ]
    assert data["furniture"] == [
        "第3版要闻 2024年3月5日星期二",
        "（完）",
        "本版责编：张华 美编：刘洋",
    ]


def test_community_article_round_trips() -> None:
    article = load_article(COMMUNITY)
    text = render_text(article)
    assert text.splitlines()[:2] == ["老旧小区改造 居民住得更舒心", "本报记者 李明 通讯员 王芳"]
    assert normalize(text).article == article


@pytest.mark.parametrize(
    ("text", "role", "stored"),
    [
        (" ——我市持续加强风险防范", Role.SUBTITLE, "我市持续加强风险防范"),
        ("--我市持续加强风险防范", Role.SUBTITLE, "我市持续加强风险防范"),
        ("▲ 日常巡逻", Role.CAPTION, "日常巡逻"),
        ("图为民警在社区巡逻。", Role.CAPTION, "图为民警在社区巡逻。"),
        ("民警在社区巡逻 本报记者 李明 摄", Role.CAPTION, "民警在社区巡逻 本报记者 李明 摄"),
        ("（九）", Role.SERIES, "（九）"),
        ("(12)", Role.SERIES, "(12)"),
        ("（上）", Role.SERIES, "（上）"),
        ("本报记者 李明", Role.BYLINE, "本报记者 李明"),
        ("□ 本报记者 李明 通讯员 王芳", Role.BYLINE, "本报记者 李明 通讯员 王芳"),
        ("本报记者李明", Role.BYLINE, "本报记者李明"),
        ("（记者 张三）", Role.BYLINE, "（记者 张三）"),
        ("第3版", Role.FURNITURE, "第3版"),
        ("2024年3月5日 星期二", Role.FURNITURE, "2024年3月5日 星期二"),
        ("A3", Role.FURNITURE, "A3"),
        ("- 3 -", Role.FURNITURE, "- 3 -"),
        ("晋中日报", Role.FURNITURE, "晋中日报"),
        ("时政要闻", Role.FURNITURE, "时政要闻"),
        ("责任编辑：王五", Role.FURNITURE, "责任编辑：王五"),
    ],
)
def test_patterns(text: str, role: Role, stored: str) -> None:
    assert classify(text.strip()) == (role, stored)


@pytest.mark.parametrize(
    "text",
    [
        "记者节到来之际",
        "文明城市创建",
        "今天是星期二",
        "国家安全是民族复兴的根基，社",
        "以更实举措护航中国式现代化新征",
        "——",
        "进行拍摄",
    ],
)
def test_prose_is_not_a_pattern(text: str) -> None:
    assert classify(text) is None


def test_centred_subtitle_with_leading_spaces() -> None:
    article = normalize("标题\n      ——副题居中\n\n　　正文。\n").article
    assert article.subtitle is not None and article.subtitle.text == "副题居中"


def test_headline_at_top_with_furniture_and_byline() -> None:
    text = (
        "2024年3月5日 星期二\n"
        "老旧小区焕新颜\n"
        "□ 本报记者 李明\n"
        "今年以来，我市把老旧小区改造作为\n"
        "重要民生工程，统筹推进基础设施更新\n"
        "和公共服务配套，惠及居民三万余户。\n"
    )
    article = normalize(text).article
    assert article.title is not None and article.title.text == "老旧小区焕新颜"
    assert article.byline == "本报记者 李明"
    assert article.furniture == ("2024年3月5日星期二",)  # spaces between Chinese dropped
    assert len(article.paragraphs) == 1


def test_trailing_short_blocks_become_captions_subheads_stay_in_body() -> None:
    text = "\n".join(
        [
            "　　第一段说明了情况。",
            "　　小标题在中间",
            "　　第二段继续说明。",
            "　　照片说明在最后",
        ]
    )
    article = normalize(text).article
    assert [p.text for p in article.paragraphs] == [
        "第一段说明了情况。",
        "小标题在中间",
        "第二段继续说明。",
    ]
    assert [c.text for c in article.captions] == ["照片说明在最后"]


def test_second_dash_block_stays_in_the_body() -> None:
    article = normalize("标题\n——副题一\n\n　　正文。\n——摘自某报\n　　再一段。").article
    assert article.subtitle is not None and article.subtitle.text == "副题一"
    assert [p.text for p in article.paragraphs] == ["正文。", "——摘自某报", "再一段。"]
    assert normalize(render_text(article)).article == article


def test_sample_with_headline_on_top(sample_text: str) -> None:
    lines = sample_text.splitlines()
    head, body = lines[276:278], lines[:276]  # headline and subtitle, then the body
    article = normalize("\n".join([*head, "", *body, *lines[278:]])).article
    assert article.title is not None and article.title.text == "筑牢安全屏障 护航高质量发展"
    assert article.subtitle is not None
    assert len(article.paragraphs) == 8
    assert [c.text for c in article.captions] == ["日常巡逻维护和谐稳定"]


def test_headline_set_in_two_lines_on_top() -> None:
    text = "\n".join(
        [
            "筑牢安全屏障",
            "护航高质量发展",
            "今年以来，我市把老旧小区改造作为",
            "重要民生工程，聚焦群众急难愁盼，统筹",
            "推进基础设施更新和公共服务配套，全年",
            "计划改造小区一百二十个，惠及居民三万",
            "余户。",
        ]
    )
    article = normalize(text).article
    assert article.title is not None and article.title.text == "筑牢安全屏障 护航高质量发展"
    assert [p.text[:4] for p in article.paragraphs] == ["今年以来"]
    assert normalize(render_text(article)).article == article


def test_marked_caption_inside_a_paragraph_leaves_it_whole(sample_text: str) -> None:
    lines = sample_text.splitlines()
    middle = lines.index("中小金融机构风险，从严打击各类非")
    lines[middle:middle] = ["▲ 民警在社区巡逻 本报记者 李明 摄", ""]
    article = normalize("\n".join(lines)).article
    assert article.paragraphs == normalize(sample_text).article.paragraphs
    assert [c.text for c in article.captions] == [
        "民警在社区巡逻 本报记者 李明 摄",
        "日常巡逻维护和谐稳定",
    ]


def test_bylines_in_two_places_round_trip() -> None:
    text = "标题在此\n本报记者 李明\n\n　　正文第一段。\n\n　　正文第二段。\n（通讯员 王芳）\n"
    article = normalize(text).article
    assert article.byline == "本报记者 李明\u3000（通讯员 王芳）"
    assert render_text(article).splitlines()[1:3] == ["本报记者 李明", "（通讯员 王芳）"]
    assert normalize(render_text(article)).article == article
