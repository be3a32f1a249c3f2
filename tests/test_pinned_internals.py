"""What reader reaches into inside other libraries, and the exact versions that have it.

`reader.pronounce.name_tags` subclasses jieba's POSTokenizer and overrides its name-mangled
private methods, `reader.pronounce.readings` reads jieba's block patterns and dictionary, and
`reader.speech.edge.client` sets `edge_tts.communicate.WSS_URL` and reads the client's turn
state. None of that is public API, so pyproject.toml pins these libraries exactly; when an
upgrade moves the pin, these tests say what to check before trusting it.
"""

from __future__ import annotations

import inspect
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"

# distribution -> the private names reader uses in it (module.attribute), and where
REACHED_INTO = {
    "jieba": (
        "reader/pronounce/name_tags.py and readings.py",
        [
            "jieba.posseg.POSTokenizer._POSTokenizer__cut",
            "jieba.posseg.POSTokenizer._POSTokenizer__cut_DAG",
            "jieba.posseg.POSTokenizer._POSTokenizer__cut_detail",
            "jieba.posseg.POSTokenizer.makesure_userdict_loaded",
            "jieba.posseg.pair",
            "jieba.posseg.re_han_detail",
            "jieba.posseg.re_han_internal",
            "jieba.posseg.char_state_tab",
            "jieba.posseg.prob_emit",
            "jieba.posseg.prob_start",
            "jieba.posseg.prob_trans",
            "jieba.posseg.dt.word_tag_tab",
            "jieba.dt.FREQ",
            "jieba.re_han_default",
            "jieba.re_skip_default",
        ],
    ),
    "edge-tts": (
        "reader/speech/edge/client.py",
        [
            "edge_tts.communicate.WSS_URL",
            "edge_tts.constants.WSS_URL",
            "edge_tts.constants.WSS_HEADERS",
            "edge_tts.constants.TICKS_PER_SECOND",
            "edge_tts.drm.DRM.generate_sec_ms_gec",
            "edge_tts.drm.DRM.headers_with_muid",
            "edge_tts.drm.DRM.handle_client_response_error",
        ],
    ),
}


def _pin(distribution: str) -> str | None:
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    for requirement in dependencies:
        match = re.fullmatch(rf"{re.escape(distribution)}==([\w.]+)", requirement, re.IGNORECASE)
        if match:
            return match.group(1)
    return None


def _resolve(dotted: str) -> object:
    parts = dotted.split(".")
    target: object = __import__(parts[0])
    for position, part in enumerate(parts[1:], start=1):
        if not hasattr(target, part):
            __import__(".".join(parts[: position + 1]))  # a submodule not imported yet
        target = getattr(target, part)
    return target


@pytest.mark.parametrize("distribution", sorted(REACHED_INTO))
def test_what_we_reach_into_is_pinned_exactly(distribution: str) -> None:
    pin, installed = _pin(distribution), version(distribution)
    where = REACHED_INTO[distribution][0]
    assert pin is not None, (
        f"{distribution} must be pinned with == in pyproject.toml: {where} uses its internals"
    )
    assert installed == pin, (
        f"{distribution} {installed} is installed but pyproject.toml pins {pin}; {where} uses "
        f"its internals, so check them against the new version (this file lists them)"
    )


@pytest.mark.parametrize("distribution", sorted(REACHED_INTO))
def test_the_internals_are_still_there(distribution: str) -> None:
    where, names = REACHED_INTO[distribution]
    missing = []
    for name in names:
        try:
            _resolve(name)
        except (AttributeError, ImportError):
            missing.append(name)
    assert not missing, (
        f"{distribution} {version(distribution)} no longer has {', '.join(missing)}, "
        f"which {where} relies on"
    )


def test_jieba_still_hands_runs_to_the_methods_name_tags_overrides() -> None:
    from jieba.posseg import POSTokenizer

    detail = inspect.getsource(POSTokenizer._POSTokenizer__cut_detail)
    internal = inspect.getsource(POSTokenizer._POSTokenizer__cut_internal)
    assert "self.__cut(" in detail and "self.__cut_DAG" in internal, (
        "jieba's POSTokenizer no longer calls __cut from __cut_detail and __cut_DAG from "
        "__cut_internal: reader/pronounce/name_tags.py's overrides would not be used"
    )


def test_edge_tts_still_reads_the_service_address_when_it_connects() -> None:
    import edge_tts.communicate

    source = inspect.getsource(edge_tts.communicate.Communicate)
    assert "WSS_URL" in source and "chunk_audio_bytes" in source, (
        "edge_tts.Communicate no longer reads the module's WSS_URL when it connects, or no "
        "longer counts chunk_audio_bytes: reader/speech/edge/client.py relies on both"
    )
