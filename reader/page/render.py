"""`index.html`: the accessible read-along page of one article, as one self-contained file.

The page carries its own CSS and JavaScript (from `assets/`), so it works from file:// and
offline. Every sentence that is spoken is an element with its cue times, which the script uses
to highlight the sentence being read and to play from a clicked sentence.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import quote

from reader.errors import ReaderError
from reader.model import Article, Cue, Paragraph, SectionAudio, Sentence
from reader.page.levels import LABELS, PinyinLevel, pinyin_level
from reader.page.ruby import SWITCHABLE, ruby_markup


@dataclass(frozen=True)
class _TimedParagraph:
    """A spoken paragraph with the cues of its sentences, in the section's own file."""

    paragraph: Paragraph
    section: int  # position of the section on the page (0-based)
    first_cue: int  # index of its first sentence's cue within the section
    cues: tuple[Cue, ...]


def render_page(
    article: Article,
    sections: Sequence[SectionAudio],
    *,
    episode_file: str,
    episode_duration: float,
    default_level: PinyinLevel | str = PinyinLevel.HARD,
) -> str:
    """The HTML of the page: headline, players, sections with timed sentences, captions."""
    level = pinyin_level(default_level)
    intros, bodies = _timed_paragraphs(sections)
    headline = _take(intros, article.title)
    subtitle = _take(intros, article.subtitle)
    title_text = article.title.text if article.title is not None else "无标题"
    parts = [
        "<!doctype html>",
        f'<html lang="zh-CN" class="no-js" data-pinyin="{level}" data-size="normal"'
        ' data-theme="auto">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(title_text)}</title>",
        '<link rel="icon" href="data:,">',  # no favicon request, online or from file://
        f"<style>{_asset('page.css')}</style>",
        f'<script type="application/json" id="reader-data">'
        f"{_json_for_script(_page_data(sections, episode_file, episode_duration))}</script>",
        f"<script>{_asset('page.js')}</script>",
        "</head>",
        "<body>",
        '<a class="skip" href="#article">跳到正文</a>',
        _toolbar(),
        '<main id="main">',
        '<article id="article" tabindex="-1">',
        *_article_header(article, headline, subtitle, title_text, episode_file, episode_duration),
    ]
    for position, audio in enumerate(sections):
        parts.extend(_section(audio, position, intros.get(position, []), bodies[position]))
        if position == 0:  # photos sit after the lead, as in the paper
            parts.extend(_figures(article.captions))
    if not sections:  # nothing spoken: still show the text, without read-along
        parts.extend(f"<p>{_paragraph_inner(block)}</p>" for block in article.paragraphs)
        parts.extend(_figures(article.captions))
    parts += ["</article>", "</main>", _now_playing_bar(), "</body>", "</html>", ""]
    return "\n".join(parts)


def _timed_paragraphs(
    sections: Sequence[SectionAudio],
) -> tuple[dict[int, list[_TimedParagraph]], list[list[_TimedParagraph]]]:
    """Deal each section's cues out to its intro and body paragraphs, in spoken order."""
    intros: dict[int, list[_TimedParagraph]] = {}
    bodies: list[list[_TimedParagraph]] = []
    for position, audio in enumerate(sections):
        spoken = list(audio.section.spoken())
        expected = sum(len(paragraph.sentences) for paragraph in spoken)
        if expected != len(audio.cues):
            raise ReaderError(
                f"section {audio.section.index} ({audio.section.title}): "
                f"{len(audio.cues)} cues for {expected} sentences"
            )
        timed: list[_TimedParagraph] = []
        cursor = 0
        for paragraph in spoken:
            count = len(paragraph.sentences)
            cues = audio.cues[cursor : cursor + count]
            timed.append(_TimedParagraph(paragraph, position, cursor, cues))
            cursor += count
        intro_count = len(audio.section.intro)
        if intro_count:
            intros[position] = timed[:intro_count]
        bodies.append(timed[intro_count:])
    return intros, bodies


def _take(
    intros: dict[int, list[_TimedParagraph]], paragraph: Paragraph | None
) -> _TimedParagraph | Paragraph | None:
    """The spoken intro paragraph equal to `paragraph` (removed from `intros`), else itself."""
    if paragraph is None:
        return None
    for timed in intros.values():
        for found in timed:
            if found.paragraph == paragraph:
                timed.remove(found)
                return found
    return paragraph


def _text(value: str) -> str:
    return html.escape(value, quote=True)


def _url(path: str) -> str:
    return _text(quote(path, safe="/"))


@cache
def _asset(name: str) -> str:
    text = resources.files("reader.page").joinpath("assets", name).read_text(encoding="utf-8")
    closing = "</style" if name.endswith(".css") else "</script"
    if closing in text.lower():  # would end the inline element early
        raise ReaderError(f"page asset {name} contains {closing}")
    return text


