"""`index.html`: the accessible read-along page of one article, as one self-contained file.

The page carries its own CSS and JavaScript (from `assets/`), so it works from file:// and
offline. Every sentence that is spoken is an element with its cue times (and its word
timings, where the voice gave them), which the script uses to highlight the sentence and the
word being read and to play from a clicked sentence. Hard words carry English glosses from
CC-CEDICT in the page's data.
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
from reader.page.glosses import (
    CEDICT_CREDIT,
    CEDICT_URL,
    LICENSE_NAME,
    LICENSE_URL,
    glosses_for,
)
from reader.page.levels import LABELS, PinyinLevel, pinyin_level
from reader.page.sentences import hard_words, sentence_markup, word_timings, words_in


@dataclass(frozen=True)
class _TimedParagraph:
    """A spoken paragraph with the cues of its sentences, in the section's own file."""

    paragraph: Paragraph
    section: int  # position of the section on the page (0-based)
    first_cue: int  # index of its first sentence's cue within the section
    cues: tuple[Cue, ...]
    words: tuple[Cue, ...]  # the section's word cues (times within its file)


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
    glosses = glosses_for(
        word
        for block in article.blocks()
        for sentence in block.sentences
        for word in hard_words(sentence)
    )
    parts = [
        "<!doctype html>",
        f'<html lang="zh-CN" class="no-js" data-pinyin="{level}" data-size="normal"'
        ' data-theme="auto" data-tones="off" data-follow="on">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(title_text)}</title>",
        '<link rel="icon" href="data:,">',  # no favicon request, online or from file://
        f"<style>{_asset('page.css')}</style>",
        f'<script type="application/json" id="reader-data">'
        f"{_json_for_script(_page_data(sections, episode_file, episode_duration, glosses))}"
        "</script>",
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
    if glosses:
        parts.append(_credits())
    parts += ["</article>", _gloss_box(), "</main>", _now_playing_bar()]
    parts += ["</body>", "</html>", ""]
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
            timed.append(_TimedParagraph(paragraph, position, cursor, cues, audio.words))
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
    sections: Sequence[SectionAudio],
    episode_file: str,
    episode_duration: float,
    glosses: dict[str, str],
) -> dict[str, object]:
    return {
        "glosses": glosses,
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
    """Whole seconds as the browser's player shows them (it drops the fraction)."""
    total = max(0, int(seconds + 1e-6))
    minutes, rest = divmod(total, 60)
    return f"{minutes}分{rest:02d}秒" if minutes else f"{rest}秒"


def _choice(name: str, legend: str, options: Sequence[tuple[str, str]]) -> str:
    inputs = "".join(
        f'<label><input type="radio" name="{name}" value="{value}"><span>{label}</span></label>'
        for value, label in options
    )
    return f'<fieldset class="choice"><legend>{legend}</legend>{inputs}</fieldset>'


RATES = ("0.75", "1", "1.25", "1.5", "1.75", "2")


def _toolbar() -> str:
    rates = "".join(f'<option value="{rate}">{rate}×</option>' for rate in RATES)
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
        + _choice("tones", "声调颜色", (("off", "关"), ("on", "开")))
        + _choice("follow", "跟随朗读", (("on", "开"), ("off", "关")))
        + f'<label class="rate">语速 <select id="rate" name="rate">{rates}</select></label>'
        + "</form></header>"
    )


# Keys: the browser's access-key modifier (Alt in Chromium on Windows and Linux, Alt+Shift in
# Firefox, Control+Option on a Mac) with a letter no browser or screen reader uses there.
NAV_BUTTONS = (
    ("nav-prev", "j", "上一句"),
    ("nav-play", "k", "播放"),
    ("nav-repeat", "r", "重读"),
    ("nav-next", "l", "下一句"),
)


