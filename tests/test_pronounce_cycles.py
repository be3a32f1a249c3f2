"""The cycle collector is paused for a pronunciation pass and left as it was found."""

from __future__ import annotations

import gc

import pytest

from reader.pronounce.cycles import no_cycle_collection


def test_paused_inside_and_resumed_after() -> None:
    assert gc.isenabled()
    with no_cycle_collection():
        assert not gc.isenabled()
        with no_cycle_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not resume it early
    assert gc.isenabled()


def test_resumed_after_an_error() -> None:
    with pytest.raises(RuntimeError), no_cycle_collection():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_left_off_when_the_caller_had_it_off() -> None:
    gc.disable()
    try:
        with no_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
