"""Voice presets from reader/speech/voices/*.toml and --voice / --rate resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import InputError, UsageError
from reader.speech.presets import load_presets, parse_preset, parse_rate, resolve_voice

BUILT_IN = {"offline", "xiaoxiao", "yunyang", "yunxi", "xiaoyi"}


def test_shipped_presets() -> None:
    presets = load_presets()
    assert {"offline", "xiaoxiao", "yunyang", "yunxi", "xiaoyi"} <= set(presets)
    assert presets["offline"].engine == "offline"
    assert presets["xiaoxiao"].voice == "zh-CN-XiaoxiaoNeural"
    assert presets["yunyang"].voice == "zh-CN-YunyangNeural"
    assert all(preset.description for preset in presets.values())
    assert "non-commercial" in presets["offline"].description


def test_the_examples_in_voices_are_valid_user_presets(monkeypatch: pytest.MonkeyPatch) -> None:
    """`voices/` holds examples of users' own presets (the built-in ones live in the package,
    so there is no second copy to drift); each must load as the README there says."""
    examples = Path(__file__).resolve().parent.parent / "voices"
    assert (examples / "README.md").is_file()
    monkeypatch.setenv("READER_VOICES_DIR", str(examples))
    presets = load_presets()
    for path in examples.glob("*.toml"):
        assert path.stem in presets and path.stem not in BUILT_IN
        assert parse_preset(path) == presets[path.stem]


def test_defaults_per_engine() -> None:
    assert resolve_voice(None, "offline").name == "offline"
    assert resolve_voice(None, "edge").name == "xiaoxiao"
    assert resolve_voice(None, "auto").voice == "zh-CN-XiaoxiaoNeural"


def test_by_name_by_voice_id_and_any_edge_id() -> None:
    assert resolve_voice("yunyang", "auto").voice == "zh-CN-YunyangNeural"
    assert resolve_voice("zh-cn-yunxineural", "edge").name == "yunxi"
    other = resolve_voice("zh-TW-HsiaoChenNeural", "edge")
    assert (other.engine, other.voice) == ("edge", "zh-TW-HsiaoChenNeural")


def test_unknown_voice_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown voice 'nobody'") as caught:
        resolve_voice("nobody", "auto")
    assert caught.value.exit_code == 64
    assert "xiaoxiao" in str(caught.value)


def test_voice_of_the_other_engine_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="edge engine"):
        resolve_voice("xiaoxiao", "offline")
    with pytest.raises(UsageError, match="offline engine"):
        resolve_voice("offline", "edge")


def test_extra_presets_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "slow.toml").write_text(
        'engine = "offline"\nvoice = "databaker"\nrate = 0.8\ndescription = "slower"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("READER_VOICES_DIR", str(tmp_path))
    slow = resolve_voice("slow", "auto")
    assert (slow.name, slow.engine, slow.rate) == ("slow", "offline", 0.8)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("engine = [", "not a voice preset"),
        ('engine = "offline"\n', "missing 'voice'"),
        ('engine = "cloud"\nvoice = "x"\n', "engine must be one of"),
        ('engine = "edge"\nvoice = "x"\nrate = 9\n', "outside"),
        ('engine = "edge"\nvoice = "x"\nvolume = 0\n', "outside"),
        ('engine = "edge"\nvoice = "x"\npitch = "high"\n', "must be a number"),
    ],
)
def test_bad_preset_file_names_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content: str, message: str
) -> None:
    (tmp_path / "bad.toml").write_text(content, encoding="utf-8")
    monkeypatch.setenv("READER_VOICES_DIR", str(tmp_path))
    with pytest.raises(InputError, match=message) as caught:
        load_presets()
    assert "bad.toml" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "ratio"), [("1.2", 1.2), ("+20%", 1.2), ("-10%", 0.9), ("150%", 1.5), (" 1 ", 1.0)]
)
def test_rate_forms(text: str, ratio: float) -> None:
    assert parse_rate(text) == pytest.approx(ratio)


@pytest.mark.parametrize("text", ["fast", "0", "-100%", "10", "nan"])
def test_bad_rate_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="rate"):
        parse_rate(text)
