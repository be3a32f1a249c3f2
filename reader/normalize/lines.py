"""Rule group 2: line repair. Join column-wrapped lines into paragraphs from layout evidence.

The evidence, strongest first:
- a line recognised on its own (subtitle, caption, series, byline, furniture, a bold heading
  read doubled) stands alone and does not interrupt the flow around it: a caption printed
  in the middle of a sentence leaves the sentence whole;
- a headline line (see _mark_headings) is a paragraph of its own;
- an indented line (at least one em of leading space) starts a paragraph;
- more blank lines than usual between two lines end a paragraph;
- a line ending a sentence (。！？… ；) ends its paragraph when it is clearly shorter than the
  column, or, in papers that indent first lines, when the next line is shortened by the indent
  that OCR lost, or when the next line is just as short as it (two short lines in a row are
  not the middle of one paragraph, whose lines fill the column).
The column width is the median line width. Text whose lines are not of one width, or wider
than any column (one paragraph per line already), keeps each line as a paragraph.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from reader.normalize.changes import ChangeLog
from reader.normalize.characters import CJK, TERMINAL_RE, is_heading_like

INDENT_EM = 1.0  # leading space that marks a paragraph start
SHORT_END_EM = 2.0  # a sentence-ending line this much shorter than the column ends a paragraph
SHORT_END_INDENTED_EM = 3.0  # the same where first lines are indented (they are short too)
LOST_INDENT_EM = 1.0  # a next line this much shorter than the column lost its indent
MIN_WRAPPED_LINES = 3
MAX_HEADLINE_LINES = 3
MAX_COLUMN_EM = 50.0  # wider "columns" are paragraphs, one per line
REGULAR_SHARE = 0.5  # share of lines near the column width for text to count as wrapped
_LATIN_END = re.compile("[A-Za-z]$")
_LATIN_START = re.compile("[A-Za-z]")
_PHRASE_GAP = re.compile(f"[{CJK}] [{CJK}]")


@dataclass
class Line:
    number: int  # 1-based line number in the input
    text: str  # after the character and duplication rules
    indent: float  # leading white space, em
    gap: int  # blank lines between this line and the previous non-blank one
    width: float  # display width, em
    standalone: bool = False  # recognised on its own: never joined to a neighbour
    heading: bool = False  # a headline or subhead in the flow: a paragraph of its own


@dataclass
class Block:
    lines: list[Line]
    text: str
    heading: bool = False  # a headline line found in the flow

    @property
    def number(self) -> int:
        return self.lines[0].number


def _joined(group: list[Line], log: ChangeLog) -> Block:
    """One block from its lines: Chinese lines join directly; two Latin words keep a space."""
    parts = [group[0].text]
    for previous, line in itertools.pairwise(group):
        space = _LATIN_END.search(previous.text) and _LATIN_START.match(line.text)
        parts.append(f" {line.text}" if space else line.text)
        seam = "".join(parts[-2:])
        cut = len(parts[-2])
        log.add(
            "join-lines",
            line.number,
            f"{previous.text[-8:]}⏎{line.text[:8]}",
            seam[max(0, cut - 8) : cut + 8],
        )
    return Block(group, "".join(parts), group[0].heading)


def _is_wrapped(flow: list[Line], column: float) -> bool:
    if len(flow) < MIN_WRAPPED_LINES or not 0 < column <= MAX_COLUMN_EM:
        return False
    tolerance = max(2.0, 0.15 * column)
    regular = sum(1 for line in flow if abs(line.width - column) <= tolerance)
    return regular >= REGULAR_SHARE * len(flow)


def _usual_gap(flow: list[Line], lines: list[Line]) -> tuple[dict[int, int | None], int]:
    """Blank lines before each flow line (None across a standalone line) and the usual count."""
    position = {id(line): index for index, line in enumerate(lines)}
    gaps: dict[int, int | None] = {}
    for previous, line in itertools.pairwise(flow):
        between = position[id(line)] - position[id(previous)]
        gaps[line.number] = line.gap if between == 1 else None
    counted = Counter(gap for gap in gaps.values() if gap is not None)
    usual = min(counted, key=lambda gap: (-counted[gap], gap)) if counted else 0
    return gaps, usual


def _breaks(flow: list[Line], lines: list[Line]) -> list[bool]:
    """For each pair of neighbouring flow lines, whether a paragraph ends between them."""
    column = statistics.median(line.width for line in flow) if flow else 0.0
    if not _is_wrapped(flow, column):
        return [True] * (len(flow) - 1)
    _mark_headings(flow, column)
    gaps, usual_gap = _usual_gap(flow, lines)
    ends = [TERMINAL_RE.search(line.text) is not None for line in flow]
    slack = [column - line.width for line in flow]
    # Do first lines come short (an indent OCR lost)? Look after the clearest paragraph ends.
    starts = [slack[0]] + [slack[i + 1] for i in range(len(flow) - 1) if ends[i] and slack[i] >= 3]
    indent = statistics.median(starts)
    indented_paper = indent >= LOST_INDENT_EM
    short_end = SHORT_END_INDENTED_EM if indented_paper else SHORT_END_EM
    # A next line short by about the indent lost it; a much shorter one that ends a
    # sentence is more likely the last line of the same paragraph.
    widest_indent = max(indent, 2.0) + 1.5

    def lost_indent(j: int) -> bool:
        return (
            indented_paper
            and slack[j] >= LOST_INDENT_EM
            and (slack[j] <= widest_indent or not ends[j])
        )

    def equally_short(i: int) -> bool:
        return min(slack[i], slack[i + 1]) >= 1.0 and abs(slack[i] - slack[i + 1]) <= 0.5

    result = []
    for i in range(len(flow) - 1):
        gap = gaps[flow[i + 1].number]
        result.append(
            (gap is not None and gap > usual_gap)
            or flow[i].heading
            or flow[i + 1].heading
            or flow[i + 1].indent >= INDENT_EM
            or (ends[i] and (slack[i] >= short_end or lost_indent(i + 1) or equally_short(i)))
        )
    return result


def _mark_headings(flow: list[Line], column: float) -> None:
    """Headlines in the flow are paragraphs of their own.

    A heading-like line (no clause punctuation, no sentence end) is one when it keeps a
    phrase space (筑牢安全屏障 护航高质量发展) after a sentence end or another heading, or
    when it opens the text (or follows a heading there) and is wider than the column or
    shorter than a first line with a lost indent: a headline set in two lines.
    """
    for i, line in enumerate(flow):
        if line.indent >= INDENT_EM or not is_heading_like(line.text):
            continue  # an indented line opens a paragraph
        if TERMINAL_RE.search(line.text):
            continue
        previous = flow[i - 1] if i else None
        at_top = previous is None or (previous.heading and i < MAX_HEADLINE_LINES)
        after_end = (
            previous is None or previous.heading or TERMINAL_RE.search(previous.text) is not None
        )
        phrase_gap = _PHRASE_GAP.search(line.text) is not None
        odd_width = line.width > column + 1.5 or line.width < column - 2.5
        line.heading = (after_end and phrase_gap) or (at_top and odd_width)


def join_lines(lines: list[Line], log: ChangeLog) -> list[Block]:
    """Group lines into blocks in input order; standalone lines are blocks of their own."""
    flow = [line for line in lines if not line.standalone]
    blocks = [Block([line], line.text) for line in lines if line.standalone]
    if flow:
        groups = [[flow[0]]]
        for line, ends in zip(flow[1:], _breaks(flow, lines), strict=True):
            if ends:
                groups.append([line])
            else:
                groups[-1].append(line)
        blocks.extend(_joined(group, log) for group in groups)
    blocks.sort(key=lambda block: block.number)
    return blocks
