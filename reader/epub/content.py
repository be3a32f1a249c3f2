"""An article as an EPUB content document (XHTML) and its media overlay (SMIL 3).

Every spoken sentence is a `<span>` with an id, and the overlay has one `<par>` per sentence:
its `<text>` points at that span, its `<audio>` at the section's MP3 from the sentence's cue
start to its cue end. Hard terms carry `<ruby>` pinyin as on the page; captions sit in an
`<aside>` after the read text and are not in the overlay.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reader.epub.markup import (
    EPUB_NS,
    LANGUAGE,
    SMIL_NS,
    STYLESHEET,
    XHTML_NS,
    XML_DECLARATION,
    attr,
    clock,
    milliseconds,
    text,
)
from reader.errors import ReaderError
from reader.model import Article, Cue, Paragraph, SectionAudio, Sentence, Syllable

CONTENT_NAME = "article.xhtml"
OVERLAY_NAME = "article.smil"


@dataclass(frozen=True)
class Clip:
    """One sentence of the overlay: the span it highlights and the audio that reads it."""

    sentence_id: str
    audio: str  # the section MP3, relative to the content document
    begin_ms: int
    end_ms: int


@dataclass(frozen=True)
class NavPoint:
    title: str
    href: str  # relative to the content document
    children: tuple[NavPoint, ...] = ()


@dataclass(frozen=True)
class ArticleDocument:
    xhtml: str
    clips: tuple[Clip, ...]
    nav: NavPoint  # the headline, with one child per section

    @property
    def duration_ms(self) -> int:
        """The overlay's length: the sum of its clips."""
        return sum(clip.end_ms - clip.begin_ms for clip in self.clips)


def _ruby(syllables: Sequence[Syllable]) -> str:
    """Ruby pinyin over the hard syllables, one `<ruby>` per character (as on the page)."""
    parts = []
    for syllable in syllables:
        if syllable.hard and syllable.pinyin is not None:
            parts.append(
                f"<ruby>{text(syllable.text)}<rp>(</rp><rt>{text(syllable.pinyin)}</rt>"
                "<rp>)</rp></ruby>"
            )
        else:
            parts.append(text(syllable.text))
    return "".join(parts)


def _sentence_inner(sentence: Sentence) -> str:
    return _ruby(sentence.syllables) if sentence.syllables else text(sentence.text)


class _Builder:
    """Walks the sections in spoken order, numbering sentences and collecting clips."""

    def __init__(self, sections: Sequence[SectionAudio]) -> None:
        self.sections = sections
        self.clips: list[Clip] = []

    def timed(self, paragraph: Paragraph, position: int, audio: SectionAudio, first: int) -> str:
        spans = []
        for offset, sentence in enumerate(paragraph.sentences):
            number = first + offset
            cue: Cue = audio.cues[number]
            ident = f"s{position}-{number}"
            begin = milliseconds(cue.start)
            # A cue of no length would make clipBegin equal clipEnd, which EPUB forbids.
            end = max(milliseconds(cue.end), begin + 1)
            self.clips.append(Clip(ident, audio.file, begin, end))
            spans.append(f'<span id="{ident}">{_sentence_inner(sentence)}</span>')
        return "".join(spans)


def _plain(paragraph: Paragraph) -> str:
    return "".join(f"<span>{_sentence_inner(s)}</span>" for s in paragraph.sentences)


def _check_cues(audio: SectionAudio) -> None:
    expected = sum(len(paragraph.sentences) for paragraph in audio.section.spoken())
    if expected != len(audio.cues):
        raise ReaderError(
            f"section {audio.section.index} ({audio.section.title}): "
            f"{len(audio.cues)} cues for {expected} sentences"
        )


