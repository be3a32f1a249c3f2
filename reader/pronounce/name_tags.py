"""jieba's part-of-speech tagger for words outside its dictionary, with its HMM run on arrays.

`jieba.posseg` decodes unknown words with a pure-Python Viterbi over its (position, tag)
states: about 1 ms a word, most of the hard-term step. This is the same model and the same
search (same state restrictions per character, same tie-breaking towards the larger state)
with each step done as one NumPy max over a transition matrix; the rest of the tagging is
jieba's own code. tests/test_pronounce_name_tags.py checks it against `jieba.posseg.lcut`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

_MIN_FLOAT = -3.14e100  # jieba's score for a character a state never emits

Floats = npt.NDArray[np.float64]
Flags = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class _Model:
    states: tuple[tuple[str, str], ...]  # sorted, so a larger index is a larger state
    start: Floats
    transitions: Floats  # [from, to], -inf where jieba has no transition
    reachable: Flags  # [from, to]
    leads_on: Flags  # states with any transition out
    allowed: dict[str, Flags]  # jieba's states per character (all states if absent)
    emissions: list[dict[str, float]]


@cache
def _model() -> _Model:
    from jieba.posseg import char_state_tab, prob_emit, prob_start, prob_trans

    states = tuple(sorted(prob_trans.P))
    index = {state: number for number, state in enumerate(states)}
    transitions = np.full((len(states), len(states)), -np.inf)
    for source, targets in prob_trans.P.items():
        for target, score in targets.items():
            transitions[index[source], index[target]] = score
    allowed = {}
    for char, listed in char_state_tab.P.items():
        flags = np.zeros(len(states), dtype=bool)
        flags[[index[state] for state in listed]] = True
        allowed[char] = flags
    return _Model(
        states=states,
        start=np.array([prob_start.P[state] for state in states]),
        transitions=transitions,
        reachable=np.isfinite(transitions),
        leads_on=np.isfinite(transitions).any(axis=1),
        allowed=allowed,
        emissions=[prob_emit.P[state] for state in states],
    )


@cache
def _emission(char: str) -> Floats:
    return np.array([table.get(char, _MIN_FLOAT) for table in _model().emissions])


def _last_max(values: Floats) -> int:
    """Index of the largest value, the last one on a tie (jieba compares (score, state))."""
    return len(values) - 1 - int(np.argmax(values[::-1]))


def viterbi(text: str) -> list[tuple[str, str]]:
    """The most likely (position, tag) state per character, as jieba.posseg decodes it."""
    model = _model()
    every = np.ones(len(model.states), dtype=bool)
    present = model.allowed.get(text[0], every)
    scores = np.where(present, model.start + _emission(text[0]), -np.inf)
    back: list[npt.NDArray[np.intp]] = []
    for char in text[1:]:
        previous = np.flatnonzero(present & model.leads_on)
        expected: Flags = np.any(model.reachable[previous], axis=0)
        observed: Flags = model.allowed.get(char, every) & expected
        if not observed.any():
            observed = expected if expected.any() else every
        targets = np.flatnonzero(observed)
        candidates = (
            scores[previous][:, None] + model.transitions[np.ix_(previous, targets)]
        ) + _emission(char)[targets][None, :]
        best = len(previous) - 1 - np.argmax(candidates[::-1], axis=0)
        scores = np.full(len(model.states), -np.inf)
        scores[targets] = candidates[best, np.arange(len(targets))]
        step = np.full(len(model.states), -1, dtype=np.intp)
        step[targets] = previous[best]
        back.append(step)
        present = observed
    state = _last_max(np.where(present, scores, -np.inf))
    route = [state]
    for step in reversed(back):
        state = int(step[state])
        route.append(state)
    return [model.states[number] for number in reversed(route)]


def _tokenizer_class() -> type:
    from jieba.posseg import POSTokenizer, pair

    class _ArrayViterbiTokenizer(POSTokenizer):  # type: ignore[misc]
        """jieba's POSTokenizer sharing the default one's dictionaries, with `viterbi` above
        in place of its private Viterbi step (the name-mangled `__cut`)."""

        def __init__(self, base: Any) -> None:
            self.tokenizer = base.tokenizer
            self.word_tag_tab = base.word_tag_tab

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

    return _ArrayViterbiTokenizer


@cache
def _tagger() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return _tokenizer_class()(jieba.posseg.dt)


def tag(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) pairs, as `jieba.posseg.lcut(text)` gives them."""
    return [(found.word, found.flag) for found in _tagger().lcut(text)]
