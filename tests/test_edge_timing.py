"""The pure parts of the edge engine: request text, boundary placement, cues, completeness,
prosody and the service address."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.errors import UsageError
from reader.model import Sentence, SpeechText
from reader.speech.base import VoicePreset
from reader.speech.edge import service_url
from reader.speech.edge.client import prosody
from reader.speech.edge.timing import (
    Boundary,
    incompleteness,
    place,
    request_text,
    sentence_cues,
    word_cues,
)

HEADLINE = Sentence("金融活水", speech=SpeechText("金融活水", "金融活水"))
BODY = Sentence("他在重庆。", speech=SpeechText("他在重庆。", "他在崇庆。"))


def test_request_text_is_the_respelled_sentences_one_per_line() -> None:
    request = request_text([HEADLINE, BODY, Sentence("没有 读音\n的句子！")])

    assert request.text == "金融活水。\n他在崇庆。\n没有 读音 的句子！"
    assert [request.text[start:end] for start, end in request.spans] == [
        "金融活水。",
        "他在崇庆。",
        "没有 读音 的句子！",
    ]


def test_boundaries_are_placed_in_order_in_their_sentences() -> None:
    request = request_text([HEADLINE, BODY])
    boundaries = [
        Boundary("金融", 0.1, 0.4),
        Boundary("活水", 0.4, 0.7),
        Boundary("???", 0.7, 0.8),  # not in the text: skipped
        Boundary("他", 1.0, 1.1),
        Boundary("在", 1.1, 1.2),
        Boundary("崇庆", 1.2, 1.6),
    ]

    placed = place(request, boundaries)

    assert [(item.boundary.text, item.sentence) for item in placed] == [
        ("金融", 0),
        ("活水", 0),
        ("他", 1),
        ("在", 1),
        ("崇庆", 1),
    ]
    assert request.text[placed[-1].position :].startswith("崇庆")


def test_a_repeated_word_is_found_at_its_next_occurrence() -> None:
    first = Sentence("好的。", speech=SpeechText("好的。", "好的。"))
    request = request_text([first, first])
    placed = place(request, [Boundary("好的", 0.0, 0.3), Boundary("好的", 0.8, 1.1)])
    assert [item.sentence for item in placed] == [0, 1]


def test_sentence_cues_meet_halfway_through_the_pause_and_cover_the_audio() -> None:
    request = request_text([HEADLINE, BODY])
    placed = place(
        request,
        [Boundary("金融活水", 0.2, 1.0), Boundary("他在", 1.6, 2.0), Boundary("崇庆", 2.0, 2.5)],
    )

    cues = sentence_cues([HEADLINE, BODY], placed, duration=3.0)

    assert [(cue.start, cue.end, cue.text) for cue in cues] == [
        (0.0, 1.3, "金融活水"),
        (1.3, 3.0, "他在重庆。"),
    ]


def test_a_sentence_without_words_keeps_a_cue_in_the_pause() -> None:
    pause = Sentence("……", speech=SpeechText("……", "……"))
    request = request_text([HEADLINE, pause, BODY])
    placed = place(request, [Boundary("金融活水", 0.2, 1.0), Boundary("他在崇庆", 2.0, 2.8)])

    cues = sentence_cues([HEADLINE, pause, BODY], placed, duration=3.0)

    assert [(cue.start, cue.end) for cue in cues] == [(0.0, 1.0), (1.0, 1.5), (1.5, 3.0)]


def test_word_cues_show_the_written_text_and_skip_punctuation() -> None:
    request = request_text([HEADLINE, BODY])
    placed = place(
        request,
        [Boundary("金融活水", 0.2, 1.0), Boundary("。", 1.0, 1.1), Boundary("崇庆", 2.0, 2.5)],
    )

    words = word_cues([HEADLINE, BODY], request, placed)

    assert [(cue.text, cue.start) for cue in words] == [("金融活水", 0.2), ("重庆", 2.0)]


def test_a_respelling_of_another_length_shows_what_was_said() -> None:
    odd = Sentence("加入WTO。", speech=SpeechText("加入WTO。", "加入世贸组织。"))
    request = request_text([odd])
    words = word_cues([odd], request, place(request, [Boundary("世贸组织", 0.1, 0.6)]))
    assert [cue.text for cue in words] == ["世贸组织"]


def test_a_respelling_of_the_same_length_maps_back_character_for_character() -> None:
    letters = Sentence("用DNA检测。", speech=SpeechText("用DNA检测。", "用低恩诶检测。"))
    request = request_text([letters])
    words = word_cues([letters], request, place(request, [Boundary("低恩诶", 0.1, 0.6)]))
    assert [cue.text for cue in words] == ["DNA"]


def test_complete_audio_passes() -> None:
    request = request_text([HEADLINE, BODY])
    placed = place(request, [Boundary("金融活水", 0.2, 1.0), Boundary("他在崇庆", 1.5, 2.5)])
    assert incompleteness(request, placed, duration=2.6, tolerance=0.05) is None


def test_audio_shorter_than_the_last_word_is_incomplete() -> None:
    request = request_text([HEADLINE, BODY])
    placed = place(request, [Boundary("金融活水", 0.2, 1.0), Boundary("他在崇庆", 1.5, 2.5)])

    assert incompleteness(request, placed, duration=2.46, tolerance=0.05) is None
    problem = incompleteness(request, placed, duration=2.0, tolerance=0.05)
    assert problem == "the audio ends at 2.00 s, before the last word ends at 2.50 s"


def test_timings_that_stop_before_the_text_ends_are_incomplete() -> None:
    request = request_text([HEADLINE, BODY])
    placed = place(request, [Boundary("金融活水", 0.2, 1.0), Boundary("他", 1.5, 1.7)])

    problem = incompleteness(request, placed, duration=5.0, tolerance=0.05)

    assert problem == "the service stopped after 5 of 8 characters"


def test_one_unnamed_character_at_the_end_is_tolerated() -> None:
    request = request_text([BODY])
    placed = place(request, [Boundary("他在崇", 0.1, 0.8)])
    assert incompleteness(request, placed, duration=1.0, tolerance=0.05) is None


def test_no_timings_for_speakable_text_is_incomplete() -> None:
    request = request_text([BODY])
    assert incompleteness(request, [], 2.0, 0.05) == "the service sent no word timings"


@given(
    words=st.lists(
        st.tuples(st.integers(0, 2), st.floats(0.0, 5.0), st.floats(0.01, 1.0)), max_size=12
    ),
    extra=st.floats(0.0, 2.0),
)
def test_sentence_cues_always_tile_the_audio(
    words: list[tuple[int, float, float]], extra: float
) -> None:
    sentences = [Sentence(text, speech=SpeechText(text, text)) for text in ("甲。", "乙。", "丙。")]
    request = request_text(sentences)
    ordered = sorted(words, key=lambda word: (word[0], word[1]))
    boundaries = [
        Boundary("甲乙丙"[index], start, start + length) for index, start, length in ordered
    ]
    placed = place(request, boundaries)
    duration = max((item.boundary.end for item in placed), default=0.0) + extra

    cues = sentence_cues(sentences, placed, duration)

    assert len(cues) == 3 and cues[0].start == 0.0
    assert cues[-1].end == pytest.approx(max(duration, cues[-1].start))
    for cue, following in itertools.pairwise(cues):
        assert cue.start <= cue.end == following.start


def test_preset_ratios_become_the_services_prosody() -> None:
    preset = VoicePreset("p", "edge", "zh-CN-YunxiNeural", rate=0.85, pitch=1.1, volume=1.0)
    assert prosody(preset) == ("-15%", "+0%", "+20Hz")


def test_a_non_positive_ratio_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="rate must be a positive ratio"):
        prosody(VoicePreset("p", "edge", "zh-CN-YunxiNeural", rate=0.0))


def test_service_address_defaults_to_the_clients_and_can_be_overridden(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("READER_EDGE_WSS_URL", raising=False)
    assert service_url().startswith("wss://speech.platform.bing.com/")
    monkeypatch.setenv("READER_EDGE_WSS_URL", "ws://127.0.0.1:8123/edge/v1")
    assert service_url() == (
        "ws://127.0.0.1:8123/edge/v1?TrustedClientToken=6A5AA1D4EAFF4E9FB37E23D68491D6F4"
    )
    with pytest.raises(UsageError):
        service_url("ftp://example.org/")
