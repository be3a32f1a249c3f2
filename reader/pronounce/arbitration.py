"""The decision for each polyphone, between the dictionaries, grammar and g2pM.

Per character (the lexicon always wins before this):
- a character CC-CEDICT lists with one reading: pypinyin's phrase reading if the word is in
  its phrase dictionary, else pypinyin's first reading of the character;
- a news function word (地, 得, 为, 应 ...) that no listed phrase covers: the reading grammar
  gives it from the neighbouring words' parts of speech (`grammar.py`), where it decides;
- a polyphonic character covered by a phrase pypinyin lists — inside its word, or spanning
  whole words (一丝不差 = 一丝 + 不差) — with one reading: that reading. g2pM overrules it only
  when CC-CEDICT's word sides with g2pM, g2pM is sure (`TRUST_G2PM`), and the phrase is a
  two-character one rarer than Zipf `COMMON_PHRASE`: a dictionary word is never read
  otherwise on the model's word alone (bench/bench_dictionary_probe.py holds us to it);
- a character only CC-CEDICT's words cover (inside its word or across whole words), or only
  the longer phrases its word begins: their reading where g2pM is not sure;
- other polyphonic characters: g2pM's most likely reading among the character's own readings;
  when g2pM is torn (probability below `G2PM_UNSURE`), pypinyin's first reading.
The thresholds are fitted on the even lines of CPP dev and THCHS-30 dev, with the probe's even
half held >= 99.5 %, the readings mended on purpose aside (bench/bench_arbitration.py); the odd
lines are the figures to quote. See also bench/bench_pinyin.py, bench/bench_news.py and
bench/bench_dictionary_probe.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reader.pronounce import forms, frequency, grammar, phrases

TRUST_G2PM = 0.99
COMMON_PHRASE = 4.5
G2PM_UNSURE = 0.55


class Candidate(NamedTuple):  # a NamedTuple: tens of thousands are made per article
    """What the dictionaries say about one polyphonic character."""

    phrase: str  # the dictionary phrase that covers it ("" if none)
    phrase_readings: tuple[str, ...]
    only_second: bool  # the phrase is CC-CEDICT's alone
    second: tuple[str, ...]  # CC-CEDICT's reading of the character, in a word covering it
    default: str | None  # pypinyin's first reading of the character
    rule: str | None  # a context rule's reading


def across_words(
    candidate: Candidate, spans: Sequence[phrases.Span], at: int, position: int
) -> Candidate:
    """A polyphone no phrase inside its word covers, or only a shorter one, may be covered by
    a phrase pypinyin lists that spans whole words (一丝不差 = 一丝 + 不差, 分子 + 物理学): the
    longest such phrase gives its reading; so may one that beats CC-CEDICT's word (听 得到).
    Rules yield to phrases of three characters or more (idioms, 俯拾地芥), and the weaker
    rules to any."""
    span = _longest_covering(spans, at)
    if span is None:
        return candidate
    char = span.phrase[position - span.start]
    # A phrase inside the word gives way to a longer one across words (分子 of 分子物理学),
    # but not for grammar's words (记得 jì de, not pypinyin's 不记得 dé).
    inside = bool(candidate.phrase) and not candidate.only_second
    if inside and (len(span.phrase) <= len(candidate.phrase) or char in grammar.FUNCTION_WORDS):
        return candidate
    if candidate.rule is not None and len(span.phrase) < 3 and char not in grammar.YIELDING:
        return candidate
    listed = phrases.pypinyin(span.phrase)
    if listed is None or len(listed) != len(span.phrase):
        return candidate
    within = position - span.start
    second = phrases.second(span.phrase)
    return candidate._replace(
        phrase=span.phrase,
        phrase_readings=listed[within],
        only_second=False,
        second=second[within] if second is not None and len(second) == len(listed) else (),
        rule=None,
    )


def across_second(
    candidate: Candidate, spans: Sequence[phrases.Span], at: int, position: int
) -> Candidate:
    """Where no phrase pypinyin lists covers a polyphone, a word CC-CEDICT lists that spans
    whole words (安然 着 地: 着地 zháo dì) reads it as CC-CEDICT's own words do: it settles
    g2pM's doubts, and decides grammar's characters."""
    span = _longest_covering(spans, at)
    if span is None:
        return candidate
    listed = phrases.second(span.phrase)
    if listed is None or len(listed) != len(span.phrase):
        return candidate
    within = position - span.start
    reading = listed[within]
    decided = reading[0] if span.phrase[within] in grammar.FUNCTION_WORDS else None
    return candidate._replace(
        phrase=span.phrase, phrase_readings=reading, only_second=True, second=reading, rule=decided
    )


def _longest_covering(spans: Sequence[phrases.Span], at: int) -> phrases.Span | None:
    """The longest of `spans` that holds word `at` (the leftmost on a tie), or None."""
    covering = [span for span in spans if span.first <= at <= span.last]
    return max(covering, key=lambda s: (len(s.phrase), -s.start)) if covering else None


def arbitrate(candidate: Candidate, probabilities: dict[str, float]) -> str:
    if candidate.rule is not None:
        return candidate.rule
    scores = {forms.from_g2pm(r): p for r, p in probabilities.items()}
    best = max(scores, key=scores.__getitem__)
    listed = candidate.phrase_readings
    if candidate.only_second:  # one dictionary, and not the main one: it settles doubts
        return listed[0] if scores[best] < TRUST_G2PM else best
    if len(listed) > 1:  # a heteronym phrase: let the model choose among its readings
        return max(listed, key=lambda r: scores.get(r, 0.0))
    if listed:
        return best if _overruled(candidate, best, scores[best]) else listed[0]
    if scores[best] < G2PM_UNSURE and candidate.default in scores:
        return candidate.default
    return best


def _overruled(candidate: Candidate, best: str, probability: float) -> bool:
    """Whether the model's reading beats pypinyin's phrase: only when CC-CEDICT sides with
    the model, the model is sure, and the phrase is a rare two-character one (a longer or
    common phrase is what the dictionary is best at)."""
    listed = candidate.phrase_readings[0]
    return (
        best != listed
        and not (_neutral_of(listed, best) and _keeps_neutral(candidate.phrase))
        and candidate.second[:1] == (best,)
        and probability >= TRUST_G2PM
        and len(candidate.phrase) < 3
        and frequency.zipf(candidate.phrase) < COMMON_PHRASE
    )


def _keeps_neutral(phrase: str) -> bool:
    """A grammar character's neutral tone in a phrase may be the model's business (its
    rules decide that character elsewhere), except in the words news readers say so."""
    return phrase[-1] not in grammar.RULES or phrases.spoken_neutral(phrase)


def _neutral_of(listed: str, best: str) -> bool:
    """Whether pypinyin's phrase gives the neutral tone of the model's syllable (势头 shìtou,
    日头 rìtou): g2pM and CC-CEDICT seldom write it, so their full tone is no other sense."""
    return listed.endswith("5") and listed[:-1] == best[:-1]
