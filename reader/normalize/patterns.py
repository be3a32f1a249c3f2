"""Rule group 4a: what a single line or block is by its own text.

Subtitles (led by ——), captions (▲, 图为, a photo credit), series markers (（九）), bylines
(本报记者…, 通讯员…) and page furniture (page numbers, dates, column names, editor credits)
are recognised here; the headline and the body are decided from their position (layout.py).
Also: a byline in brackets inside a paragraph's first sentence (本报讯（记者 张三）…), and
`一一` where OCR misread a subtitle's dash (only trusted beside the headline, in layout.py).
"""

from __future__ import annotations

import re
from enum import Enum

from reader.han import HAN, HAN_RE


class Role(Enum):
    SUBTITLE = "subtitle"
    CAPTION = "caption"
    SERIES = "series"
    BYLINE = "byline"
    FURNITURE = "furniture"


_NUM = "一二三四五六七八九十百零〇两"

_SUBTITLE = re.compile(r"^(?:——|――|──|－－|--|—―|―—|-—|—-)[—―─－\-\s]*(?P<rest>.*)$")
_CAPTION_MARK = re.compile(r"^[▲△▼▽►◆]+\s*(?P<rest>.*)$")
_CAPTION_LEAD = re.compile(r"^(?:图为|图[:：]|图片[:：]|[上下左右]图为?[:：]?|图\d+[:：]?)")
_PHOTO_CREDIT = re.compile(
    rf"(?:[（(](?:本报|新华社)?(?:记者|通讯员|摄影记者|特约记者|摄影)[^（）()]{{1,20}}"
    rf"(?:摄|摄影|供图)[）)]"
    rf"|(?:^|\s)(?:本报|新华社)?(?:记者|通讯员|摄影记者|特约记者)?\s*[{HAN}·]{{2,4}}"
    rf"(?:\s+[{HAN}·]{{2,4}})*\s+(?:摄|摄影|供图))$"
)
_SERIES = re.compile(
    rf"^(?:[（(〔【\[]\s*(?:[{_NUM}]+|\d{{1,3}}|[上中下]|之[{_NUM}]+)\s*[）)〕】\]]"
    rf"|(?:系列报道|系列评论|系列)?之[{_NUM}]+)$"
)
_BYLINE_KEY = (
    r"(?:(?:本报记者|本报通讯员|本报特约记者|本报评论员|特约记者|实习记者|见习记者|摄影记者"
    r"|记者|通讯员|实习生|评论员|撰稿)\s*[:：｜|/／]?"
    r"|(?:文/图|文／图|文|图|摄影)\s*[:：｜|/／])"
)
_BYLINE_NAMES = rf"\s*[{HAN}·]{{2,4}}(?:\s*[、 ]\s*[{HAN}·]{{2,4}})*"
_BYLINE = re.compile(rf"^(?:\s*{_BYLINE_KEY}{_BYLINE_NAMES})+$")
_BYLINE_IN_BRACKETS = re.compile(
    r"^[（(](?:本报)?(?:记者|通讯员|特约记者)[^（）()，。]{1,30}[）)]$"
)
_BYLINE_MARKS = re.compile(r"^[□■◎●○]+\s*")
_CLAUSE_PUNCT = re.compile("[，。；！？]")
# A dateline (本报讯, 新华社北京3月5日电) then a byline in brackets, opening the first sentence.
_LEADING_BYLINE = re.compile(
    r"^(?P<dateline>[^（()，。；！？]{0,24}?[讯电])?\s*"
    r"[（(](?P<byline>(?:本报|本刊|新华社)?(?:记者|通讯员|特约记者|实习记者|见习记者|实习生)"
    r"[^（）()，。；！？]{1,40}?)[）)]\s*(?P<rest>.+)$"
)
_NOT_A_BYLINE = re.compile(r"(?:摄|摄影|供图|报道)$")  # a photo credit, "(记者…报道)" is kept
_MISREAD_DASH = re.compile(rf"^(?:一一|一—|—一)\s*(?P<rest>[{HAN}“《].*)$")

