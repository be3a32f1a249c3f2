"""`reader normalize` as users run it: outputs, --explain, stdin, exit codes, one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.normalize import normalize, render_text

ROOT = Path(__file__).resolve().parent.parent
READER = Path(sys.executable).parent / "reader"
Capture = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch


def run(
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: bytes = b"",
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    with pytest.raises(SystemExit) as done:
        main(args)
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, err


def test_text_to_stdout(
    sample_path: Path, sample_text: str, capsys: Capture, monkeypatch: Patch
) -> None:
    code, out, err = run(["normalize", str(sample_path)], capsys, monkeypatch)
    assert code == 0 and err == ""
    assert out == render_text(normalize(sample_text).article)


def test_json_to_file_atomically(
    sample_path: Path, tmp_path: Path, capsys: Capture, monkeypatch: Patch
) -> None:
    target = tmp_path / "out" / "sample.json"
    code, out, _ = run(
        ["normalize", str(sample_path), "--format", "json", "-o", str(target)], capsys, monkeypatch
    )
    assert code == 0 and out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["title"] == "筑牢安全屏障 护航高质量发展"
    assert len(data["paragraphs"]) == 8
    assert [p.name for p in target.parent.iterdir()] == ["sample.json"]  # no temp file left


def test_explain_goes_to_stderr(sample_path: Path, capsys: Capture, monkeypatch: Patch) -> None:
    code, out, err = run(["normalize", str(sample_path), "--explain"], capsys, monkeypatch)
    assert code == 0
    assert out.startswith("筑牢安全屏障 护航高质量发展\n")
    assert "line 282: doubled-characters: '（（九九））' -> '（九）'" in err
    assert "line 3: join-lines:" in err


def test_stdin_and_forced_encoding(sample_text: str, capsys: Capture, monkeypatch: Patch) -> None:
    data = sample_text.encode("gb18030")
    code, out, _ = run(["normalize", "-", "--encoding", "gb18030"], capsys, monkeypatch, stdin=data)
    assert code == 0
    assert out == render_text(normalize(sample_text).article)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "no such file"),
        (".", None, "is a directory"),
        ("empty.txt", b"", "is empty"),
        ("blank.txt", " \n\n\u3000 ".encode(), "only white space"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00", "PNG"),
        ("mojibake.txt", b"\xff\xfe\xfd\xfc" * 3 + b"a", "offset"),
    ],
)
def test_bad_input_exits_65_with_one_line(
    tmp_path: Path,
    name: str,
    content: bytes | None,
    message: str,
    capsys: Capture,
    monkeypatch: Patch,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(["normalize", str(path)], capsys, monkeypatch)
    assert code == 65
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("reader: error: ") and message in err
    assert "Traceback" not in err


def test_max_size(sample_path: Path, capsys: Capture, monkeypatch: Patch) -> None:
    code, _, err = run(["normalize", str(sample_path), "--max-size", "100"], capsys, monkeypatch)
    assert code == 65 and "over the limit of 100" in err
    code, _, err = run(["normalize", "-", "--max-size", "10"], capsys, monkeypatch, stdin=b"x" * 11)
    assert code == 65 and "over the limit" in err


@pytest.mark.parametrize(
    "args",
    [
        ["normalize"],
        ["normalize", "x.txt", "--format", "xml"],
        ["normalize", "x.txt", "--encoding", "klingon"],
        ["normalize", "x.txt", "--max-size", "0"],
        ["normalize", "x.txt", "--bogus"],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: Capture, monkeypatch: Patch) -> None:
    code, _, err = run(args, capsys, monkeypatch)
    assert code == 2
    assert "Traceback" not in err


def test_help_shows_a_working_example(
    sample_path: Path, capsys: Capture, monkeypatch: Patch
) -> None:
    code, out, _ = run(["normalize", "--help"], capsys, monkeypatch)
    assert code == 0
    example = next(
        line.strip() for line in out.splitlines() if line.strip().startswith("reader normalize ")
    )
    args = example.split()[1:]
    assert args == ["normalize", "examples/000_be6178708a06076a.txt"]
    code, out, _ = run([args[0], str(ROOT / args[1])], capsys, monkeypatch)
    assert code == 0 and out


def test_installed_entry_point(sample_path: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(READER), "normalize", str(sample_path), "--format", "json"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["series"] == "（九）"
    missing = subprocess.run(
        [str(READER), "normalize", str(tmp_path / "nope.txt")],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert missing.returncode == 65
    assert (
        missing.stderr.decode().strip() == f"reader: error: no such file: {tmp_path / 'nope.txt'}"
    )
