"""The read-along page in headless Chromium: accessibility (axe-core), read-along, pinyin
toggle, keyboard, print, reduced motion, hostile text, file:// — on real MP3 files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    ARTIFACTS,
    Site,
    build_site,
    chromium,
    describe,
    run_axe,
    sample_article,
    serve,
)

pytestmark = pytest.mark.browser

HOSTILE_TITLE = '<script>window.pwned=1</script>&"\'<img src=x onerror="window.pwned=2">'
THEMES = {"light": "浅色", "dark": "深色", "contrast": "高对比", "auto": "自动"}
VISIBLE_RT = "[...document.querySelectorAll('rt')].filter(rt => rt.getClientRects().length).length"
CURRENT_ID = "document.querySelector('.s.current') && document.querySelector('.s.current').id"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The sample page, read by the offline voice (tones where its model is not installed)."""
    return build_site(tmp_path_factory.mktemp("page"), voice=True)


@pytest.fixture(scope="module")
def base_url(site: Site) -> Iterator[str]:
    with serve(site.folder) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as context:
        yield context


def _open(browser: Any, url: str) -> Any:
    """A new tab on `url`, recording script errors and dialogs from the start."""
    page = browser.new_page()
    page.errors = []
    page.dialogs = []

    def record_dialog(dialog: Any) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", record_dialog)
    page.goto(url)
    page.wait_for_function(
        "[...document.querySelectorAll('audio')].every(audio => audio.readyState >= 1)"
    )
    return page


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """The sample page over HTTP, with settings from earlier tests forgotten."""
    opened = _open(browser, base_url + "index.html")
    opened.evaluate("localStorage.clear()")
    opened.reload()
    opened.wait_for_function("document.getElementById('episode').readyState >= 1")
    yield opened
    errors = opened.errors
    opened.close()
    assert errors == []


def _seek(page: Any, selector: str, seconds: float) -> None:
    page.eval_on_selector(selector, "(audio, time) => { audio.currentTime = time; }", seconds)


def _seek_into(page: Any, site: Site, element_id: str, player: str = "section") -> None:
    """Move a player to the middle of a sentence's cue."""
    audio, cue = site.cue_of(element_id)
    middle = (cue.start + cue.end) / 2
    if player == "episode":
        _seek(page, "#episode", audio.start + middle)
    else:
        _seek(page, f"#player-{audio.section.index}", middle)


def _wait_current(page: Any, element_id: str) -> None:
    page.wait_for_function(f"({CURRENT_ID}) === {element_id!r}", timeout=5000)


def _time(page: Any, selector: str) -> float:
    value: float = page.eval_on_selector(selector, "audio => audio.currentTime")
    return value


@pytest.mark.parametrize("theme", ["light", "dark", "contrast", "auto-dark"])
def test_axe_finds_no_violations(page: Any, site: Site, theme: str) -> None:
    if theme == "auto-dark":
        page.emulate_media(color_scheme="dark")
    else:
        page.get_by_role("radio", name=THEMES[theme]).check()
    page.get_by_role("radio", name="全部").check()  # pinyin everywhere: most text to check
    # with a highlighted sentence and the now-playing bar on screen, as while listening
    page.click("#s1-1")
    page.get_by_role("button", name="暂停").click()
    page.wait_for_function("document.getElementById('player-1').paused")
    _seek_into(page, site, "s1-1")
    _wait_current(page, "s1-1")
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
    _seek(page, "#player-0", site.sections[0].duration - 0.3)
    page.wait_for_function("!document.getElementById('player-1').paused", timeout=5000)
    _wait_current(page, "s1-0")


def test_now_playing_bar_pauses_and_resumes_from_anywhere(page: Any, site: Site) -> None:
    assert not page.locator("#nowbar").is_visible()
    page.click("#s1-0")
    page.wait_for_function("!document.getElementById('player-1').paused")
    page.evaluate("scrollTo(0, document.body.scrollHeight)")  # the player is out of sight
    assert page.locator("#nowbar-title").text_content() == site.sections[1].section.title
    page.get_by_role("button", name="暂停").click()
    page.wait_for_function("document.getElementById('player-1').paused")
    page.get_by_role("button", name="继续").click()
    page.wait_for_function("!document.getElementById('player-1').paused")


def test_pinyin_toggle_changes_what_is_shown_and_is_remembered(page: Any) -> None:
    every = page.evaluate("document.querySelectorAll('rt').length")
    hard = page.evaluate("document.querySelectorAll('ruby.h > rt').length")
    assert 0 < hard < every
    assert page.evaluate(VISIBLE_RT) == hard  # the default level
    shown = {}
    for label, level in (("全部", "all"), ("关闭", "off"), ("难词", "hard")):
        page.get_by_role("radio", name=label).check()
        shown[level] = page.evaluate(VISIBLE_RT)
    assert shown == {"all": every, "off": 0, "hard": hard}

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
    while "s0-2" not in seen and len(seen) < 40:
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.id || (e.name ? e.name + ':' + e.value : e.className); }"
        )
        if not seen or seen[-1] != focused:  # a player's own buttons count as one stop
            seen.append(focused)
    # one stop per radio group (arrows move inside it), then the headline, players, sentences
    assert seen == [
        *("skip", "pinyin:hard", "size:normal", "theme:auto"),
        *("s0-0", "s0-1", "episode", "download", "player-0", "s0-2"),
    ]
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] != "none" and outline[1] >= 2  # focus is visible

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
    page.wait_for_function("!document.getElementById('nowbar').hidden")
    for selector in (".toolbar", "#episode", "#player-0", "#player-2", ".listen", "#nowbar"):
        assert not page.locator(selector).is_visible(), selector
    for selector in ("h1", ".subtitle", "h2 >> nth=1", "#s2-2", "figcaption"):
        assert page.locator(selector).is_visible(), selector


def _seek_and_measure(page: Any, selector: str, seconds: float) -> dict[str, float]:
    """Where the highlighted sentence is right after the page reacts to a seek."""
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
            " h.querySelectorAll('rt, rp').forEach(e => e.remove()); return h.textContent; }"
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


def test_settings_work_when_storage_throws(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() {"
        " throw new DOMException('denied', 'SecurityError'); }});"
    )
    try:
        page.goto(base_url + "index.html")
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
