"""The fast paths of the reading step give what the libraries they stand in for give.

Words: jieba-rs on runs of ideographs, jieba elsewhere, must cut exactly as `jieba.lcut`.
Polyphones: the batched g2pM run must answer what g2pM's own predictor answers, and a
sentence must score the same (to float32 rounding) alone or among many.
"""

from __future__ import annotations

import jieba
import pytest

from reader.pronounce import g2pm_batch, readings
from reader.pronounce.lexicon import Lexicon

MIXED = [
    "中山路9-11号为一栋大约建于1930年代的三层商业楼，外立面倾向于装饰风艺术。",
    "1915-1916年任《保险问题》杂志编辑、俄国社会民主工党中央委员会俄国局财政委员会委员。",
    "2003年8月，103 184-8号机车成为最后一台用作定期城际列车牵引任务的同型号机车。",
    "iPhone 15 Pro售价7999元，涨幅3.5%；B超和T恤。",
    "行 \r\n 业\t调解\u3000乐不忘忧",
    "㐀㐁龥鿿𠀀𠀁孙慧姣说：“重点！”😀",
    "",
]


def _lines(sample_text: str) -> list[str]:
    return [line for line in sample_text.splitlines() if line.strip()]


def test_words_are_jiebas_words_on_the_sample(sample_text: str) -> None:
    for line in _lines(sample_text):
        words = readings.segment(line, Lexicon.empty())
        assert [w.text for w in words] == jieba.lcut(line, HMM=True), line


@pytest.mark.parametrize("text", MIXED)
def test_words_are_jiebas_words_around_digits_latin_and_spaces(text: str) -> None:
    words = readings.segment(text, Lexicon.empty())
    assert [w.text for w in words] == jieba.lcut(text, HMM=True)


def test_batched_g2pm_answers_as_g2pm_itself(sample_text: str) -> None:
    from g2pM import G2pM

    model = G2pM()
    lines = _lines(sample_text)
    queries = [
        g2pm_batch.Query(line, tuple(i for i, c in enumerate(line) if g2pm_batch.is_polyphone(c)))
        for line in lines
    ]
    compared = 0
    for line, query, scores in zip(lines, queries, g2pm_batch.score(queries), strict=True):
        theirs = model(line, char_split=True)
        for position, probabilities in zip(query.positions, scores, strict=True):
            assert set(probabilities) <= set(g2pm_batch.cedict_readings(line[position]))
            assert sum(probabilities.values()) == pytest.approx(1.0, abs=1e-5)
            if theirs[position] in probabilities:  # g2pM's own answer is not restricted
                assert max(probabilities, key=probabilities.__getitem__) == theirs[position]
                compared += 1
    assert compared > 100


def test_a_sentence_scores_the_same_alone_or_among_many(sample_text: str) -> None:
    lines = _lines(sample_text)
    queries = [
        g2pm_batch.Query(line, tuple(i for i, c in enumerate(line) if g2pm_batch.is_polyphone(c)))
        for line in lines
    ]
    together = g2pm_batch.score(queries)
    for query, scores in zip(queries, together, strict=True):
        # BLAS multiplies a one-row batch its own way: the last float32 bits may differ.
        for alone, among in zip(g2pm_batch.score([query])[0], scores, strict=True):
            assert alone == pytest.approx(among, rel=1e-4, abs=1e-6)
