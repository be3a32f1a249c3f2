"""Hypothesis properties: idempotence, nothing lost but removed duplicates, no crash."""

from __future__ import annotations

import unicodedata
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import InputError
from reader.normalize import Normalized, article_to_json, decode_bytes, normalize, render_text
from reader.normalize.characters import han_characters

DUPLICATE_RULES = {"repeated-line", "doubled-characters"}
HAN = "国家安全是民族复兴的根基社会稳定强盛前提方面兢业户时放心不下常研究九日巡逻维护和谐"
HAN += "本报记者图为摄版"
PUNCT = "，。、；：？！“”‘’（）《》—…·"
OTHER = "　 ▲□0123456789ABCxyz-.,:;?!()\t"
chinese_like = st.lists(
    st.one_of(
        st.text(alphabet=HAN + PUNCT + OTHER, max_size=40),
        st.text(alphabet=HAN, min_size=2, max_size=8).map(lambda s: "".join(c * 2 for c in s)),
        st.text(alphabet=HAN + "，", min_size=3, max_size=12).map(lambda s: s + s),
        st.sampled_from(["——副题在此", "（九）", "第3版", "本报记者 李明", "", "", "　　"]),
    ),
    max_size=30,
).map("\n".join)
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def removed_by_duplicate_rules(result: Normalized) -> Counter[str]:
    removed: Counter[str] = Counter()
    for change in result.changes:
        if change.rule in DUPLICATE_RULES:
            removed += Counter(han_characters(change.before)) - Counter(
                han_characters(change.after)
            )
    return removed


def assert_nothing_lost(text: str) -> None:
    result = normalize(text)
    before = Counter(han_characters(unicodedata.normalize("NFC", text)))
    rendered = Counter(han_characters(render_text(result.article)))
    assert rendered + removed_by_duplicate_rules(result) == before
    fields = article_to_json(result.article)
    values = [value for value in fields.values() if isinstance(value, str)]
    values += [item for value in fields.values() if isinstance(value, list) for item in value]
    in_json = Counter(han_characters("".join(values)))
    assert in_json == rendered


@PROPERTY_SETTINGS
@given(chinese_like)
def test_idempotent(text: str) -> None:
    article = normalize(text).article
    assert normalize(render_text(article)).article == article


@PROPERTY_SETTINGS
@given(chinese_like)
def test_no_chinese_character_lost_but_duplicates(text: str) -> None:
    assert_nothing_lost(text)


@PROPERTY_SETTINGS
@given(st.text())
def test_arbitrary_unicode_does_not_crash(text: str) -> None:
    assert_nothing_lost(text)
    article = normalize(text).article
    assert normalize(render_text(article)).article == article


@PROPERTY_SETTINGS
@given(st.binary(max_size=200))
def test_arbitrary_bytes_decode_or_fail_cleanly(data: bytes) -> None:
    try:
        decode_bytes(data)
    except InputError as error:
        assert "\n" not in str(error)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_idempotent_on_mutated_sample(sample_text: str, data: st.DataObject) -> None:
    lines = sample_text.splitlines()
    picked = data.draw(st.lists(st.sampled_from(range(len(lines))), max_size=60))
    text = "\n".join(lines[i] for i in sorted(picked))
    article = normalize(text).article
    assert normalize(render_text(article)).article == article
    assert_nothing_lost(text)
