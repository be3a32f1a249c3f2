"""The read-along page in headless Chromium: accessibility (axe-core), read-along, pinyin
toggle, keyboard, print, reduced motion, hostile text, file:// — on real MP3 files.
(The second edition's defects and features: test_page_reading.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    ARTIFACTS,
    VISIBLE_RT,
    Site,
    build_site,
    describe,
    open_page,
    player_time,
    run_axe,
    sample_article,
    seek,
    seek_into,
    wait_current,
    wait_playing,
)

pytestmark = pytest.mark.browser

HOSTILE_TITLE = '<script>window.pwned=1</script>&"\'<img src=x onerror="window.pwned=2">'
THEMES = {"light": "浅色", "dark": "深色", "contrast": "高对比", "auto": "自动"}


@pytest.fixture
def site(page_site: Site) -> Site:
    return page_site


@pytest.fixture
def browser(page_browser: Any) -> Any:
    return page_browser


_seek, _seek_into, _wait_current = seek, seek_into, wait_current
_time, _open = player_time, open_page


@pytest.mark.parametrize("setting", ["light", "dark", "contrast", "auto-dark", "320px", "zoom-200"])
def test_axe_finds_no_violations(page: Any, site: Site, setting: str) -> None:
    if setting == "auto-dark":
        page.emulate_media(color_scheme="dark")
    elif setting == "320px":
        page.set_viewport_size({"width": 320, "height": 640})
    elif setting == "zoom-200":  # 200 % zoom: half the CSS pixels of a 1100 × 900 window
        page.set_viewport_size({"width": 550, "height": 450})
    else:
        page.get_by_role("radio", name=THEMES[setting]).check()
    page.get_by_role("radio", name="全部").check()  # pinyin everywhere: most text to check
    page.check("input[name=tones][value=on]")
    # with a highlighted sentence, its spoken word, a gloss and the bar, as while listening
    page.click("#s1-1")
    page.get_by_role("button", name="暂停").click()
    page.wait_for_function("document.getElementById('player-1').paused")
    _seek_into(page, site, "s1-1")
    _wait_current(page, "s1-1")
    page.wait_for_function("document.querySelector('.s.current [data-now]')")
    page.hover(".hw.g >> nth=0")
    violations = run_axe(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("player", ["section", "episode"])
@pytest.mark.parametrize("element_id", ["s0-0", "s0-3", "s1-2", "s2-2"])
def test_player_position_highlights_the_sentence_being_read(
    page: Any, site: Site, player: str, element_id: str
) -> None:
    _seek_into(page, site, element_id, player)
    _wait_current(page, element_id)
    assert page.get_attribute(f"#{element_id}", "aria-current") == "true"
    assert page.locator("[aria-current]").count() == 1


def test_clicking_a_sentence_plays_from_its_start(page: Any, site: Site) -> None:
    _, cue = site.cue_of("s1-2")
    page.click("#s1-2")
    page.wait_for_function(
        "start => { const a = document.getElementById('player-1');"
        " return !a.paused && a.currentTime >= start; }",
        arg=cue.start,
    )
    assert cue.start <= _time(page, "#player-1") < cue.start + 1.0
    assert page.get_attribute("#s1-2", "aria-current") == "true"


def test_after_the_episode_player_is_used_clicks_seek_the_episode(page: Any, site: Site) -> None:
    _seek_into(page, site, "s0-0", "episode")
    _wait_current(page, "s0-0")
    audio, cue = site.cue_of("s2-1")
    page.click("#s2-1")
    start = audio.start + cue.start
    page.wait_for_function(
        "start => { const a = document.getElementById('episode');"
        " return !a.paused && a.currentTime >= start; }",
        arg=start,
    )
    assert start <= _time(page, "#episode") < start + 1.0
    assert page.eval_on_selector("#player-2", "audio => audio.paused")


def test_a_finished_section_hands_over_to_the_next(page: Any, site: Site) -> None:
    page.click("#s0-3")
    # The page seeks to the sentence once the media's metadata is in; seeking before it
    # does would be undone, and the section would play on for seconds.
    wait_playing(page, "#player-0")
    _seek(page, "#player-0", site.sections[0].duration - 0.3)
    page.wait_for_function("!document.getElementById('player-1').paused", timeout=5000)
    _wait_current(page, "s1-0")


def test_now_playing_bar_pauses_and_resumes_from_anywhere(page: Any, site: Site) -> None:
    assert page.locator("#nowbar").is_visible()  # always at hand, before anything plays
    page.click("#s1-0")
    page.wait_for_function("!document.getElementById('player-1').paused")
    page.evaluate("scrollTo(0, document.body.scrollHeight)")  # the player is out of sight
    assert page.locator("#nowbar-title").text_content() == site.sections[1].section.title
    page.get_by_role("button", name="暂停").click()
    page.wait_for_function("document.getElementById('player-1').paused")
    page.get_by_role("button", name="播放", exact=True).click()
    page.wait_for_function("!document.getElementById('player-1').paused")


def test_pinyin_toggle_changes_what_is_shown_and_is_remembered(page: Any) -> None:
    every = page.evaluate("document.querySelectorAll('rt').length")
    hard = page.evaluate("document.querySelectorAll('.hw').length")
    visible_words = (
        "[...document.querySelectorAll('.hw')]"
        ".filter(w => getComputedStyle(w, '::before').content.includes('\"')).length"
    )
    assert 0 < hard < every
    # the default level: one line of pinyin over each hard word, no syllable over each character
    assert page.evaluate(VISIBLE_RT) == 0 and page.evaluate(visible_words) == hard
    shown = {}
    for label, level in (("全部", "all"), ("关闭", "off"), ("难词", "hard")):
        page.get_by_role("radio", name=label).check()
        shown[level] = (page.evaluate(VISIBLE_RT), page.evaluate(visible_words))
    assert shown == {"all": (every, 0), "off": (0, 0), "hard": (0, hard)}

    page.get_by_role("radio", name="全部").check()
    page.get_by_role("radio", name="特大").check()
    page.get_by_role("radio", name="深色").check()
    body_size = "parseFloat(getComputedStyle(document.getElementById('s1-0')).fontSize)"
    large = page.evaluate(body_size)
    page.reload()
    assert page.evaluate(VISIBLE_RT) == every
    assert page.get_by_role("radio", name="全部").is_checked()
    assert page.get_by_role("radio", name="特大").is_checked()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate(body_size) == large
    page.get_by_role("radio", name="标准").check()
    assert page.evaluate(body_size) < large


def test_keyboard_reaches_controls_and_sentences(page: Any, site: Site) -> None:
    seen: list[str] = []
    while "download" not in seen and len(seen) < 40:
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.id || (e.name ? e.name + ':' + e.value : e.className); }"
        )
        if not seen or seen[-1] != focused:  # a player's own buttons count as one stop
            seen.append(focused)
    # one stop per radio group (arrows move inside it), the speed, then one sentence for all
    assert seen == [
        *("skip", "pinyin:hard", "size:normal", "theme:auto", "tones:off", "follow:on", "rate"),
        *("s0-0", "episode", "download"),
    ]
    page.focus("#s0-0")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == "s0-1"
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] != "none" and outline[1] >= 2  # focus is visible
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "s0-1"  # the sentence it left

    page.get_by_role("radio", name="难词").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.documentElement.dataset.pinyin") == "all"


@pytest.mark.parametrize("key", ["Enter", " "])
def test_enter_or_space_on_a_sentence_plays_from_it(page: Any, site: Site, key: str) -> None:
    _, cue = site.cue_of("s1-3")
    page.focus("#s1-3")
    scrolled = page.evaluate("scrollY")
    page.keyboard.press(key)
    page.wait_for_function(
        "start => document.getElementById('player-1').currentTime >= start", arg=cue.start
    )
    assert cue.start <= _time(page, "#player-1") < cue.start + 1.0
    assert abs(page.evaluate("scrollY") - scrolled) < 200  # Space did not page down


def test_print_stylesheet_hides_the_controls(page: Any) -> None:
    page.emulate_media(media="print")
    page.click("#s0-2")  # playing: the now-playing bar is up on screen
    page.wait_for_function("!document.getElementById('player-0').paused")
    for selector in (".toolbar", "#episode", ".part-play >> nth=1", ".listen", "#nowbar"):
        assert not page.locator(selector).is_visible(), selector
    for selector in ("h1", ".subtitle", "h2 >> nth=1", "#s2-2", "figcaption"):
        assert page.locator(selector).is_visible(), selector


def _seek_and_measure(page: Any, selector: str, seconds: float) -> dict[str, float]:
    """Where the highlighted sentence is right after the page reacts to a seek."""
    page.eval_on_selector(
        selector,
        "a => new Promise(done => { if (a.readyState >= 1) return done();"
        " a.addEventListener('loadedmetadata', done, {once: true});"
        " a.preload = 'metadata'; a.load(); })",
    )
    measured: dict[str, float] = page.eval_on_selector(
        selector,
        """(audio, time) => new Promise(done => {
            audio.addEventListener('seeking', () => {
                const box = document.querySelector('.s.current').getBoundingClientRect();
                done({top: box.top, bottom: box.bottom, height: innerHeight});
            }, {once: true});
            audio.currentTime = time;
        })""",
        seconds,
    )
    return measured


def test_read_along_keeps_the_sentence_in_view(page: Any, site: Site) -> None:
    page.evaluate("scrollTo(0, 0)")
    _, cue = site.cue_of("s2-2")
    _seek(page, "#player-2", cue.start + 0.5)
    _wait_current(page, "s2-2")
    page.wait_for_function(
        "() => { const b = document.getElementById('s2-2').getBoundingClientRect();"
        " return b.top >= 0 && b.bottom <= innerHeight; }"
    )


def test_reduced_motion_scrolls_without_animation(page: Any, site: Site) -> None:
    page.emulate_media(reduced_motion="reduce")
    page.evaluate("scrollTo(0, 0)")
    _, cue = site.cue_of("s2-2")
    box = _seek_and_measure(page, "#player-2", cue.start + 0.5)
    assert box["top"] >= 0 and box["bottom"] <= box["height"]  # already there: no smooth scroll
    transition = page.eval_on_selector("#s2-2", "e => getComputedStyle(e).transitionDuration")
    assert transition == "0s"


def test_hostile_headline_is_inert_from_file_url(browser: Any, tmp_path: Path) -> None:
    site = build_site(tmp_path, sample_article(HOSTILE_TITLE, pronounce=True))
    page = _open(browser, (site.folder / "index.html").as_uri())
    try:
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.locator("img").count() == 0
        heading = page.evaluate(
            "() => { const h = document.querySelector('h1').cloneNode(true);"
            " return h.textContent; }"
        )
        assert heading == HOSTILE_TITLE
        assert page.title() == HOSTILE_TITLE
        # the page works from file:// too: seeking, read-along, settings
        audio, cue = site.cue_of("s1-1")
        _seek(page, "#episode", audio.start + (cue.start + cue.end) / 2)
        _wait_current(page, "s1-1")
        page.get_by_role("radio", name="关闭").check()
        assert page.evaluate(VISIBLE_RT) == 0
        assert page.dialogs == [] and page.errors == []
    finally:
        page.close()


def test_settings_work_when_storage_throws(browser: Any, page_base_url: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() {"
        " throw new DOMException('denied', 'SecurityError'); }});"
    )
    try:
        page.goto(page_base_url + "index.html")
        page.get_by_role("radio", name="全部").check()
        assert page.evaluate("document.documentElement.dataset.pinyin") == "all"
        assert errors == []
    finally:
        page.close()


def test_screenshots_for_people_to_look_at(page: Any, site: Site) -> None:
    assert page.evaluate("document.fonts.check('20px \"Noto Sans CJK SC\"', '国家')")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _seek_into(page, site, "s1-1")
    _wait_current(page, "s1-1")
    page.evaluate("scrollTo(0, 0)")
    light = ARTIFACTS / "page-light.png"
    page.screenshot(path=str(light), full_page=True)
    page.get_by_role("radio", name="深色").check()
    page.get_by_role("radio", name="全部").check()
    dark = ARTIFACTS / "page-dark-all-pinyin.png"
    page.screenshot(path=str(dark), full_page=True)
    for shot in (light, dark):
        assert shot.stat().st_size > 20_000
