"""The read-along page, second edition, in headless Chromium: each test is named after the
defect it keeps fixed or the feature it checks (contrast with hover, pinyin and print,
forced colours, copy and find, Tab stops, the bar on small screens, speed, follow, resume,
word-by-word marking, navigation keys, tone colours, glosses)."""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import (
    Site,
    build_site,
    contrast,
    fresh_page,
    paragraph,
    player_time,
    sample_article,
    seek,
    seek_into,
    serve,
    wait_current,
)

pytestmark = pytest.mark.browser

THEMES = {"light": "浅色", "dark": "深色", "contrast": "高对比"}
LATIN = re.compile(r"[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]")
LONG_SENTENCE = "，".join(["全市各级各部门要坚持人民至上生命至上"] * 14) + "。"


@pytest.fixture
def site(page_site: Site) -> Site:
    return page_site


@pytest.fixture
def page(page_browser: Any, page_base_url: str) -> Iterator[Any]:
    opened = fresh_page(page_browser, page_base_url)
    yield opened
    errors = opened.errors
    opened.close()
    assert errors == []


def _pause_on(page: Any, site: Site, element_id: str) -> None:
    """Make `element_id` the spoken sentence, paused in its middle."""
    seek_into(page, site, element_id)
    wait_current(page, element_id)


def _playing(page: Any, selector: str) -> None:
    page.wait_for_function(f"!document.querySelector({selector!r}).paused", timeout=8000)


@pytest.mark.parametrize("theme", ["light", "dark", "contrast", "auto-dark"])
def test_spoken_sentence_and_its_pinyin_keep_contrast_with_and_without_hover(
    page: Any, site: Site, theme: str
) -> None:
    if theme == "auto-dark":
        page.emulate_media(color_scheme="dark")
    else:
        page.get_by_role("radio", name=THEMES[theme]).check()
    _pause_on(page, site, "s1-2")
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
    _pause_on(page, site, "s1-2")
    page.emulate_media(media="print")
    for selector in (".subtitle", "figcaption", "h1 ruby", "h2", "#s1-2 ruby", "#s2-0", ".byline"):
        assert contrast(page, selector) >= 4.5, selector
    assert contrast(page, "#s1-2 rt") >= 4.5
    white = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert white == "rgb(255, 255, 255)"


def test_forced_colours_show_the_highlight_and_the_chosen_setting(page: Any, site: Site) -> None:
    page.emulate_media(forced_colors="active")
    _pause_on(page, site, "s1-1")
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
    _pause_on(page, site, "s1-1")
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
    _playing(page, "#player-1")
    page.focus("#rate")
    page.keyboard.press("Alt+k")
    page.wait_for_function("document.getElementById('player-1').paused")
    page.keyboard.press("Alt+k")
    _playing(page, "#player-1")


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
    _pause_on(page, site, "s2-2")
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


def test_data_now_moves_through_the_sentence_during_playback(page: Any, site: Site) -> None:
    page.click("#s1-0")
    _playing(page, "#player-1")
    seen: list[int] = []
    deadline = time.monotonic() + 6
    while time.monotonic() < deadline:
        index = page.evaluate(
            "() => { const s = document.querySelector('.s.current'); if (!s) return -1;"
            " const units = [...s.querySelectorAll('ruby, span:not(.hw)')];"
            " return units.findIndex(u => u.hasAttribute('data-now')); }"
        )
        if page.evaluate("document.querySelector('.s.current').id") != "s1-0":
            break
        if index >= 0 and (not seen or seen[-1] != index):
            seen.append(index)
        time.sleep(0.05)
    assert len(seen) >= 5 and seen == sorted(seen), seen
    assert page.locator("[data-now]").count() >= 1
    assert page.locator(".s:not(.current) [data-now]").count() == 0


def test_speed_and_volume_are_kept_across_a_hand_over_and_a_reload(page: Any, site: Site) -> None:
    options = page.eval_on_selector_all("#rate option", "os => os.map(o => o.value)")
    assert options[0] == "0.75" and options[-1] == "2"
    page.select_option("#rate", "1.5")
    page.click("#s0-3")
    _playing(page, "#player-0")
    page.eval_on_selector("#player-0", "a => { a.volume = 0.4; }")  # the listener's choice
    seek(page, "#player-0", site.sections[0].duration - 0.4)
    _playing(page, "#player-1")
    settings = page.eval_on_selector("#player-1", "a => [a.playbackRate, a.volume]")
    assert settings == [1.5, pytest.approx(0.4)]
    page.reload()
    page.wait_for_load_state("load")
    assert page.eval_on_selector("#rate", "s => s.value") == "1.5"
    page.click("#s2-0")
    _playing(page, "#player-2")
    assert page.eval_on_selector("#player-2", "a => a.playbackRate") == 1.5