def _json_for_script(data: object) -> str:
    """JSON that cannot end or alter its <script> element: every <, > and & as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _page_data(
    sections: Sequence[SectionAudio], episode_file: str, episode_duration: float
) -> dict[str, object]:
    return {
        "episode": {"file": episode_file, "duration": round(episode_duration, 3)},
        "sections": [
            {
                "title": audio.section.title,
                "file": audio.file,
                "start": round(audio.start, 3),
                "duration": round(audio.duration, 3),
            }
            for audio in sections
        ],
    }


def _duration_text(seconds: float) -> str:
    total = max(0, round(seconds))
    minutes, rest = divmod(total, 60)
    return f"{minutes}分{rest:02d}秒" if minutes else f"{rest}秒"


def _choice(name: str, legend: str, options: Sequence[tuple[str, str]]) -> str:
    inputs = "".join(
        f'<label><input type="radio" name="{name}" value="{value}"><span>{label}</span></label>'
        for value, label in options
    )
    return f'<fieldset class="choice"><legend>{legend}</legend>{inputs}</fieldset>'


def _toolbar() -> str:
    return (
        '<header class="toolbar">'
        '<form class="settings" aria-label="阅读设置">'
        + _choice("pinyin", "拼音", tuple(LABELS.items()))
        + _choice("size", "字号", (("normal", "标准"), ("large", "大"), ("xlarge", "特大")))
        + _choice(
            "theme",
            "显示",
            (("auto", "自动"), ("light", "浅色"), ("dark", "深色"), ("contrast", "高对比")),
        )
        + "</form></header>"
    )


def _now_playing_bar() -> str:
    """Pause / resume wherever the reader has scrolled; shown once something plays."""
    return (
        '<div class="nowbar" id="nowbar" role="region" aria-label="正在朗读" hidden>'
        '<button type="button" id="nowbar-toggle" class="nowbar-toggle">暂停</button>'
        '<p class="nowbar-title" id="nowbar-title"></p>'
        "</div>"
    )


def _article_header(
    article: Article,
    headline: _TimedParagraph | Paragraph | None,
    subtitle: _TimedParagraph | Paragraph | None,
    title_text: str,
    episode_file: str,
    episode_duration: float,
) -> Iterator[str]:
    yield '<header class="masthead">'
    if article.series:
        yield f'<p class="series"><span class="label">系列报道</span>{_text(article.series)}</p>'
    heading = _text(title_text) if headline is None else _paragraph_inner(headline)
    yield f"<h1>{heading}</h1>"
    if subtitle is not None:
        yield f'<p class="subtitle">{_paragraph_inner(subtitle)}</p>'
    if article.byline:
        yield f'<p class="byline">{_text(article.byline)}</p>'
    duration = _duration_text(episode_duration)
    yield (
        '<div class="listen" role="group" aria-labelledby="listen-label">'
        f'<p class="listen-label" id="listen-label">收听全文'
        f' <span class="duration">（{duration}）</span></p>'
        f'<audio id="episode" class="player" controls preload="metadata"'
        f' src="{_url(episode_file)}" aria-label="全文音频，{duration}"></audio>'
        f'<p class="listen-help"><span id="sentence-help">点击或按回车键选中任意一句，'
        f"从这句开始朗读。</span>"
        f' <a class="download" href="{_url(episode_file)}" download>下载 MP3</a></p>'
        "</div>"
    )
    yield "</header>"


def _section(
    audio: SectionAudio,
    position: int,
    leftover_intro: list[_TimedParagraph],
    body: list[_TimedParagraph],
) -> Iterator[str]:
    ident = f"part-{position}"
    title = _text(audio.section.title)
    duration = _duration_text(audio.duration)
    yield (
        f'<section class="part" id="{ident}" aria-labelledby="{ident}-title"'
        f' data-section="{position}">'
    )
    yield (
        f'<div class="part-head"><h2 id="{ident}-title">{title}</h2>'
        f'<audio id="player-{position}" class="player" controls preload="metadata"'
        f' src="{_url(audio.file)}" aria-label="收听本节：{title}，{duration}"></audio></div>'
    )
    for timed in [*leftover_intro, *body]:
        yield f"<p>{_paragraph_inner(timed)}</p>"
    yield "</section>"


def _figures(captions: Sequence[Paragraph]) -> Iterator[str]:
    for caption in captions:
        yield f'<figure class="photo"><figcaption>{_paragraph_inner(caption)}</figcaption></figure>'


def _paragraph_inner(block: _TimedParagraph | Paragraph) -> str:
    if isinstance(block, Paragraph):
        return "".join(f'<span class="s">{_sentence_inner(s)}</span>' for s in block.sentences)
    return "".join(
        _timed_sentence(sentence, cue, block.section, block.first_cue + offset)
        for offset, (sentence, cue) in enumerate(
            zip(block.paragraph.sentences, block.cues, strict=True)
        )
    )


def _timed_sentence(sentence: Sentence, cue: Cue, section: int, number: int) -> str:
    return (
        f'<span class="s" id="s{section}-{number}" tabindex="0" data-section="{section}"'
        f' data-start="{cue.start:.3f}" data-end="{cue.end:.3f}"'
        f' aria-describedby="sentence-help">{_sentence_inner(sentence)}</span>'
    )


def _sentence_inner(sentence: Sentence) -> str:
    if not sentence.syllables:  # not pronounced: plain text
        return _text(sentence.text)
    return ruby_markup(sentence.syllables, SWITCHABLE)
