"""jieba's part-of-speech tagger for words outside its dictionary, with a leaner Viterbi.

`jieba.posseg` decodes unknown words with a pure-Python Viterbi that, at every character,
scores each allowed (position, tag) state against every state of the previous character,
transitions it does not have included (about 0.3 ms a word here). This is the same model
and the same search, with the same tie-breaking towards the larger state, done over only
the transitions that exist (a missing one scores minus infinity in jieba, so it never wins
where one exists): a state entered only from B or M of its own tag takes its score from
those two; one entered from the end of any word tries those, best score first, and stops
once no lower score can reach or tie the best (float addition is monotone); on the last
character only the overall best counts. About 22 µs a word, against 55 µs for a NumPy
version of the full search. The rest of the tagging is jieba's own code, called without
its splitting into runs where the word is one run.
tests/test_pronounce_name_tags.py checks it against `jieba.posseg.lcut`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

# jieba's tags for person, place and organisation names (nr, nrt, ns, nt ...).
NAME_TAGS = ("nr", "ns", "nt")
_MIN_FLOAT = -3.14e100  # jieba's score for a character a state never emits

State = tuple[str, str]  # (B/M/E/S position in the word, part of speech)


# A state entered from at most this many states (jieba: M and E, from B or M of their own
# tag) gets its score pushed from the previous character's states; one entered from many (B
# and S, from the end of any word) pulls it from them, best first, stopping early.
_FEW_SOURCES = 8


@dataclass(frozen=True)
class _Model:
    """jieba.posseg's HMM with states numbered in sorted order (a larger number is a larger
    state, which is what jieba's ties fall to)."""

    states: tuple[State, ...]
    start: tuple[float, ...]
    sources: tuple[dict[int, float], ...]  # per state: {source: transition score}
    best_source: tuple[float, ...]  # per state: its best transition score in
    feeds_pulled: frozenset[int]  # states with a transition to a state with many sources
    leads_on: frozenset[int]  # states with any transition out
    allowed: dict[str, tuple[int, ...]]  # jieba's states per character
    every: tuple[int, ...]  # for a character jieba lists no states for
    emissions: tuple[dict[str, float], ...]


@cache
def _model() -> _Model:
    from jieba.posseg import char_state_tab, prob_emit, prob_start, prob_trans

    states: tuple[State, ...] = tuple(sorted(prob_trans.P))
    number = {state: at for at, state in enumerate(states)}
    sources: list[dict[int, float]] = [{} for _ in states]
    for source, targets in prob_trans.P.items():
        for target, score in targets.items():
            sources[number[target]][number[source]] = score
    feeds_pulled = {source for into in sources if len(into) > _FEW_SOURCES for source in into}
    return _Model(
        states=states,
        start=tuple(prob_start.P[state] for state in states),
        sources=tuple(sources),
        best_source=tuple(max(into.values(), default=-math.inf) for into in sources),
        feeds_pulled=frozenset(feeds_pulled),
        leads_on=frozenset(number[state] for state, out in prob_trans.P.items() if out),
        allowed={
            char: tuple(number[state] for state in listed)
            for char, listed in char_state_tab.P.items()
        },
        every=tuple(range(len(states))),
        emissions=tuple(prob_emit.P[state] for state in states),
    )


# A state with many sources: (state, emission score, {source: transition score}, the best
# transition score into it).
_Pulled = tuple[int, float, dict[int, float], float]
# The states with few sources one state leads to: (state, transition score, emission score).
_Pushes = tuple[tuple[int, float, float], ...]


@cache
def _char_states(char: str, any_state: bool) -> tuple[tuple[_Pulled, ...], dict[int, _Pushes]]:
    """The states `char` may be in, with its emission score in each: those with many
    sources, and those with few, by the state leading to them. jieba's list for `char`, or
    every state if it has none or `any_state` (jieba's fallback when none of the listed ones
    can be reached)."""
    model = _model()
    pulled: list[_Pulled] = []
    pushes: dict[int, list[tuple[int, float, float]]] = {}
    for state in model.every if any_state else model.allowed.get(char, model.every):
        emission = model.emissions[state].get(char, _MIN_FLOAT)
        into = model.sources[state]
        if len(into) <= _FEW_SOURCES:
            for source, weight in into.items():
                pushes.setdefault(source, []).append((state, weight, emission))
        else:
            pulled.append((state, emission, into, model.best_source[state]))
    return tuple(pulled), {source: tuple(out) for source, out in pushes.items()}


def _by_score(model: _Model, scores: dict[int, float]) -> list[tuple[float, int]]:
    """The states leading to states with many sources, as (score, state), best first."""
    return sorted(
        [(score, state) for state, score in scores.items() if state in model.feeds_pulled],
        reverse=True,
    )


@cache
def _first_column(char: str) -> tuple[dict[int, float], list[tuple[float, int]]]:
    """The states the first character may be in, scored (read only: it is shared)."""
    model = _model()
    scores = {
        state: model.start[state] + model.emissions[state].get(char, _MIN_FLOAT)
        for state in model.allowed.get(char, model.every)
    }
    return scores, _by_score(model, scores)


