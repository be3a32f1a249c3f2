"""Cutting speech into sentences and joining it back (what the cache stores per sentence)."""

from __future__ import annotations

import pytest

from reader.model import Cue, Speech
from reader.speech.clips import clip_per_sentence, join_speech

RATE = 1000  # one sample per millisecond keeps the arithmetic readable


def pcm(samples: int, value: int = 1) -> bytes:
    return value.to_bytes(2, "little", signed=True) * samples


def test_split_then_join_gives_back_the_speech() -> None:
    speech = Speech(
        pcm(300, 1) + pcm(200, 2),
        RATE,
        (Cue(0.0, 0.3, "一。"), Cue(0.3, 0.5, "二。")),
        (Cue(0.05, 0.2, "一"), Cue(0.35, 0.45, "二")),
    )
    pieces = clip_per_sentence(speech)
    assert [piece.samples for piece in pieces] == [pcm(300, 1), pcm(200, 2)]
    assert pieces[1].sentences == (Cue(0.0, 0.2, "二。"),)
    assert pieces[1].words[0].start == pytest.approx(0.05)
    joined = join_speech(pieces)
    assert joined.samples == speech.samples
    assert [(c.start, c.end, c.text) for c in joined.sentences] == [
        (0.0, 0.3, "一。"),
        (0.3, 0.5, "二。"),
    ]
    assert [c.text for c in joined.words] == ["一", "二"]
    assert joined.words[1].start == pytest.approx(0.35)


def test_gaps_between_an_engines_cues_lose_no_audio() -> None:
    speech = Speech(pcm(500), RATE, (Cue(0.05, 0.2, "一。"), Cue(0.3, 0.45, "二。")))
    pieces = clip_per_sentence(speech)
    assert sum(len(piece.samples) for piece in pieces) == len(speech.samples)
    joined = join_speech(pieces)
    assert joined.sentences[0].start == 0.0
    assert joined.sentences[0].end == joined.sentences[1].start == 0.3
    assert joined.sentences[-1].end == joined.duration == 0.5


def test_join_converts_sample_rates() -> None:
    high = Speech(pcm(2000), 2000, (Cue(0.0, 1.0, "高。"),))
    low = Speech(pcm(1000), RATE, (Cue(0.0, 1.0, "低。"),))
    joined = join_speech([low, high])
    assert joined.sample_rate == RATE
    assert joined.duration == pytest.approx(2.0)
    assert joined.sentences[1].start == pytest.approx(1.0)


def test_join_of_nothing_is_empty() -> None:
    assert join_speech([]).samples == b""


def test_word_times_are_the_same_whether_a_sentence_was_cut_out_or_spoken_alone() -> None:
    rate = 24_000
    first, second = 13_799, 14_400  # samples; a word 13,800 samples into the second sentence
    word = 13_800 / rate
    together = Speech(
        pcm(first + second),
        rate,
        (Cue(0.0, first / rate, "一。"), Cue(first / rate, (first + second) / rate, "二。")),
        (Cue(first / rate + word, (first + second) / rate, "二"),),
    )
    alone = Speech(pcm(second), rate, (Cue(0.0, second / rate, "二。"),), (Cue(word, 0.6, "二"),))
    cut = clip_per_sentence(together)[1]
    assert cut.words[0].start == clip_per_sentence(alone)[0].words[0].start
    before = clip_per_sentence(together)[0]
    assert join_speech([before, cut]).words == join_speech([before, alone]).words
