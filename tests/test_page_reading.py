"""The read-along page's second edition in headless Chromium: each test is named after the
defect it keeps fixed (contrast with hover, of pinyin and in print, forced colours, copy and
find, the pinyin line, sentence buttons, Tab stops, the bar on small screens, gaps in hard
words, preloading, duration labels, long sentences). Features: test_page_features.py."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import (
    Site,
    build_site,
    contrast,
    fresh_page,
    paragraph,
    pause_on,
    sample_article,
    seek,
    serve,
    wait_current,
    wait_playing,
)

pytestmark = pytest.mark.browser

THEMES = {"light": "浅色", "dark": "深色", "contrast": "高对比"}
LATIN = re.compile(r"[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]")
LONG_SENTENCE = "，".join(["全市各级各部门要坚持人民至上生命至上"] * 14) + "。"


@pytest.fixture
def site(page_site: Site) -> Site:
    return page_site


@pytest.mark.parametrize("theme", ["light", "dark", "contrast", "auto-dark"])
def test_spoken_sentence_and_its_pinyin_keep_contrast_with_and_without_hover(
    page: Any, site: Site, theme: str
) -> None:
    if theme == "auto-dark":
        page.emulate_media(color_scheme="dark")
    else:
        page.get_by_role("radio", name=THEMES[theme]).check()
    pause_on(page, site, "s1-2")
    for level in ("全部", "难词"):
        page.get_by_role("radio", name=level).check()
        for hovered in (False, True):
            if hovered:
                page.hover("#s1-2")
            else:
                page.mouse.move(1, 1)
            where = f"{theme} {level} hover={hovered}"
            assert contrast(page, "#s1-2 ruby") >= 4.5, where
            if level == "全部":
                assert contrast(page, "#s1-2 rt") >= 4.5, where
            assert contrast(page, "#s1-2 .hw", "::before") >= 4.5, where
            background = page.eval_on_selector("#s1-2", "e => getComputedStyle(e).backgroundColor")
            hl = page.evaluate(
                "getComputedStyle(document.documentElement).getPropertyValue('--hl-bg')"
            )
            assert background == page.evaluate(
                "c => { const d = document.createElement('i'); d.style.color = c;"
                " document.body.append(d); const v = getComputedStyle(d).color; d.remove();"
                " return v; }",
                hl.strip(),
            ), where  # hovering does not replace the highlight


@pytest.mark.parametrize("theme", ["dark", "contrast"])
def test_print_after_a_dark_or_contrast_theme_is_dark_text_on_white(
    page: Any, site: Site, theme: str
) -> None:
    page.get_by_role("radio", name=THEMES[theme]).check()
    page.get_by_role("radio", name="全部").check()
    pause_on(page, site, "s1-2")
    page.emulate_media(media="print")
    for selector in (".subtitle", "figcaption", "h1 ruby", "h2", "#s1-2 ruby", "#s2-0", ".byline"):
        assert contrast(page, selector) >= 4.5, selector
    assert contrast(page, "#s1-2 rt") >= 4.5
    white = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert white == "rgb(255, 255, 255)"


def test_forced_colours_show_the_highlight_and_the_chosen_setting(page: Any, site: Site) -> None:
    page.emulate_media(forced_colors="active")
    pause_on(page, site, "s1-1")
    style = "(e, p) => getComputedStyle(e)[p]"
    spoken = page.eval_on_selector("#s1-1", style, "backgroundColor")
    other = page.eval_on_selector("#s1-0", style, "backgroundColor")
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert spoken != other and spoken not in (page_background, "rgba(0, 0, 0, 0)")
    chosen = page.eval_on_selector("input[name=theme]:checked + span", style, "backgroundColor")
    unchosen = page.eval_on_selector(
        "input[name=theme]:not(:checked) + span", style, "backgroundColor"
    )
    assert chosen != unchosen


def test_copy_and_find_see_the_chinese_without_pinyin(page: Any) -> None:
    page.get_by_role("radio", name="全部").check()
    selected = page.evaluate(
        "() => { const range = document.createRange();"
        " range.selectNodeContents(document.querySelector('#part-0'));"
        " getSelection().removeAllRanges(); getSelection().addRange(range);"
        " return String(getSelection()); }"
    )
    assert "常怀忧患" in selected and not LATIN.search(selected.replace("MP3", ""))
    for word in ("孙慧姣", "常怀忧患", "绸缪"):
        page.evaluate("getSelection().removeAllRanges()")
        assert page.evaluate("w => window.find(w)", word), word
    # screen readers get the sentence, not its syllables
    name = page.get_by_role("button", name=re.compile("^必须常怀忧患之心"))
    assert name.count() == 1


def test_highlight_and_focus_ring_enclose_the_pinyin_line(page: Any, site: Site) -> None:
    page.get_by_role("radio", name="全部").check()
    pause_on(page, site, "s1-1")
    page.focus("#s1-1")
    inside = page.evaluate(
        """() => {
        const s = document.getElementById('s1-1');
        const lines = [...s.getClientRects()];
        const ring = parseFloat(getComputedStyle(s).outlineOffset);
        return [...s.querySelectorAll('rt')].every(rt => {
            const r = rt.getBoundingClientRect();
            return lines.some(l => r.top >= l.top - 0.5 && r.bottom <= l.bottom + 0.5
                && r.top - (l.top - ring) > 0);
        });
    }"""
    )
    assert inside


def test_sentences_are_named_buttons_with_one_tab_stop_and_one_description(page: Any) -> None:
    count = page.locator(".s[data-start]").count()
    assert page.locator(".s[data-start][role=button]").count() == count > 10
    assert page.locator(".s[data-start][tabindex='0']").count() == 1
    assert page.locator(".s[data-start][aria-describedby]").count() == 1
    assert (
        page.get_by_role(
            "button", name="国家安全是民族复兴的根基，社会稳定是国家强盛的前提。"
        ).count()
        == 1
    )


def test_tab_stops_are_few_and_a_key_pauses_from_anywhere(page: Any) -> None:
    stops = 0
    first = None
    for _ in range(80):
        page.keyboard.press("Tab")
        stops += 1
        here = page.evaluate("document.activeElement.id || document.activeElement.outerHTML")
        if first is None:
            first = here
        elif here == first:
            break
    assert stops - 1 <= 30  # was about 85
    page.click("#s1-0")
    wait_playing(page, "#player-1")
    page.focus("#rate")
    page.keyboard.press("Alt+k")
    page.wait_for_function("document.getElementById('player-1').paused")
    page.keyboard.press("Alt+k")
    wait_playing(page, "#player-1")


def test_bar_never_hides_the_focused_or_spoken_sentence_on_a_small_screen(
    page: Any, site: Site
) -> None:
    page.set_viewport_size({"width": 640, "height": 450})
    page.get_by_role("radio", name="特大").check()
    bar_top = page.evaluate("document.getElementById('nowbar').getBoundingClientRect().top")
    assert 450 - bar_top <= 0.15 * 450
    page.evaluate("scrollTo(0, 0)")
    page.focus("#s1-2")
    bottom = page.evaluate("document.getElementById('s1-2').getClientRects()[0].bottom")
    assert bottom <= bar_top
    page.emulate_media(reduced_motion="reduce")
    page.evaluate("scrollTo(0, 0)")
    pause_on(page, site, "s2-2")
    page.wait_for_function(
        "top => document.getElementById('s2-2').getBoundingClientRect().bottom <= top", arg=bar_top
    )


def test_hard_words_open_no_gaps_between_their_characters(page: Any) -> None:
    """必须常怀忧患: at the default level the characters keep their own width."""
    advances = page.evaluate(
        """() => {
        const s = [...document.querySelectorAll('.s')]
            .find(e => e.textContent.startsWith('必须常怀'));
        const r = [...s.querySelectorAll('ruby')].slice(0, 6)
            .map(e => e.getBoundingClientRect().left);
        return r.slice(1).map((x, i) => x - r[i]);
    }"""
    )
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.part p')).fontSize)")
    assert all(abs(step - size) < 1 for step in advances), (advances, size)


def test_players_download_nothing_before_play(page_browser: Any, page_base_url: str) -> None:
    page = page_browser.new_page()
    media: list[str] = []
    page.on("request", lambda request: request.url.endswith(".mp3") and media.append(request.url))
    try:
        page.goto(page_base_url + "index.html")
        page.wait_for_load_state("networkidle")
        assert media == []
        assert page.evaluate(
            "[...document.querySelectorAll('audio')].every(a => a.preload === 'none')"
        )
    finally:
        page.close()


def test_duration_labels_match_what_the_player_shows(page: Any, site: Site) -> None:
    seek(page, "#episode", 0)
    seconds = int(page.evaluate("document.getElementById('episode').duration"))
    shown = f"{seconds // 60}分{seconds % 60:02d}秒" if seconds >= 60 else f"{seconds}秒"
    assert shown in page.locator(".listen-label").text_content()
    for index, audio in enumerate(site.sections):
        label = page.locator(f".part-play[data-section='{index}']").text_content()
        assert f"（{int(audio.duration)}秒）" in label or "分" in label


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str]]:
    article = sample_article()
    paragraphs = list(article.paragraphs)
    paragraphs[2] = paragraph(LONG_SENTENCE)
    article = dataclasses.replace(article, paragraphs=tuple(paragraphs))
    site = build_site(tmp_path_factory.mktemp("long"), article)
    with serve(site.folder) as url:
        yield site, url


def test_a_long_sentence_shows_its_start_then_follows_its_words(
    page_browser: Any, long_site: tuple[Site, str]
) -> None:
    site, url = long_site
    page = fresh_page(page_browser, url)
    try:
        page.set_viewport_size({"width": 320, "height": 568})
        page.emulate_media(reduced_motion="reduce")
        page.get_by_role("radio", name="特大").check()
        long_id = page.evaluate(
            "[...document.querySelectorAll('.s[data-start]')]"
            ".find(s => s.textContent.length > 200).id"
        )
        lines = page.eval_on_selector(f"#{long_id}", "e => e.getClientRects().length")
        assert lines >= 20
        audio, cue = site.cue_of(long_id)
        page.evaluate("scrollTo(0, 0)")
        seek(page, f"#player-{audio.section.index}", cue.start + 0.05)
        wait_current(page, long_id)
        page.wait_for_function(
            f"() => {{ const t = document.getElementById('{long_id}').getClientRects()[0].top;"
            " return t >= 0 && t < innerHeight / 2; }"
        )
        seek(page, f"#player-{audio.section.index}", cue.end - 0.1)
        page.wait_for_function(
            "() => { const n = document.querySelector('[data-now]');"
            " const bar = document.getElementById('nowbar').getBoundingClientRect().top;"
            " if (!n) return false; const b = n.getBoundingClientRect();"
            " return b.top >= 0 && b.bottom <= bar; }"
        )
    finally:
        page.close()
