"""Helpers for the browser tests: Debian's Chromium through Playwright, a local server with
HTTP Range support (so audio can seek), real MP3 files, and a rendered sample page."""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import json
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
from pypinyin import Style, lazy_pinyin, pinyin

from reader import audio as pcm
from reader.model import (
    Article,
    Cue,
    Paragraph,
    Section,
    SectionAudio,
    Sentence,
    SpeechText,
    Syllable,
)
from reader.page import render_page
from reader.speech.base import VoicePreset

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "output" / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--autoplay-policy=no-user-gesture-required",
]
SAMPLE_RATE = 24_000
SENTENCE_SECONDS = 1.6
SENTENCE_GAP = 0.4
SECTION_GAP = 1.0


def require_browser() -> None:
    """Skip (with the reason) when the machine lacks Chromium or axe-core."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium (make test installs it)")
    if not AXE.exists():
        pytest.skip("needs axe-core in node_modules (make test runs npm ci)")


_playwright: Any = None


def _shared_playwright() -> Any:
    """One Playwright driver per test process: a second sync_playwright() inside the first's
    event loop is refused, and tests of several modules open browsers."""
    global _playwright
    if _playwright is None:
        from playwright.sync_api import sync_playwright

        _playwright = sync_playwright().start()
        atexit.register(_playwright.stop)
    return _playwright


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium with a fresh profile; yields a Playwright BrowserContext factory."""
    require_browser()
    profile = Path(tempfile.mkdtemp(prefix="reader-chromium-"))
    try:
        context = _shared_playwright().chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 900},
            locale="zh-CN",
        )
        try:
            yield context
        finally:
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class _RangeRequestHandler(SimpleHTTPRequestHandler):
    """Static files with single byte ranges: Chromium seeks media only over Range requests."""

    def send_head(self) -> Any:
        match = _RANGE.fullmatch(self.headers.get("Range", "").strip())
        path = Path(self.translate_path(self.path))
        if match is None or not path.is_file() or not (match[1] or match[2]):
            return super().send_head()
        data = path.read_bytes()
        size = len(data)
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:
            start, end = max(0, size - int(match[2])), size - 1
        if start >= size or start > end:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{size}")
            self.end_headers()
            return None
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return io.BytesIO(data[start : end + 1])

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port); yields the base URL ending in '/'."""
    handler = functools.partial(_RangeRequestHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


Timed = tuple[bytes, tuple[Cue, ...], tuple[Cue, ...]]  # samples, sentence cues, word cues


def _tone_speech(sentences: Sequence[Sentence]) -> Timed:
    """A soft tone per sentence with silence between: known, round cue times; each Han
    character a word cue spread evenly over its sentence."""
    step = SENTENCE_SECONDS + SENTENCE_GAP
    cues = tuple(
        Cue(round(SENTENCE_GAP + n * step, 3), round((n + 1) * step, 3), s.text)
        for n, s in enumerate(sentences)
    )
    words: list[Cue] = []
    for cue, item in zip(cues, sentences, strict=True):
        characters = _HAN.findall(item.text)
        width = (cue.end - cue.start) / max(1, len(characters))
        words += [
            Cue(cue.start + k * width, cue.start + (k + 1) * width, char)
            for k, char in enumerate(characters)
        ]
    signal = np.zeros(round((cues[-1].end + SENTENCE_GAP) * SAMPLE_RATE), dtype=np.float32)
    for number, cue in enumerate(cues):
        start, end = round(cue.start * SAMPLE_RATE), round(cue.end * SAMPLE_RATE)
        time = np.arange(end - start) / SAMPLE_RATE
        signal[start:end] = 0.2 * np.sin(2 * np.pi * (330 + 40 * number) * time)
    return pcm.from_float(signal), cues, tuple(words)


@functools.cache
def offline_engine() -> Any | None:
    """The embedded offline voice, loaded once (a missing model fails the test, loudly)."""
    from reader.speech.offline import SAMPLE_RATE as VOICE_RATE
    from reader.speech.offline import OfflineEngine

    assert VOICE_RATE == SAMPLE_RATE
    engine = OfflineEngine()
    engine.model  # noqa: B018 - loads and verifies the model files now
    return engine


def _voice_speech(engine: Any, sentences: Sequence[Sentence]) -> Timed:
    preset = VoicePreset(name="offline", engine="offline", voice="databaker")
    speech = engine.synthesize(sentences, preset)
    cues: tuple[Cue, ...] = speech.sentences
    words: tuple[Cue, ...] = speech.words
    return speech.samples, cues, words


_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_RUNS = re.compile(r"[\u4e00-\u9fff]+|[^\u4e00-\u9fff]+")


def sentence(text: str, hard_words: Sequence[str] = ()) -> Sentence:
    """A sentence with its syllables: pypinyin readings, hard where a hard word covers it."""
    hard = [False] * len(text)
    for word in hard_words:
        for found in re.finditer(re.escape(word), text):
            hard[found.start() : found.end()] = [True] * len(word)
    syllables: list[Syllable] = []
    for run in _HAN_RUNS.finditer(text):
        if not _HAN.match(run[0]):  # other text stays one unit without a reading
            syllables.append(Syllable(run[0]))
            continue
        readings = pinyin(run[0], style=Style.TONE)  # phrase-aware within the run
        for offset, (char, reading) in enumerate(zip(run[0], readings, strict=True)):
            syllables.append(Syllable(char, reading[0], hard=hard[run.start() + offset]))
    return Sentence(text, tuple(syllables), SpeechText(text, text, _spoken_pinyin(text)))


_PAUSES = set("，。、；：？！")


def _spoken_pinyin(text: str) -> tuple[str, ...]:
    """What the offline voice reads: tone-number syllables, punctuation as pause tokens."""
    tokens: list[str] = []
    for run in _HAN_RUNS.finditer(text):
        if _HAN.match(run[0]):
            tokens += lazy_pinyin(run[0], style=Style.TONE3, neutral_tone_with_five=True)
        else:
            tokens += [char for char in run[0] if char in _PAUSES]
    return tuple(tokens)


def paragraph(*texts: str, hard: Sequence[str] = ()) -> Paragraph:
    return Paragraph(tuple(sentence(text, hard) for text in texts))


HARD = ("绸缪", "夯实", "锚定", "孙慧姣", "刀把子", "汛")


SAMPLE_PARAGRAPHS = (
    (
        "国家安全是民族复兴的根基，社会稳定是国家强盛的前提。",
        "必须常怀忧患之心，才能做到有备无患、防患未然。",
    ),
    (
        "市政府办金融科科长孙慧姣表示，全市金融系统将以市两会精神为指引。",
        "牢牢守住不发生系统性金融风险底线。",
    ),
    ("锚定总目标，夯实应急管理基层基础。", "努力以改革创新推动应急管理事业高质量发展。"),
    ("公安机关作为党和人民手中的“刀把子”，确保全市大局高度安全稳定。",),
    (
        "“未雨绸缪，科学做好极端天气防范应对，气象部门责无旁贷。”",
        "立足防大汛、抗大旱、抢大险、救大灾。",
    ),
)


@functools.cache
def _pronouncer() -> Any:
    from reader.pronounce import Pronouncer

    return Pronouncer()


def sample_article(
    title: str = "筑牢安全屏障 护航高质量发展", *, pronounce: bool = False
) -> Article:
    """A short article in the sample's shape: headline, subtitle, three parts, a caption.

    Pronounced by `reader.pronounce` when `pronounce`, else with readings made here (fast)."""

    def make(*texts: str) -> Paragraph:
        if pronounce:  # plain sentences; the pronunciation stage fills them below
            return Paragraph(tuple(Sentence(text) for text in texts))
        return paragraph(*texts, hard=HARD)

    article = Article(
        title=make(title),
        subtitle=make("我市持续加强风险防范，全力维护社会和谐稳定"),
        series="（九）",
        byline="本报记者 王静",
        captions=(make("日常巡逻维护和谐稳定"),),
        paragraphs=tuple(make(*texts) for texts in SAMPLE_PARAGRAPHS),
    )
    if pronounce:
        pronounced: Article = _pronouncer().article(article)
        return pronounced
    return article


def sample_sections(article: Article) -> tuple[Section, ...]:
    intro = tuple(block for block in (article.title, article.subtitle) if block is not None)
    body = article.paragraphs
    return (
        Section(0, "开篇", body[:1], intro=intro),
        Section(1, "金融与应急管理", body[1:3]),
        Section(2, "公安与气象", body[3:]),
    )


@dataclass(frozen=True)
class Site:
    folder: Path
    article: Article
    sections: tuple[SectionAudio, ...]
    episode_duration: float
    speaker: str  # "offline" (the embedded voice) or "tone" (a synthetic signal)

    def cue_of(self, element_id: str) -> tuple[SectionAudio, Cue]:
        """The section and cue of a sentence element id such as 's1-2'."""
        section, number = element_id[1:].split("-")
        audio = self.sections[int(section)]
        return audio, audio.cues[int(number)]


def build_site(folder: Path, article: Article | None = None, *, voice: bool = False) -> Site:
    """Render the page into `folder` with a real MP3 per section and for the episode: spoken
    by the offline voice when `voice`, else tones (for tests of the page's mechanics)."""
    article = article or sample_article(pronounce=voice)
    engine = offline_engine() if voice else None
    audios: list[SectionAudio] = []
    episode: list[bytes] = []
    offset = 0.0
    for section in sample_sections(article):
        sentences = [s for block in section.spoken() for s in block.sentences]
        samples, cues, words = (
            _voice_speech(engine, sentences) if engine else _tone_speech(sentences)
        )
        file = f"audio/{section.index + 1:02d}-part.mp3"
        pcm.encode_mp3(samples, SAMPLE_RATE, folder / file)
        duration = soundfile.info(str(folder / file)).duration  # measured on the real file
        audios.append(SectionAudio(section, file, offset, duration, cues, words))
        episode += [samples, pcm.silence(SECTION_GAP, SAMPLE_RATE)]
        offset += pcm.duration(samples, SAMPLE_RATE) + SECTION_GAP
    pcm.encode_mp3(pcm.concat(episode[:-1]), SAMPLE_RATE, folder / "episode.mp3")
    episode_duration = soundfile.info(str(folder / "episode.mp3")).duration
    page = render_page(
        article, audios, episode_file="episode.mp3", episode_duration=episode_duration
    )
    (folder / "index.html").write_text(page, encoding="utf-8")
    return Site(folder, article, tuple(audios), episode_duration, "offline" if engine else "tone")


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (all rules but experimental ones)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "async () => JSON.parse(JSON.stringify(await axe.run(document, "
        "{resultTypes: ['violations']})))"
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [
            {
                "id": v["id"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:5]],
                "summary": v["nodes"][0].get("failureSummary", "") if v["nodes"] else "",
            }
            for v in violations
        ],
        ensure_ascii=False,
        indent=1,
    )