def _step(
    model: _Model, scores: dict[int, float], by_score: list[tuple[float, int]], char: str
) -> tuple[dict[int, float], dict[int, int]]:
    """One character of jieba's Viterbi: for each state the character may be in that a
    previous state leads to, jieba's max((score + transition + emission, previous state)),
    taken over the transitions that exist only (one that does not scores minus infinity in
    jieba, so never wins where one exists). Ties go to the larger previous state."""
    if model.leads_on.isdisjoint(scores):
        raise ValueError("no state leads on")  # where jieba's max() over nothing fails
    best: dict[int, float] = {}
    back: dict[int, int] = {}
    for any_state in (False, True):
        pulled, pushes = _char_states(char, any_state)
        for source in pushes.keys() & scores.keys():
            score = scores[source]
            for target, weight, emission in pushes[source]:
                total = score + weight + emission
                known = best.get(target)
                if known is None or total > known or (total == known and source > back[target]):
                    best[target] = total
                    back[target] = source
        for target, emission, into, best_weight in pulled if by_score else ():
            found, top = -1, -math.inf
            for score, source in by_score:
                # Float addition is monotone: once even the best transition cannot reach
                # `top`, no later, lower score can reach or tie it.
                if score + best_weight + emission < top:
                    break
                weight_or_none = into.get(source)
                if weight_or_none is None:
                    continue
                total = score + weight_or_none + emission
                if found < 0 or total > top or (total == top and source > found):
                    found, top = source, total
            if found >= 0:
                best[target] = top
                back[target] = found
        if best:
            break
    return best, back


def _last_step(
    model: _Model, scores: dict[int, float], by_score: list[tuple[float, int]], char: str
) -> tuple[int, int]:
    """`_step` for the last character, where only jieba's final choice counts: the state
    with the best score (the larger state on a tie) and where it came from. That is the
    largest (score, state, previous state) over all transitions, so no table is kept, and
    a state that cannot reach the best score found so far is dropped early."""
    if model.leads_on.isdisjoint(scores):
        raise ValueError("no state leads on")
    top, won, came = -math.inf, -1, -1
    for any_state in (False, True):
        pulled, pushes = _char_states(char, any_state)
        for source in pushes.keys() & scores.keys():
            score = scores[source]
            for target, weight, emission in pushes[source]:
                total = score + weight + emission
                if won < 0 or (total, target, source) > (top, won, came):
                    top, won, came = total, target, source
        for target, emission, into, best_weight in pulled if by_score else ():
            for score, source in by_score:
                if score + best_weight + emission < top:
                    break
                weight_or_none = into.get(source)
                if weight_or_none is None:
                    continue
                total = score + weight_or_none + emission
                if won < 0 or (total, target, source) > (top, won, came):
                    top, won, came = total, target, source
        if won >= 0:
            break
    return won, came


def viterbi(text: str) -> list[State]:
    """The most likely (position, tag) state per character, as jieba.posseg decodes it."""
    model = _model()
    scores, by_score = _first_column(text[0])
    if len(text) == 1:
        return [model.states[max(zip(scores.values(), scores, strict=True))[1]]]
    steps: list[dict[int, int]] = []
    for char in text[1:-1]:
        scores, back = _step(model, scores, by_score, char)
        steps.append(back)
        by_score = _by_score(model, scores)
    state, previous = _last_step(model, scores, by_score, text[-1])
    route = [state, previous]
    for back in reversed(steps):
        previous = back[previous]
        route.append(previous)
    return [model.states[number] for number in reversed(route)]


def _tokenizer_class() -> type:
    from jieba.posseg import POSTokenizer, pair, re_han_detail, re_han_internal

    class _LeanViterbiTokenizer(POSTokenizer):  # type: ignore[misc]
        """jieba's POSTokenizer sharing the default one's dictionaries, with `viterbi` above
        in place of its private Viterbi step (the name-mangled `__cut`), and without the
        splitting into runs where the text is one run already."""

        def __init__(self, base: Any) -> None:
            self.tokenizer = base.tokenizer
            self.word_tag_tab = base.word_tag_tab

        def pairs(self, text: str) -> list[tuple[str, str]]:
            if re_han_internal.fullmatch(text):
                # One run: jieba's __cut_internal would hand it whole to __cut_DAG.
                self.makesure_userdict_loaded()
                found = self._POSTokenizer__cut_DAG(text)
            else:
                found = self.cut(text)
            return [(item.word, item.flag) for item in found]

        def _POSTokenizer__cut_detail(self, sentence: str) -> Iterator[Any]:
            if re_han_detail.fullmatch(sentence):
                return self._POSTokenizer__cut(sentence)  # what jieba's split comes to
            detail: Iterator[Any] = super()._POSTokenizer__cut_detail(sentence)
            return detail

        def _POSTokenizer__cut(self, sentence: str) -> Iterator[Any]:
            # The same pairing of B/M/E/S states into words as jieba's own __cut.
            states = viterbi(sentence)
            begin = following = 0
            for position, (place, tag) in enumerate(states):
                if place == "B":
                    begin = position
                elif place == "E":
                    yield pair(sentence[begin : position + 1], tag)
                    following = position + 1
                elif place == "S":
                    yield pair(sentence[position], tag)
                    following = position + 1
            if following < len(sentence):
                yield pair(sentence[following:], states[following][1])

    return _LeanViterbiTokenizer


@cache
def _tagger() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return _tokenizer_class()(jieba.posseg.dt)


def tag(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) pairs, as `jieba.posseg.lcut(text)` gives them."""
    pairs: list[tuple[str, str]] = _tagger().pairs(text)
    return pairs


@lru_cache(maxsize=1 << 16)
def word_parts(word: str) -> tuple[tuple[str, str], ...]:
    """`tag` of one word jieba's HMM found, remembered: hard terms and grammar both ask."""
    return tuple(tag(word))


def clear_caches() -> None:
    """Forget the per-character tables and words (for timing a cold run)."""
    word_parts.cache_clear()
    _char_states.cache_clear()
    _first_column.cache_clear()
