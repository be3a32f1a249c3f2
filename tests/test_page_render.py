"""The page's HTML without a browser: structure, escaping, embedded data, bad input."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser

import browser_support
import pytest
from browser_support import sample_article, sample_sections

from reader.errors import ReaderError, UsageError
from reader.model import Article, Cue, Paragraph, SectionAudio
from reader.page import render_page
from reader.page.sentences import word_timings, words_in

HOSTILE = "<script>window.pwned=1</script>&\"'</title><img src=x onerror=alert(1)>"


class _Outline(HTMLParser):
    """Tags, attributes and text of a page, as a parser (not a regex) sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "link", "input", "br", "img"}:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "rt" in self.stack or "rp" in self.stack:  # pinyin: not the text itself
            return
        for tag in set(self.stack):
            self.text[tag] = self.text.get(tag, "") + data

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def _audio(article_title: str | None = None) -> tuple[Article, list[SectionAudio]]:
    article = sample_article(article_title) if article_title else sample_article()
    audios = []
    offset = 0.0
    for section in sample_sections(article):
        count = sum(len(p.sentences) for p in section.spoken())
        cues = tuple(Cue(n * 2.0, n * 2.0 + 1.5, "") for n in range(count))
        audios.append(
            SectionAudio(section, f"audio/{section.index:02d}.mp3", offset, 2.0 * count, cues)
        )
        offset += 2.0 * count + 1
    return article, audios


def _render(title: str | None = None, default_level: str = "hard") -> str:
    article, audios = _audio(title)
    return render_page(
        article,
        audios,
        episode_file="episode 1.mp3",
        episode_duration=60.0,
        default_level=default_level,
    )


def _parse(page: str) -> _Outline:
    outline = _Outline()
    outline.feed(page)
    return outline


def test_semantic_structure() -> None:
    outline = _parse(_render())
    html_tag = outline.all("html")[0]
    assert html_tag["lang"] == "zh-CN"
    assert len(outline.all("h1")) == 1
    assert outline.text["h1"] == "筑牢安全屏障 护航高质量发展"
    # one <section> with an <h2> per audio section, each with its own labelled player
    sections = outline.all("section")
    assert len(sections) == len(outline.all("h2")) == 3
    audios = outline.all("audio")
    assert [a["src"] for a in audios] == [
        "episode%201.mp3",
        "audio/00.mp3",
        "audio/01.mp3",
        "audio/02.mp3",
    ]
    # the episode has the native player; sections play through one button each
    assert "controls" in audios[0] and audios[0]["aria-label"]
    assert not any("controls" in a for a in audios[1:])
    assert len(outline.all("button")) >= 3
    assert len(outline.all("figure")) == len(outline.all("figcaption")) == 1
    assert "日常巡逻" in outline.text["figcaption"]
    assert "（九）" in outline.text["header"] and "本报记者" in outline.text["header"]


def test_every_spoken_sentence_carries_its_cue() -> None:
    _, audios = _audio()
    outline = _parse(_render())
    timed = [attrs for attrs in outline.all("span") if "data-start" in attrs]
    assert len(timed) == sum(len(audio.cues) for audio in audios)
    first = {attrs["id"]: attrs for attrs in timed}
    # the headline is section 0's first cue, as the build speaks it
    assert first["s0-0"]["data-start"] == "0.000" and first["s0-0"]["data-end"] == "1.500"
    assert first["s2-1"]["data-section"] == "2" and first["s2-1"]["data-start"] == "2.000"
    # the script makes them buttons with one Tab stop for all; without it they are text
    assert not any("tabindex" in attrs or "aria-describedby" in attrs for attrs in timed)


