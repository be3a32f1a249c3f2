"""The read-along page's second-edition features in headless Chromium: the word being said
(`data-now`), 语速 kept across hand-overs and reloads, sentence navigation and its keys,
resume, the follow switch, tone colours and English glosses. (Defects: test_page_reading.py.)"""

from __future__ import annotations

import time
from typing import Any

import pytest
from browser_support import (
    Site,
    contrast,
    player_time,
    seek,
    seek_into,
    wait_current,
    wait_playing,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def site(page_site: Site) -> Site:
    return page_site


def test_data_now_moves_through_the_sentence_during_playback(page: Any, site: Site) -> None:
    page.click("#s1-0")
    wait_playing(page, "#player-1")
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
    wait_playing(page, "#player-0")
    page.eval_on_selector("#player-0", "a => { a.volume = 0.4; }")  # the listener's choice
    seek(page, "#player-0", site.sections[0].duration - 0.4)
    wait_playing(page, "#player-1")
    settings = page.eval_on_selector("#player-1", "a => [a.playbackRate, a.volume]")
    assert settings == [1.5, pytest.approx(0.4)]
    page.reload()
    page.wait_for_load_state("load")
    assert page.eval_on_selector("#rate", "s => s.value") == "1.5"
    page.click("#s2-0")
    wait_playing(page, "#player-2")
    assert page.eval_on_selector("#player-2", "a => a.playbackRate") == 1.5


def test_sentence_navigation_buttons_and_access_keys(page: Any, site: Site) -> None:
    page.click("#s1-1")
    wait_playing(page, "#player-1")
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
    wait_playing(page, "#player-2")
    time.sleep(0.5)
    page.get_by_role("button", name="暂停").click()
    stopped = player_time(page, "#player-2")
    page.reload()
    page.wait_for_load_state("load")
    assert page.locator("#resume").is_visible()
    assert site.sections[2].section.title in page.locator("#resume-text").text_content()
    page.get_by_role("button", name="继续收听").click()
    wait_playing(page, "#player-2")
    assert abs(player_time(page, "#player-2") - stopped) < 1.0
    assert not page.locator("#resume").is_visible()


def test_scrolling_elsewhere_pauses_follow_and_a_button_goes_back(page: Any, site: Site) -> None:
    page.set_viewport_size({"width": 800, "height": 500})
    page.click("#s0-2")
    wait_playing(page, "#player-0")
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
    wait_playing(page, "#player-0")
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
    sentence = page.locator(".s[data-start]", has=word)
    sentence.focus()
    assert "tamp" in page.locator("#gloss").text_content()
    description = sentence.evaluate(
        "e => e.getAttribute('aria-describedby').split(' ')"
        ".map(id => document.getElementById(id).textContent).join(' ')"
    )
    assert "tamp" in description  # screen readers get the gloss as the description
    page.evaluate("document.activeElement.blur()")
    box = word.bounding_box()  # a tap on the word itself
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.locator("#gloss").is_visible()
    assert page.eval_on_selector("#player-1", "a => a.paused")  # a tap asks, it does not play
    assert "CC-CEDICT" in page.locator(".credits").text_content()
