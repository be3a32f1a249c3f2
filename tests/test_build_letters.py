"""A build with Latin letters: the offline voice spells them, the page keeps them, and the
English it cannot say is named in report.txt (never dropped silently)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main

pytestmark = pytest.mark.slow

ARTICLE = """5G基站建设提速

本报讯 今年GDP增长5%，5G基站和APP用户持续增加。

新款iPhone昨天在本市上市，广告语是Think different, stay curious. 不少年轻市民一早就来排队购买。
"""


def test_the_report_names_english_the_offline_voice_cannot_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "letters.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    args = ["build", str(source), "-o", str(tmp_path / "out"), "--engine", "offline", "-q"]
    with pytest.raises(SystemExit) as done:
        main([*args, "--date", "2025-03-01"])
    assert done.value.code == 0
    folder = Path(capsys.readouterr().out.strip())
    report = (folder / "report.txt").read_text(encoding="utf-8")
    assert "English word spelled letter by letter by the offline voice: iPhone" in report
    assert "English text left out of the offline speech: “Think different, stay curious.”" in (
        report
    )
    assert "warnings (2):" in report  # acronyms (GDP, 5G, APP) are simply spelled
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "GDP" in page and "iPhone" in page  # the page keeps the article's letters