CURRENT_ID = "document.querySelector('.s.current') && document.querySelector('.s.current').id"
VISIBLE_RT = "[...document.querySelectorAll('rt')].filter(rt => rt.getClientRects().length).length"


def open_page(browser: Any, url: str) -> Any:
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
    page.wait_for_load_state("load")
    return page


def fresh_page(browser: Any, base_url: str) -> Any:
    """The sample page over HTTP, with settings and positions from earlier tests forgotten."""
    page = open_page(browser, base_url + "index.html")
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_load_state("load")
    return page


def seek(page: Any, selector: str, seconds: float) -> None:
    """Move a player as its slider would: players load nothing until asked (preload=none),
    so the media's metadata is fetched first."""
    page.eval_on_selector(
        selector,
        """(audio, time) => new Promise(done => {
            const go = () => { audio.currentTime = time; done(); };
            if (audio.readyState >= 1) return go();
            audio.addEventListener('loadedmetadata', go, {once: true});
            audio.preload = 'metadata';
            audio.load();
        })""",
        seconds,
    )


def seek_into(page: Any, site: Site, element_id: str, player: str = "section") -> None:
    """Move a player to the middle of a sentence's cue."""
    audio, cue = site.cue_of(element_id)
    middle = (cue.start + cue.end) / 2
    if player == "episode":
        seek(page, "#episode", audio.start + middle)
    else:
        seek(page, f"#player-{audio.section.index}", middle)