def test_pinyin_markup_and_default_level() -> None:
    page = _render(default_level="all")
    assert 'data-pinyin="all"' in page
    outline = _parse(page)
    rubies = outline.all("ruby")
    hard = [span for span in outline.all("span") if span.get("class") == "hw"]
    # every Han character annotated, the hard words marked so the page can show hard / all / off
    assert len(rubies) == len(outline.all("rt")) > len(hard) > 0
    assert 'data-p="chóu"' in page and 'data-p="móu"' in page  # 绸缪, a hard word
    assert 'class="hw" data-p="chóumóu"' in page
    assert 'data-pinyin="off"' in _render(default_level="none")


def test_unknown_level_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="pinyin level"):
        _render(default_level="loud")


def test_cue_count_mismatch_is_one_clear_error() -> None:
    article, audios = _audio()
    audios[1] = dataclasses.replace(audios[1], cues=audios[1].cues[:-1])
    with pytest.raises(ReaderError, match="cues for"):
        render_page(article, audios, episode_file="e.mp3", episode_duration=1.0)


def test_hostile_text_is_escaped_everywhere() -> None:
    article, audios = _audio()
    hostile_title = Paragraph.from_text(HOSTILE)
    article = dataclasses.replace(
        article,
        title=hostile_title,
        series=HOSTILE,
        byline=HOSTILE,
    )
    section0 = dataclasses.replace(
        audios[0].section, title=HOSTILE, intro=(hostile_title, *audios[0].section.intro[1:])
    )
    audios[0] = dataclasses.replace(audios[0], section=section0, file='a"><script>x()</script>.mp3')
    page = render_page(article, audios, episode_file="e.mp3", episode_duration=1.0)
    outline = _parse(page)
    scripts = outline.all("script")
    assert len(scripts) == 2  # the data block and our own script, nothing else
    assert outline.all("img") == []
    assert HOSTILE in outline.text["title"]
    assert "window.pwned" in outline.text["h1"]
    embedded = re.search(r'id="reader-data">(.*?)</script>', page, re.S)
    assert embedded is not None
    data = json.loads(embedded[1])
    assert data["sections"][0]["title"] == HOSTILE


def test_page_is_self_contained() -> None:
    page = _render()
    assert not re.search(r"""src=["']?(?:https?:)?//""", page)
    outside = re.findall(r"""<(\w+)[^>]*href=["']?(?:https?:)?//""", page)
    assert set(outside) <= {"a"}  # links to the dictionary's licence, nothing loaded
    assert "<style>" in page and "@media print" in page
    assert "localStorage" in page


def test_section_without_pronunciation_falls_back_to_plain_text() -> None:
    article, audios = _audio()
    plain = Paragraph.from_text("没有注音的句子。第二句。")
    section = dataclasses.replace(audios[2].section, paragraphs=(plain,))
    audios[2] = dataclasses.replace(audios[2], section=section, cues=audios[2].cues[:2])
    page = render_page(article, audios, episode_file="e.mp3", episode_duration=1.0)
    assert 'id="s2-1" data-section="2" data-start="2.000"' in page
    assert "没有注音的句子。</span>" in page


def test_without_sections_the_text_is_still_shown() -> None:
    article, _ = _audio()
    outline = _parse(render_page(article, (), episode_file="e.mp3", episode_duration=0.0))
    assert "国家安全是民族复兴的根基" in outline.text["main"]
    assert "日常巡逻" in outline.text["figcaption"]
    assert not any("data-start" in attrs for attrs in outline.all("span"))


def test_durations_are_whole_seconds_as_the_player_shows_them() -> None:
    article, audios = _audio()
    audios[0] = dataclasses.replace(audios[0], duration=17.97)
    page = render_page(article, audios, episode_file="e.mp3", episode_duration=444.98)
    assert "（7分24秒）" in page and "全文音频，7分24秒" in page  # the player says 7:24
    assert "播放本节（17秒）" in page


def test_players_preload_nothing_before_they_are_asked_to_play() -> None:
    outline = _parse(_render())
    assert {audio["preload"] for audio in outline.all("audio")} == {"none"}


