"""Rule group 4b: layout roles of the repaired blocks, and the Article they make.

- The subtitle is the first dash-led block; later dash-led blocks are body text.
- The headline is the block just before the subtitle (blocks with their own role in between
  are skipped) or, without a subtitle, the first block; either way only when it is short and
  does not end with 。；，、：. Every article has one: when neither is, the best short block
  before or after the body is (a headline printed after the body), one OCR did not read
  doubled (a doubled line is more likely a bold caption or subhead).
- A block opening with 一一 right after the headline is the subtitle, its dash misread.
- The body runs up to its last block that ends a sentence (or is long); short blocks after
  that (in the sample: the caption after headline and subtitle) are captions.
- Series marker, byline and furniture are found by their text wherever they sit, and a
  byline in brackets opening the first sentence (本报讯（记者 张三）…) is taken out of it.
Every block lands in exactly one field, so no text is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.model import Article, Paragraph
from reader.normalize.changes import ChangeLog
from reader.normalize.characters import (
    HAN_WORD_END,
    HAN_WORD_START,
    TERMINAL_RE,
    clean_characters,
    display_width,
    is_heading_like,
)
from reader.normalize.duplicates import repair_duplicates
from reader.normalize.lines import INDENT_EM, Block
from reader.normalize.patterns import (
    SHORT_BLOCK,
    Role,
    classify,
    misread_subtitle,
    split_leading_byline,
)

BYLINE_SEPARATOR = "\u3000"  # between bylines found on different lines
_NOT_HEADLINE_END = tuple("。；，、：,;:")
MAX_HEADLINE_PARTS = 3


@dataclass
class _Placed:
    line: int
    text: str
    role: Role | None
    heading: bool = False  # a headline line found in the flow (maybe one of several)
    dashless: str = ""  # a subtitle's text without its dash (the text keeps it if demoted)
    doubled: bool = False  # a line OCR read doubled (bold): a caption or subhead, likely
    indented: bool = False  # opens with a paragraph indent: body text, never a headline


def is_headline_like(text: str) -> bool:
    return display_width(text) <= SHORT_BLOCK and not text.endswith(_NOT_HEADLINE_END)


def is_body_like(text: str) -> bool:
    return TERMINAL_RE.search(text) is not None or display_width(text) > SHORT_BLOCK


def _place(blocks: list[Block], log: ChangeLog) -> list[_Placed]:
    placed = []
    for block in blocks:
        text = clean_characters(block.text, block.number, log)
        text, _ = repair_duplicates(text, block.number, log)
        if not text:
            continue
        found = classify(text)
        if found is None:
            # A lone standalone line with no role of its own was a doubled (bold) line.
            doubled = len(block.lines) == 1 and block.lines[0].standalone
            indented = block.lines[0].indent >= INDENT_EM
            placed.append(
                _Placed(block.number, text, None, block.heading, doubled=doubled, indented=indented)
            )
        else:
            role, stored = found
            if role is Role.SUBTITLE:
                placed.append(_Placed(block.number, text, role, dashless=stored))
            else:
                placed.append(_Placed(block.number, stored, role))
    return placed


def _pick_headline(placed: list[_Placed], subtitle_at: int | None) -> list[int]:
    """Indices of the headline's blocks (a headline may be set in several lines)."""
    if subtitle_at is None:
        first = next((i for i, item in enumerate(placed) if item.role is None), None)
        step = 1
    else:
        first = next((i for i in range(subtitle_at - 1, -1, -1) if placed[i].role is None), None)
        step = -1
    if first is None:
        return []
    # Blocks with no role here were classified as nothing in _place: the only blocks whose
    # role was taken away later are dash-led ones after the subtitle, never searched.
    if not is_headline_like(placed[first].text):
        return []
    parts = [first]
    following = first + step
    while (
        len(parts) < MAX_HEADLINE_PARTS
        and 0 <= following < len(placed)
        and placed[following].role is None
        and placed[following].heading
        and _headline_part(placed[following].text)
    ):
        parts.append(following)
        following += step
    parts.sort()
    joined = _join_headline([placed[i].text for i in parts])
    if len(parts) > 1 and not (
        is_headline_like(joined)
        and classify(joined) is None
        and repair_duplicates(joined, 0, ChangeLog())[0] == joined  # not read as doubled
    ):
        return [first]  # the lines together would not read as a headline
    return parts