def test_sentence_navigation_buttons_and_access_keys(page: Any, site: Site) -> None:
    page.click("#s1-1")
    _playing(page, "#player-1")
    page.keyboard.press("Alt+l")
    wait_current(page, "s1-2")
    page.keyboard.press("Alt+j")
    wait_current(page, "s1-1")
    page.get_by_role("button", name="下一句").click()
    wait_current(page, "s1-2")
    time.sleep(0.6)
    page.keyboard.press("Alt+r")
    _, cue = site.cue_of("s1-2")
    assert player_time(page, "#player-1") < cue.start + 0.5
    page.get_by_role("button", name="上一句").click()
    wait_current(page, "s1-1")
    assert "Alt+K" in page.locator("details.keys").text_content().replace("+", "+")


def test_reopening_the_page_offers_to_resume_where_listening_stopped(page: Any, site: Site) -> None:
    assert not page.locator("#resume").is_visible()
    page.click("#s2-1")
    _playing(page, "#player-2")
    time.sleep(0.5)
    page.get_by_role("button", name="暂停").click()
    stopped = player_time(page, "#player-2")
    page.reload()
    page.wait_for_load_state("load")
    assert page.locator("#resume").is_visible()
    assert site.sections[2].section.title in page.locator("#resume-text").text_content()
    page.get_by_role("button", name="继续收听").click()
    _playing(page, "#player-2")
    assert abs(player_time(page, "#player-2") - stopped) < 1.0
    assert not page.locator("#resume").is_visible()


def test_scrolling_elsewhere_pauses_follow_and_a_button_goes_back(page: Any, site: Site) -> None:
    page.set_viewport_size({"width": 800, "height": 500})
    page.click("#s0-2")
    _playing(page, "#player-0")
    page.mouse.move(400, 250)
    page.mouse.wheel(0, 3000)  # the reader looks further down
    page.wait_for_function("!document.getElementById('nav-back').hidden")
    where = page.evaluate("scrollY")
    seek_into(page, site, "s0-0")  # the voice moves to a sentence out of sight
    wait_current(page, "s0-0")
    time.sleep(1.0)
    assert page.evaluate("scrollY") == where  # not pulled back
    page.get_by_role("button", name="回到朗读处").click()
    page.wait_for_function(
        "() => { const b = document.querySelector('.s.current').getBoundingClientRect();"
        " return b.top >= 0 && b.bottom <= innerHeight; }"
    )
    assert page.locator("#nav-back").is_hidden()


def test_follow_switch_off_leaves_the_page_where_the_reader_put_it(page: Any, site: Site) -> None:
    page.check("input[name=follow][value=off]")
    page.evaluate("scrollTo(0, 0)")
    seek_into(page, site, "s2-2")
    wait_current(page, "s2-2")
    time.sleep(0.8)
    assert page.evaluate("scrollY") == 0


def test_focus_follows_the_spoken_sentence_so_it_stays_on_screen(page: Any, site: Site) -> None:
    page.focus("#s0-0")
    page.keyboard.press("Enter")
    _playing(page, "#player-0")
    seek_into(page, site, "s2-2", "episode")
    wait_current(page, "s2-2")
    assert page.evaluate("document.activeElement.id") == "s2-2"


def test_tone_colours_colour_each_syllable_by_its_tone(page: Any) -> None:
    page.check("input[name=tones][value=on]")
    colours = page.evaluate(
        """() => {
        const root = getComputedStyle(document.documentElement);
        const find = ch => [...document.querySelectorAll('ruby')]
            .find(r => r.firstChild.data === ch);
        const probe = c => { const d = document.createElement('i'); d.style.color = c;
            document.body.append(d); const v = getComputedStyle(d).color; d.remove(); return v; };
        return ['安', '民', '底', '大'].map((ch, i) => [getComputedStyle(find(ch)).color,
            probe(root.getPropertyValue('--t' + (i + 1)).trim())]);
    }"""
    )
    assert all(shown == expected for shown, expected in colours), colours
    assert contrast(page, ".t3") >= 4.5
    page.reload()
    page.wait_for_load_state("load")
    assert page.locator("ruby.t1").count() > 0  # kept


def test_gloss_of_a_hard_word_on_hover_focus_and_tap(page: Any) -> None:
    word = page.locator(".hw.g", has_text="夯实")
    word.hover()
    box = word.bounding_box()  # the pointer comes to rest over the word, as a hand moves it
    page.mouse.move(box["x"] + box["width"] / 2 + 1, box["y"] + box["height"] / 2)
    assert page.locator("#gloss").is_visible() and "tamp" in page.locator("#gloss").text_content()
    page.mouse.move(1, 1)
    assert page.locator("#gloss").is_hidden()
    page.locator(".s[data-start]", has=word).focus()
    assert "tamp" in page.locator("#gloss").text_content()
    page.evaluate("document.activeElement.blur()")
    box = word.bounding_box()  # a tap on the word itself
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.locator("#gloss").is_visible()
    assert page.eval_on_selector("#player-1", "a => a.paused")  # a tap asks, it does not play
    assert "CC-CEDICT" in page.locator(".credits").text_content()


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
