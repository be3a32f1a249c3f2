"""Rule group 4b: layout roles of the repaired blocks, and the Article they make.

- The subtitle is the first dash-led block; later dash-led blocks are body text.
- The headline is the block just before the subtitle (blocks with their own role in between
  are skipped) or, without a subtitle, the first block; either way only when it is short and
  does not end with 。；，、：.
- The body runs up to its last block that ends a sentence (or is long); short blocks after
  that (in the sample: the caption after headline and subtitle) are captions.
- Series marker, byline and furniture are found by their text wherever they sit.
Every block lands in exactly one field, so no text is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.model import Article, Paragraph
from reader.normalize.changes import ChangeLog
from reader.normalize.characters import TERMINAL_RE, clean_characters, display_width
from reader.normalize.duplicates import repair_duplicates
from reader.normalize.lines import Block
from reader.normalize.patterns import SHORT_BLOCK, Role, classify

BYLINE_SEPARATOR = "\u3000"  # between bylines found on different lines
_NOT_HEADLINE_END = tuple("。；，、：,;:")


@dataclass
class _Placed:
    line: int
    text: str
    role: Role | None


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
        found = classify(text, block.indented)
        if found is None:
            placed.append(_Placed(block.number, text, None))
        else:
            role, stored = found
            placed.append(
                _Placed(block.number, stored if role is not Role.SUBTITLE else text, role)
            )
    return placed


def _strip_dash(text: str) -> str:
    found = classify(text)
    return found[1] if found is not None else text


def _pick_headline(placed: list[_Placed], subtitle_at: int | None) -> int | None:
    if subtitle_at is None:
        candidates = [i for i, item in enumerate(placed) if item.role is None]
        first = candidates[0] if candidates else None
    else:
        first = None
        for i in range(subtitle_at - 1, -1, -1):
            if placed[i].role is None:
                first = i
                break
            if placed[i].role is Role.CAPTION:
                break
    if first is None:
        return None
    text = placed[first].text
    if is_headline_like(text) and classify(text) is None:
        return first
    return None


def build_article(blocks: list[Block], log: ChangeLog) -> Article:
    placed = _place(blocks, log)
    subtitle_at = next((i for i, p in enumerate(placed) if p.role is Role.SUBTITLE), None)
    subtitle = None
    for i, item in enumerate(placed):
        if item.role is Role.SUBTITLE:
            if i == subtitle_at:
                subtitle = _strip_dash(item.text)
            else:
                item.role = None  # a later dash-led block is body text, dash and all
    headline_at = _pick_headline(placed, subtitle_at)

    series: str | None = None
    bylines: list[str] = []
    captions: list[tuple[int, str]] = []
    furniture: list[str] = []
    body: list[_Placed] = []
    for i, item in enumerate(placed):
        if i in (subtitle_at, headline_at):
            continue
        if item.role is Role.SERIES and series is None:
            series = item.text
        elif item.role in (Role.SERIES, Role.FURNITURE):
            furniture.append(item.text)
        elif item.role is Role.BYLINE:
            bylines.append(item.text)
        elif item.role is Role.CAPTION:
            captions.append((item.line, item.text))
        else:
            body.append(item)
    last_body = max((i for i, item in enumerate(body) if is_body_like(item.text)), default=None)
    if last_body is not None:
        captions.extend((item.line, item.text) for item in body[last_body + 1 :])
        body = body[: last_body + 1]
    captions.sort()

    title = placed[headline_at].text if headline_at is not None else None
    for role, line, text in (
        ("headline", placed[headline_at].line if headline_at is not None else 0, title),
        ("subtitle", placed[subtitle_at].line if subtitle_at is not None else 0, subtitle),
    ):
        if text is not None:
            log.add("layout", line, text, f"[{role}] {text}")
    for line, text in captions:
        log.add("layout", line, text, f"[caption] {text}")
    return Article(
        title=Paragraph.from_text(title) if title else None,
        subtitle=Paragraph.from_text(subtitle) if subtitle else None,
        series=series,
        byline=BYLINE_SEPARATOR.join(bylines) or None,
        captions=tuple(Paragraph.from_text(text) for _, text in captions),
        paragraphs=tuple(Paragraph.from_text(item.text) for item in body),
        furniture=tuple(furniture),
    )