def article_document(
    article: Article, sections: Sequence[SectionAudio], *, dateline: str | None = None
) -> ArticleDocument:
    """The XHTML of the article (headline h1, a section per h2) and its overlay's clips."""
    builder = _Builder(sections)
    title_text = article.title.text.strip() if article.title is not None else "无标题"
    header: dict[str, str] = {}  # headline / subtitle markup, timed when spoken in the intro
    bodies: list[list[str]] = []
    for position, audio in enumerate(sections):
        _check_cues(audio)
        cursor = 0
        body: list[str] = []
        for index, paragraph in enumerate(audio.section.spoken()):
            inner = builder.timed(paragraph, position, audio, cursor)
            cursor += len(paragraph.sentences)
            intro = index < len(audio.section.intro)
            if intro and paragraph == article.title and "title" not in header:
                header["title"] = inner
            elif intro and paragraph == article.subtitle and "subtitle" not in header:
                header["subtitle"] = inner
            else:
                body.append(f"<p>{inner}</p>")
        bodies.append(body)
    if "title" not in header:
        header["title"] = _plain(article.title) if article.title else text(title_text)
    if "subtitle" not in header and article.subtitle is not None:
        header["subtitle"] = _plain(article.subtitle)

    lines = [
        XML_DECLARATION,
        "<!DOCTYPE html>",
        f'<html xmlns="{XHTML_NS}" xmlns:epub="{EPUB_NS}" lang="{LANGUAGE}" xml:lang="{LANGUAGE}">',
        "<head>",
        '<meta charset="utf-8"/>',
        f"<title>{text(title_text)}</title>",
        f'<link rel="stylesheet" type="text/css" href="../{STYLESHEET}"/>',
        "</head>",
        "<body>",
        '<header id="masthead">',
    ]
    if article.series:
        lines.append(f'<p class="series">系列报道{text(article.series)}</p>')
    lines.append(f'<h1 id="headline">{header["title"]}</h1>')
    if "subtitle" in header:
        lines.append(f'<p class="subtitle">{header["subtitle"]}</p>')
    if article.byline:
        lines.append(f'<p class="byline">{text(article.byline)}</p>')
    if dateline:
        lines.append(f'<p class="dateline">{text(dateline)}</p>')
    lines.append("</header>")
    nav_children = []
    for position, (audio, body) in enumerate(zip(sections, bodies, strict=True)):
        ident = f"part-{position}"
        lines.append(f'<section id="{ident}" aria-labelledby="{ident}-title">')
        lines.append(f'<h2 id="{ident}-title">{text(audio.section.title)}</h2>')
        lines.extend(body)
        lines.append("</section>")
        nav_children.append(NavPoint(audio.section.title, f"{CONTENT_NAME}#{ident}"))
    if not sections:  # nothing spoken: the text alone
        lines.extend(f"<p>{_plain(paragraph)}</p>" for paragraph in article.paragraphs)
    lines.extend(_captions(article.captions))
    lines += ["</body>", "</html>", ""]
    nav = NavPoint(title_text, CONTENT_NAME, tuple(nav_children))
    return ArticleDocument("\n".join(lines), tuple(builder.clips), nav)


def _captions(captions: Sequence[Paragraph]) -> Iterator[str]:
    """Photo captions, apart from the read text (the photos themselves are not in the book)."""
    if not captions:
        return
    yield '<aside class="captions" aria-label="图片说明">'
    for caption in captions:
        yield f"<figure><figcaption>{_plain(caption)}</figcaption></figure>"
    yield "</aside>"


def overlay(clips: Sequence[Clip]) -> str:
    """The SMIL 3 media overlay: one `<par>` per sentence, in reading order."""
    lines = [
        XML_DECLARATION,
        f'<smil xmlns="{SMIL_NS}" xmlns:epub="{EPUB_NS}" version="3.0">',
        f'<body epub:textref="{CONTENT_NAME}">',
    ]
    for clip in clips:
        lines.append(
            f'<par id="par-{clip.sentence_id}">'
            f'<text src="{CONTENT_NAME}#{clip.sentence_id}"/>'
            f"<audio src={attr(clip.audio)} clipBegin="
            f'"{clock(clip.begin_ms)}" clipEnd="{clock(clip.end_ms)}"/>'
            "</par>"
        )
    lines += ["</body>", "</smil>", ""]
    return "\n".join(lines)