_FURNITURE_LINE = re.compile(
    r"^(?:[-－—–~～]*\s*[A-Z]?\d{1,3}\s*[-－—–~～]*"  # a bare page number: 3, A3, - 3 -
    r"|[（(](?:完|全文完|终)[）)]"
    r"|(?:本版)?(?:责任编辑|责编|编辑|美编|美术编辑|校对|版式|版式设计|组版|审读|值班编辑)"
    r"\s*[:：\s].{1,60})$"
)
_FURNITURE_TOKENS = re.compile(
    rf"(?:第?[0-9{_NUM}A-Za-z]{{1,4}}版"
    rf"|第\d+期|总第\d+期"
    rf"|\d{{4}}年\d{{1,2}}月\d{{1,2}}日|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}"
    rf"|[〇零一二三四五六七八九]{{4}}年[一二三四五六七八九十]{{1,2}}月[一二三四五六七八九十]{{1,3}}日"
    rf"|(?:星期|礼拜|周)[一二三四五六日天]|农历[{HAN}]{{2,8}}"
    rf"|[{HAN}]{{0,6}}(?:要闻|新闻|综合|专版|专刊|副刊|周刊|时评|头版)"
    rf"|[{HAN}]{{2,6}}(?:日报|晚报|晨报|商报|时报|周报|都市报|法制报))+"
)
_SEPARATORS = re.compile(r"[\s｜|]+")

SHORT_BLOCK = 60  # characters; longer blocks are never a headline, caption or byline


def classify(text: str) -> tuple[Role, str] | None:
    """The role a line or block has by its text alone, and the text to store for it."""
    if not text:
        return None
    subtitle = _SUBTITLE.match(text)
    if subtitle and HAN_RE.search(subtitle.group("rest")):
        return Role.SUBTITLE, subtitle.group("rest").strip()
    marked = _CAPTION_MARK.match(text)
    if marked and marked.group("rest").strip():
        return Role.CAPTION, marked.group("rest").strip()
    if len(text) > SHORT_BLOCK * 2:
        return None
    if _CAPTION_LEAD.match(text) or _PHOTO_CREDIT.search(text):
        return Role.CAPTION, text
    if _SERIES.match(text):
        return Role.SERIES, text
    if is_furniture(text):
        return Role.FURNITURE, text
    byline = _BYLINE_MARKS.sub("", text)
    if (
        len(byline) <= SHORT_BLOCK
        and not _CLAUSE_PUNCT.search(byline)
        and (_BYLINE.match(byline) or _BYLINE_IN_BRACKETS.match(byline))
    ):
        return Role.BYLINE, byline
    return None


def split_leading_byline(text: str) -> tuple[str, str] | None:
    """(byline, paragraph without it) for 本报讯（记者 张三）春节临近… ; None otherwise."""
    match = _LEADING_BYLINE.match(text)
    if match is None:
        return None
    # The spaces OCR put around names went with the sentence's; a space after each title
    # gives the byline the form it has on a line of its own (记者 张三 通讯员 李四).
    spaced = re.sub(rf"\s*({_BYLINE_KEY})\s*", r" \1 ", match.group("byline"))
    byline = " ".join(spaced.split())
    if _NOT_A_BYLINE.search(byline) or classify(byline) != (Role.BYLINE, byline):
        return None
    dateline = match.group("dateline") or ""
    return byline, dateline.strip() + match.group("rest")


def misread_subtitle(text: str) -> str | None:
    """The subtitle's text when `text` opens with 一一 that OCR read for ——, else None."""
    match = _MISREAD_DASH.match(text)
    return match.group("rest").strip() if match else None


def is_furniture(text: str) -> bool:
    if _FURNITURE_LINE.match(text):
        return True
    # Page, date, weekday, column and paper names, in any order, spaced or not.
    return (
        len(text) <= SHORT_BLOCK
        and _FURNITURE_TOKENS.fullmatch(_SEPARATORS.sub("", text)) is not None
    )