def _now_playing_bar() -> str:
    """Play, pause and move between sentences wherever the reader has scrolled."""
    buttons = "".join(
        f'<button type="button" id="{ident}" accesskey="{key}"'
        f' aria-keyshortcuts="Alt+{key.upper()}">{label}</button>'
        for ident, key, label in NAV_BUTTONS
    )
    return (
        '<div class="nowbar" id="nowbar" role="region" aria-label="朗读控制" hidden>'
        f"{buttons}"
        '<button type="button" id="nav-back" hidden>回到朗读处</button>'
        '<p class="nowbar-title" id="nowbar-title"></p>'
        "</div>"
    )


def _gloss_box() -> str:
    return '<div class="gloss" id="gloss" role="tooltip" lang="en" hidden></div>'


def _credits() -> str:
    return (
        '<footer class="credits"><p>英文释义来自 '
        f'<a href="{CEDICT_URL}" lang="en">{CEDICT_CREDIT}</a>'
        f'（<a href="{LICENSE_URL}" lang="en">{LICENSE_NAME}</a>）。</p></footer>'
    )


def _keys_help() -> str:
    keys = "".join(
        f"<li><kbd>Alt</kbd>+<kbd>{key.upper()}</kbd> {label}</li>" for _, key, label in NAV_BUTTONS
    )
    return (
        '<details class="keys"><summary>快捷键</summary>'
        f"<ul>{keys.replace('播放<', '播放或暂停<')}</ul>"
        "<p>Firefox 用 Alt+Shift，Mac 用 Control+Option。选中句子后，"
        "方向键移到上一句或下一句，回车键从这句开始朗读。</p></details>"
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
        f'<audio id="episode" class="player" controls preload="none"'
        f' src="{_url(episode_file)}" aria-label="全文音频，{duration}"></audio>'
        '<div class="resume" id="resume" role="group" aria-labelledby="resume-text" hidden>'
        '<p id="resume-text"></p><button type="button" id="resume-go">继续收听</button>'
        '<button type="button" id="resume-no">不用了</button></div>'
        f'<p class="listen-help"><span id="sentence-help">点击或按回车键选中任意一句，'
        f"从这句开始朗读。</span>"
        f' <a class="download" href="{_url(episode_file)}" download>下载 MP3</a></p>'
        f"{_keys_help()}"
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
    # The section's own file plays through the page's controls: no native player here (its
    # six Tab stops each), nothing loaded before it is asked for.
    yield (
        f'<div class="part-head"><h2 id="{ident}-title">{title}</h2>'
        f'<button type="button" class="part-play" data-section="{position}"'
        f' aria-describedby="{ident}-title">播放本节（{duration}）</button>'
        f'<audio id="player-{position}" preload="none" src="{_url(audio.file)}"></audio></div>'
    )
    for timed in [*leftover_intro, *body]:
        yield f"<p>{_paragraph_inner(timed)}</p>"
    yield "</section>"


def _figures(captions: Sequence[Paragraph]) -> Iterator[str]:
    for caption in captions:
        yield f'<figure class="photo"><figcaption>{_paragraph_inner(caption)}</figcaption></figure>'


def _paragraph_inner(block: _TimedParagraph | Paragraph) -> str:
    if isinstance(block, Paragraph):
        return "".join(f'<span class="s">{sentence_markup(s)}</span>' for s in block.sentences)
    return "".join(
        _timed_sentence(sentence, cue, block, block.first_cue + offset)
        for offset, (sentence, cue) in enumerate(
            zip(block.paragraph.sentences, block.cues, strict=True)
        )
    )


def _timed_sentence(sentence: Sentence, cue: Cue, block: _TimedParagraph, number: int) -> str:
    """A spoken sentence; the script makes it a button (no-JS pages leave it plain text)."""
    timings = word_timings(sentence, cue, words_in(cue, block.words))
    words = f' data-w="{timings}"' if timings else ""
    return (
        f'<span class="s" id="s{block.section}-{number}" data-section="{block.section}"'
        f' data-start="{cue.start:.3f}" data-end="{cue.end:.3f}"{words}>'
        f"{sentence_markup(sentence)}</span>"
    )
