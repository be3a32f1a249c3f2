"""Split an article into sections: the parts that become one MP3 and one h2 each.

Section 0 is the opening: headline and subtitle (spoken, shown elsewhere) plus the paragraphs
before the body starts. The body is cut where the text changes part: a new speaker or office
(“……”市应急管理局局长张宝忠表示), an enumeration opening a paragraph (一、 / 第二，), or the text
leaving a quoted speaker. Then sections are merged or split at paragraph boundaries to stay
between MIN_SECONDS and MAX_SECONDS of estimated speech. Captions are never read in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.han import HAN, HAN_RE
from reader.model import Article, Paragraph, Section

CHARS_PER_SECOND = 4.5  # Mandarin newsreading pace in Han characters (≈ 270 per minute)
MIN_SECONDS = 20.0
MAX_SECONDS = 180.0
TITLE_MAX_CHARS = 16

_DIGIT_OR_LATIN = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]")
_SHORT_PAUSE = re.compile(r"[，,、；;：:]")
_LONG_PAUSE = re.compile(r"[。！？!?…]+")

# A speech verb ends the attribution clause: 孙慧姣表示，/ 他说：/ 局长指出“
_SPEECH_VERB = re.compile(r"(表示|指出|介绍|强调|认为|透露|坦言|说)(?=[，,：:“\"])")
# The attribution clause starts after the last punctuation before the verb (not 、, which
# joins titles: 党委书记、局长).
_CLAUSE_BREAK = re.compile(r"[，,。！？!?；;：:“”\"（）()《》]")
_ORG_SUFFIX = (
    "委员会|办公室|管理局|党工委|中心|公司|集团|协会|学校|大学|医院|银行|机关|部门"
    "|局|厅|委|办|院|所|科|处|部|站|队|署|会"
)
_JOB_TITLE = (
    "党委|党组|党工委|副|正|局长|厅长|处长|科长|主任|书记|院长|所长|站长|队长|部长|经理"
    "|董事长|总经理|主席|委员|负责人|相关负责人|有关负责人|干部|工作人员|民警|专家|发言人"
)
_ORG_THEN_TITLE = re.compile(rf"^(\S+?(?:{_ORG_SUFFIX}))(?=(?:{_JOB_TITLE})|[{HAN}]{{2,3}}$)")
_PRONOUN_SPEAKER = re.compile(r"^(他|她|其|他们|她们|该负责人|该局|对方)")
_CONTINUATION = re.compile(r"^(他|她|其|该|同时|此外|另外|并且|而且|据介绍|据了解|对此)")
_ENUMERATION = re.compile(
    r"^(?:[一二三四五六七八九十]+[、是]|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+[，,、]"
    r"|[0-9]+[、.．]|首先|其次|最后)"
)
_OPENING_QUOTE = ("“", "‘", "「", "『", '"')


def estimate_seconds(text: str) -> float:
    """Speech length of `text` before synthesis: Han characters at CHARS_PER_SECOND (digits
    and Latin letters cost about a character each when read out), plus the pauses that
    punctuation makes."""
    spoken = len(HAN_RE.findall(text)) + len(_DIGIT_OR_LATIN.findall(text))
    pauses = len(_SHORT_PAUSE.findall(text)) * 0.25 + len(_LONG_PAUSE.findall(text)) * 0.5
    return spoken / CHARS_PER_SECOND + pauses


@dataclass(frozen=True)
class _Attribution:
    speaker: str | None  # the office (市应急管理局) or, without one, the whole clause
    office: str | None
    pronoun: bool  # 他/她表示: the same speaker as before


def attribution(text: str) -> _Attribution:
    """Who speaks in a paragraph: the first “X表示/说/指出” clause, with its office if any."""
    for verb in _SPEECH_VERB.finditer(text):
        before = text[: verb.start()]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        clause = before[breaks[-1].end() :] if breaks else before
        clause = clause.strip()
        if not clause or len(clause) > 30:
            continue
        if _PRONOUN_SPEAKER.match(clause):
            return _Attribution(speaker=None, office=None, pronoun=True)
        office_match = _ORG_THEN_TITLE.match(clause)
        office = office_match.group(1) if office_match else None
        return _Attribution(speaker=office or clause, office=office, pronoun=False)
    return _Attribution(speaker=None, office=None, pronoun=False)


def lead_phrase(text: str) -> str:
    """The first clause of a paragraph without quotes, capped: a title taken from the text."""
    stripped = text.strip().lstrip("“‘「『\"'（(")
    clause = re.split(r"[，,。！？!?；;：:”’」』\"（）()]", stripped, maxsplit=1)[0].strip()
    if len(clause) > TITLE_MAX_CHARS:
        clause = clause[:TITLE_MAX_CHARS] + "…"
    return clause or stripped[:TITLE_MAX_CHARS]


@dataclass
class _Part:
    title: str
    paragraphs: list[Paragraph]
    speaker: str | None
    seconds: float


def _starts_new_part(paragraph: Paragraph, who: _Attribution, current: _Part, first: bool) -> bool:
    text = paragraph.text.lstrip()
    if _ENUMERATION.match(text):
        return True
    if who.pronoun:
        return False
    if who.speaker is not None:
        return who.speaker != current.speaker
    if first:  # still in the opening: only a quote that opens the body starts a part
        return False
    if current.speaker is None:
        return False
    # The text leaves the quoted speaker, unless it continues the quote or refers back.
    return not (text.startswith(_OPENING_QUOTE) or _CONTINUATION.match(text))


def _title_for(paragraph: Paragraph, who: _Attribution) -> str:
    if who.office is not None:
        return who.office
    return lead_phrase(paragraph.text)


def _detect_parts(article: Article) -> list[_Part]:
    intro_seconds = sum(
        estimate_seconds(block.text) for block in (article.title, article.subtitle) if block
    )
    headline = article.title.text.strip() if article.title else ""
    opening = _Part(title=headline, paragraphs=[], speaker=None, seconds=intro_seconds)
    parts = [opening]
    for paragraph in article.paragraphs:
        who = attribution(paragraph.text)
        current = parts[-1]
        in_opening = current is opening
        if current.paragraphs and _starts_new_part(paragraph, who, current, in_opening):
            parts.append(_Part(_title_for(paragraph, who), [], who.speaker, 0.0))
            current = parts[-1]
        elif current.speaker is None and who.speaker is not None and not in_opening:
            current.speaker = who.speaker
        current.paragraphs.append(paragraph)
        current.seconds += estimate_seconds(paragraph.text)
    # The page shows the headline as h1 right above section 0: title the opening by its own
    # first phrase rather than repeat the headline.
    if opening.paragraphs:
        opening.title = lead_phrase(opening.paragraphs[0].text)
    elif not opening.title:
        first = next((part.paragraphs[0] for part in parts if part.paragraphs), None)
        opening.title = lead_phrase(first.text) if first else "正文"
    return parts


def _split_long(part: _Part) -> list[_Part]:
    """Cut a part over MAX_SECONDS into near-equal runs of whole paragraphs."""
    if part.seconds <= MAX_SECONDS or len(part.paragraphs) < 2:
        return [part]
    pieces = min(len(part.paragraphs), int(part.seconds // MAX_SECONDS) + 1)
    target = part.seconds / pieces
    runs: list[_Part] = []
    run: list[Paragraph] = []
    run_seconds = 0.0
    for paragraph in part.paragraphs:
        seconds = estimate_seconds(paragraph.text)
        if run and run_seconds + seconds / 2 > target and len(runs) < pieces - 1:
            runs.append(_Part("", run, part.speaker, run_seconds))
            run, run_seconds = [], 0.0
        run.append(paragraph)
        run_seconds += seconds
    runs.append(_Part("", run, part.speaker, run_seconds))
    runs[0].title = part.title
    for later in runs[1:]:
        later.title = lead_phrase(later.paragraphs[0].text)
    return runs


def _merge_short(parts: list[_Part]) -> list[_Part]:
    """Fold a part under MIN_SECONDS into its neighbour when the result stays under the max.
    The opening keeps its title; a short part after it joins the one before."""
    merged: list[_Part] = []
    for part in parts:
        opening_short = len(merged) == 1 and merged[0].seconds < MIN_SECONDS
        if (
            merged
            and (part.seconds < MIN_SECONDS or opening_short)
            and merged[-1].seconds + part.seconds <= MAX_SECONDS
        ):
            merged[-1].paragraphs.extend(part.paragraphs)
            merged[-1].seconds += part.seconds
            continue
        merged.append(part)
    return merged


def split_sections(article: Article) -> tuple[Section, ...]:
    """The article's sections in reading order; section 0 carries headline + subtitle as intro."""
    parts: list[_Part] = []
    for part in _detect_parts(article):
        parts.extend(_split_long(part))
    parts = _merge_short(parts)
    intro: tuple[Paragraph, ...] = tuple(
        block for block in (article.title, article.subtitle) if block is not None
    )
    sections: list[Section] = []
    for index, part in enumerate(parts):
        if index > 0 and not part.paragraphs:
            continue
        sections.append(
            Section(
                index=len(sections),
                title=part.title,
                paragraphs=tuple(part.paragraphs),
                intro=intro if index == 0 else (),
            )
        )
    return tuple(sections)


def section_seconds(section: Section) -> float:
    """Estimated speech length of a section (intro included)."""
    return sum(estimate_seconds(paragraph.text) for paragraph in section.spoken())
