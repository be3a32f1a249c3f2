"""`reader pinyin`: the JSON Lines contract, the page, the JSON, and one-line errors."""

from __future__ import annotations

import html.parser
import io
import json
import sys
from pathlib import Path

import pytest

from reader.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(args)
    captured = capsys.readouterr()
    return int(done.value.code or 0), captured.out, captured.err


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "in.txt"
    path.write_text(
        "银行行长在调解纠纷，“156”战略\n\n<script>alert('x')</script>&\n孙慧姣说：“好！”\n",
        encoding="utf-8",
    )
    return path


def test_jsonl_one_line_per_input_line(text_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["pinyin", str(text_file), "--format", "jsonl"], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    inputs = text_file.read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(inputs) == 4
    for row, line in zip(rows, inputs, strict=True):
        assert "".join(cell[0] for cell in row) == line  # every character, in order
        for char, pinyin, hard in row:
            assert len(char) == 1 and isinstance(hard, bool)
            assert (pinyin is None) == (not "\u4e00" <= char <= "\u9fff")
    assert rows[0][:4] == [["银", "yín", False], ["行", "háng", True], ["行", "háng", True],
                           ["长", "zhǎng", False]]  # fmt: skip
    assert rows[1] == []
    assert [c[2] for c in rows[3][:3]] == [True, True, True]  # a name is hard


def test_stdin_and_crlf(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = "重点\r\n行业\r\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(["pinyin", "-", "--format", "jsonl"], capsys)
    assert code == 0
    assert out.splitlines() == [
        '[["重", "zhòng", false], ["点", "diǎn", false]]',
        '[["行", "háng", false], ["业", "yè", false]]',  # too common to annotate
    ]


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.rubies = 0
        self.rt: list[str] = []
        self.scripts = 0
        self._in_rt = False
        self.plain: list[str] = []
        self._hidden = 0
        self._sr = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        self.rubies += tag == "ruby"
        self.scripts += tag == "script"
        self._in_rt = tag == "rt"
        self._sr = found.get("class") == "sr-only" and tag == "span"

    def handle_endtag(self, tag: str) -> None:
        self._in_rt = False
        self._sr = False

    def handle_data(self, data: str) -> None:
        if self._in_rt:
            self.rt.append(data)
        if self._sr:
            self.plain.append(data)


def test_html_page(text_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["pinyin", str(text_file)], capsys)
    assert code == 0
    page = _Page()
    page.feed(out)
    assert page.lang == "zh-CN"
    assert page.scripts == 0  # the hostile line stays text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;" in out
    assert "háng" in page.rt and "jiāo" in page.rt
    assert "yín" not in page.rt  # the hard level leaves 银 alone
    assert "<ruby>行<rp>(</rp><rt>háng</rt><rp>)</rp></ruby>" in out
    # Screen readers get each paragraph once, as plain text, without the annotations.
    assert "银行行长在调解纠纷，“156”战略" in page.plain
    assert 'aria-hidden="true"' in out


def test_html_levels(text_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, everything, _ = run(["pinyin", str(text_file), "--level", "all"], capsys)
    _, nothing, _ = run(["pinyin", str(text_file), "--level", "none"], capsys)
    assert "<rt>yín</rt>" in everything
    assert "<ruby" not in nothing and "孙慧姣说" in nothing


def test_json_has_speech(text_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["pinyin", str(text_file), "--format", "json"], capsys)
    assert code == 0
    document = json.loads(out)
    first = document["lines"][0]["sentences"][0]
    assert first["speech"]["text"] == "银行行长在调解纠纷，“一五六”战略"
    assert first["speech"]["pinyin"][:4] == ["yin2", "hang2", "hang2", "zhang3"]


def test_lexicon_and_output_file(
    text_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lexicon = tmp_path / "names.tsv"
    lexicon.write_text("孙慧姣\tsun1 hui4 xiao2\n", encoding="utf-8")
    target = tmp_path / "out" / "p.jsonl"
    code, out, _ = run(
        [
            "pinyin",
            str(text_file),
            "--format",
            "jsonl",
            "--lexicon",
            str(lexicon),
            "-o",
            str(target),
        ],
        capsys,
    )
    assert code == 0 and out == ""
    last = json.loads(target.read_text(encoding="utf-8").splitlines()[3])
    assert last[2] == ["姣", "xiáo", True]


@pytest.mark.parametrize(
    ("setup", "code", "words"),
    [
        (lambda p: None, 65, "no such file"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"), 65, "PNG"),
        (lambda p: p.write_bytes(b"abc\x00" * 100), 65, "x.txt: looks binary"),
    ],
)
def test_input_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: object, code: int, words: str
) -> None:
    path = tmp_path / "x.txt"
    setup(path)  # type: ignore[operator]
    got, out, err = run(["pinyin", str(path)], capsys)
    assert got == code and out == ""
    assert err.count("\n") == 1 and words in err


def test_bad_lexicon_exit_code(
    text_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lexicon = tmp_path / "bad.toml"
    lexicon.write_text('孙慧姣 = "sun1"\n', encoding="utf-8")
    code, out, err = run(["pinyin", str(text_file), "--lexicon", str(lexicon)], capsys)
    assert code == 65 and out == ""
    assert f"{lexicon}:1:" in err and err.count("\n") == 1


def test_bad_level_is_a_usage_error(text_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["pinyin", str(text_file), "--level", "some"], capsys)
    assert code == 2 and "--level" in err


@pytest.mark.browser
def test_html_page_in_a_browser(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The page passes axe-core, shows pinyin over hard terms, and exposes plain text."""
    from browser_support import chromium, describe, run_axe

    source = tmp_path / "in.txt"
    source.write_text("未雨绸缪，夯实基础。\n市政府办金融科科长孙慧姣表示，要稳妥处置风险。\n")
    page_file = tmp_path / "pinyin.html"
    code, _, _ = run(["pinyin", str(source), "-o", str(page_file)], capsys)
    assert code == 0
    with chromium() as context:
        page = context.new_page()
        page.goto(page_file.as_uri())
        violations = run_axe(page)
        assert not violations, describe(violations)
        shown = page.locator("rt").all_inner_texts()
        assert "chóu" in shown and "jiāo" in shown
        # What assistive technology reads: each paragraph once, without the pinyin.
        spoken = page.locator("main").evaluate(
            "main => [...main.querySelectorAll('p')].map(p => "
            "[...p.childNodes].filter(n => n.getAttribute('aria-hidden') !== 'true')"
            ".map(n => n.textContent).join(''))"
        )
        assert spoken == ["未雨绸缪，夯实基础。", "市政府办金融科科长孙慧姣表示，要稳妥处置风险。"]