def wait_current(page: Any, element_id: str) -> None:
    page.wait_for_function(f"({CURRENT_ID}) === {element_id!r}", timeout=8000)


def player_time(page: Any, selector: str) -> float:
    value: float = page.eval_on_selector(selector, "audio => audio.currentTime")
    return value


# WCAG contrast of an element's text (or its ::before, or a named colour property) against
# the background it is painted on: the first opaque background up its ancestors.
CONTRAST_JS = """(element, pseudo) => {
    const rgb = text => (text.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
        const f = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const color = rgb(getComputedStyle(element, pseudo || null).color);
    let node = element, back = [255, 255, 255];
    while (node && node.nodeType === 1) {
        const bg = rgb(getComputedStyle(node).backgroundColor);
        if (bg.length === 3 || (bg.length === 4 && bg[3] > 0.5)) { back = bg.slice(0, 3); break; }
        node = node.parentElement;
    }
    const a = lum(color.slice(0, 3)), b = lum(back);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def settled(page: Any) -> None:
    """Wait until no colour is fading: the spoken sentence's background eases over 0.25 s
    whenever it changes (highlight, theme, print), and a colour read mid-fade is neither."""
    page.wait_for_function("document.getAnimations().length === 0", timeout=8000)


def contrast(page: Any, selector: str, pseudo: str = "") -> float:
    settled(page)
    ratio: float = page.eval_on_selector(selector, CONTRAST_JS, pseudo)
    return ratio


def pause_on(page: Any, site: Site, element_id: str) -> None:
    """Make `element_id` the spoken sentence, paused in its middle, its highlight settled
    (it fades in over 0.25 s: colours read mid-fade are neither old nor new)."""
    seek_into(page, site, element_id)
    wait_current(page, element_id)
    settled(page)


def wait_playing(page: Any, selector: str) -> None:
    page.wait_for_function(f"!document.querySelector({selector!r}).paused", timeout=8000)
