"""The array Viterbi tags exactly as jieba.posseg does (it is only faster)."""

from __future__ import annotations

import random
from pathlib import Path

import jieba.posseg
import pytest

from reader.pronounce import name_tags, readings

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "000_be6178708a06076a.txt"


def _jieba(text: str) -> list[tuple[str, str]]:
    return [(found.word, found.flag) for found in jieba.posseg.lcut(text)]


def test_unknown_words_of_the_sample_tag_as_jieba_tags_them() -> None:
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    unknown = {word.text for r in readings.read(lines) for word in r.words if word.tag == "new"}
    assert len(unknown) > 10
    for word in sorted(unknown):
        assert name_tags.tag(word) == _jieba(word), word


@pytest.mark.parametrize(
    "text",
    ["孙慧姣", "王建国", "更实", "警情", "张三丰来到了武当山", "㐀㐁", "a1孙", "姣"],
)
def test_names_and_glued_words_tag_as_jieba_tags_them(text: str) -> None:
    assert name_tags.tag(text) == _jieba(text)


@pytest.mark.parametrize("text", ["蛲踽邗宴", "能臊穷牯诔", "藐撖柯鲅", "校膦汨享鲒瑚"])
def test_characters_whose_listed_states_cannot_follow_tag_as_jieba_tags_them(text: str) -> None:
    # jieba falls back to every state the previous character leads to.
    assert name_tags.tag(text) == _jieba(text)


def test_random_runs_of_characters_tag_as_jieba_tags_them() -> None:
    from jieba.posseg import char_state_tab

    listed = sorted(char_state_tab.P)
    unlisted = ["㐀", "𠀀", "a", "1"]  # characters it lists no states for
    rng = random.Random(11)
    for _ in range(300):
        length = rng.randint(1, 6)
        text = "".join(
            rng.choice(unlisted if rng.random() < 0.1 else listed) for _ in range(length)
        )
        assert name_tags.tag(text) == _jieba(text), text