def _best_candidate(placed: list[_Placed]) -> list[int]:
    """With no headline in its usual place: the best short block before or after the body
    (never an indented one: that opens a paragraph)."""
    body = [i for i, item in enumerate(placed) if item.role is None and is_body_like(item.text)]
    if not body:
        return []
    candidates = [
        i
        for i, item in enumerate(placed)
        if item.role is None
        and (i < body[0] or i > body[-1])
        and not item.indented
        and is_headline_like(item.text)
        and not is_body_like(item.text)
    ]

    def score(i: int) -> tuple[bool, bool, float]:
        text = placed[i].text
        phrase_space = " " in text  # 筑牢安全屏障 护航高质量发展: a headline's phrase space
        return placed[i].doubled, not phrase_space, -display_width(text)

    return [min(candidates, key=score)] if candidates else []


def _repair_misread_dash(placed: list[_Placed], log: ChangeLog) -> None:
    """一一 opening the block right after the headline is a subtitle's —— misread by OCR."""
    if any(item.role is Role.SUBTITLE for item in placed):
        return
    plain = [i for i, item in enumerate(placed) if item.role is None]
    if len(plain) < 2 or not is_headline_like(placed[plain[0]].text):
        return
    item = placed[plain[1]]
    rest = misread_subtitle(item.text)
    if rest is not None and is_headline_like(item.text) and HAN_WORD_START.match(rest):
        log.add("dash", item.line, item.text, "——" + rest)
        item.role, item.dashless = Role.SUBTITLE, rest


def _headline_part(text: str) -> bool:
    # Only `heading` blocks are asked, and _place found those to have no role.
    return is_headline_like(text) and is_heading_like(text)


def _join_headline(parts: list[str]) -> str:
    """Headline lines join with a phrase space where both sides are Chinese words."""
    text = parts[0]
    for part in parts[1:]:
        words = HAN_WORD_END.search(text) and HAN_WORD_START.match(part)
        text = f"{text} {part}" if words else text + part
    return clean_characters(text, 0, ChangeLog())


def build_article(blocks: list[Block], log: ChangeLog) -> Article:
    placed = _place(blocks, log)
    _repair_misread_dash(placed, log)
    subtitle_at = next((i for i, p in enumerate(placed) if p.role is Role.SUBTITLE), None)
    subtitle = None
    for i, item in enumerate(placed):
        if item.role is Role.SUBTITLE:
            if i == subtitle_at:
                subtitle = item.dashless
            else:
                item.role = None  # a later dash-led block is body text, dash and all
    headline_parts = _pick_headline(placed, subtitle_at) or _best_candidate(placed)

    series: str | None = None
    bylines: list[str] = []
    captions: list[tuple[int, str]] = []
    furniture: list[str] = []
    body: list[_Placed] = []
    title = _join_headline([placed[i].text for i in headline_parts]) if headline_parts else None
    for i, item in enumerate(placed):
        if i in headline_parts:
            log.add("layout", item.line, item.text, f"[headline] {title}")
        elif i == subtitle_at:
            log.add("layout", item.line, item.text, f"[subtitle] {subtitle}")
        elif item.role is Role.SERIES and series is None:
            series = item.text
            log.add("layout", item.line, item.text, f"[series] {series}")
        elif item.role in (Role.SERIES, Role.FURNITURE):
            furniture.append(item.text)
            log.add("layout", item.line, item.text, f"[furniture] {item.text}")
        elif item.role is Role.BYLINE:
            bylines.append(item.text)
            log.add("layout", item.line, item.text, f"[byline] {item.text}")
        elif item.role is Role.CAPTION:
            captions.append((item.line, item.text))
            log.add("layout", item.line, item.text, f"[caption] {item.text}")
        else:
            body.append(item)
    # Short blocks after the last sentence of the body are captions (the sample's is).
    last_body = max((i for i, item in enumerate(body) if is_body_like(item.text)), default=None)
    if last_body is not None:
        for item in body[last_body + 1 :]:
            captions.append((item.line, item.text))
            log.add("layout", item.line, item.text, f"[caption] {item.text}")
        body = body[: last_body + 1]
    if body:
        split = split_leading_byline(body[0].text)
        if split is not None:
            byline, rest = split
            log.add("layout", body[0].line, body[0].text, f"[byline] {byline} | {rest[:12]}")
            bylines.append(byline)
            body[0].text = rest
    captions.sort()
    return Article(
        title=Paragraph.from_text(title) if title else None,
        subtitle=Paragraph.from_text(subtitle) if subtitle else None,
        series=series,
        byline=BYLINE_SEPARATOR.join(bylines) or None,
        captions=tuple(Paragraph.from_text(text) for _, text in captions),
        paragraphs=tuple(Paragraph.from_text(item.text) for item in body),
        furniture=tuple(furniture),
    )