def test_pinyin_is_drawn_from_attributes_so_copy_and_find_see_chinese_alone() -> None:
    page = _render(default_level="all")
    outline = _parse(page)
    text = "".join(outline.text[tag] for tag in ("h1", "p", "figcaption"))
    help_words = r"下载 MP3|Alt|Shift|Firefox|Mac|Control|Option|[A-Z]\b|CC-CEDICT|CC BY-SA"
    text = re.sub(help_words, "", text)
    assert not re.search(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]", text)
    assert "孙慧姣" in text and "常怀忧患" in text
    assert "<rp>" not in page and re.search(r'<rt data-p="[^"]+"></rt>', page)


def test_a_hard_word_is_one_element_with_one_pinyin_line_so_no_gaps_open_inside_it() -> None:
    page = _render()
    assert '<span class="hw" data-p="sūnhuìjiāo">' in page  # 孙慧姣, a name
    runs = re.findall(r'<span class="hw" data-p="[^"]*">(.*?)</span>', page)
    assert runs and all(run.count("<ruby>") == run.count("</ruby>") >= 1 for run in runs)


def test_glosses_of_hard_words_come_from_cc_cedict_and_are_credited() -> None:
    page = _render()
    embedded = re.search(r'id="reader-data">(.*?)</script>', page, re.S)
    assert embedded is not None
    glosses = json.loads(embedded[1])["glosses"]
    assert "绸缪" in glosses and "夯实" in glosses and "tamp" in glosses["夯实"]
    assert "孙慧姣" not in glosses  # a name: nothing to gloss
    shown = {
        re.sub(r"<[^>]+>", "", run)
        for run in re.findall(r'<span class="hw"[^>]*>(.*?)</span>', page)
    }
    assert set(glosses) <= shown  # only the page's own hard words are embedded
    assert "CC-CEDICT" in page and "CC BY-SA 4.0" in page


def test_word_timings_point_at_the_displayed_characters() -> None:
    sentence = browser_support.sentence("2024年孙慧姣表示，要夯实基础。", ["孙慧姣", "夯实"])
    cue = Cue(10.0, 14.0, sentence.text)
    # the voice reads the year out (二零二四), so those words are not in the display text
    spoken = ["二零", "二四", "年", "孙慧姣", "表示", "要", "夯实", "基础"]
    words = [Cue(10.0 + 0.3 * n, 10.3 + 0.3 * n, text) for n, text in enumerate(spoken)]
    timings = word_timings(sentence, cue, words)
    # units: "2024" 0, 年 1, 孙 2 慧 3 姣 4, 表 5 示 6, "，" 7, 要 8, 夯 9 实 10, 基 11 础 12
    assert timings == "1:60 90 5:120 8:150 180 11:210"  # "u:" only where a unit is skipped


def test_words_outside_the_sentence_are_not_its_words() -> None:
    cue = Cue(1.0, 2.0, "")
    words = [Cue(0.5, 0.9, "a"), Cue(1.0, 1.2, "b"), Cue(1.9, 2.1, "c"), Cue(2.0, 2.2, "d")]
    assert [word.text for word in words_in(cue, words)] == ["b", "c"]


def test_section_assembly_keeps_the_voice_word_timings_for_the_page() -> None:
    from reader.model import Speech
    from reader.package.episode import PARAGRAPH_PAUSE, assemble_section

    rate = 8000
    first = paragraph_of("一二。")
    speech = Speech(b"\0\0" * rate, rate, (Cue(0.0, 1.0, "一二。"),), (Cue(0.1, 0.4, "一"),))
    section = assemble_section([first, first], [speech, speech], rate)
    assert [(round(w.start, 3), w.text) for w in section.words] == [
        (0.1, "一"),
        (round(1.0 + PARAGRAPH_PAUSE + 0.1, 3), "一"),
    ]


def paragraph_of(text: str) -> Paragraph:
    return Paragraph.from_text(text)
