"""g2pM's polyphone model run on many sentences at once.

g2pM (Park & Lee, Interspeech 2020; Apache-2.0) ships a one-layer BiLSTM as numpy arrays and
runs it one sentence at a time. We load the same weights and run the network over a whole
batch of sentences (sorted by length, padded), with the input projection folded into a lookup
table, which is what makes it cheap enough to run on every sentence of an article. Scores are
restricted to the readings CC-CEDICT lists for the character, so the model never answers a
reading the character cannot have.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

Float = npt.NDArray[np.float32]
Int = npt.NDArray[np.int64]

_BOS, _EOS, _UNK = "시", "끝", "<UNK>"  # g2pM's own sentence-boundary and unknown tokens
_BATCH = 256


@dataclass(frozen=True)
class _Weights:
    char_ids: dict[str, int]
    readings: dict[str, tuple[str, ...]]  # char -> CC-CEDICT readings, tone numbers, ü as u:
    classes: tuple[str, ...]  # output class -> reading
    class_ids: dict[str, int]
    # The LSTM gates are stored in the order (i, f, o, g) rather than PyTorch's (i, f, g, o),
    # so the three sigmoid gates are one slice.
    fw_input: Float  # embedding @ W_ih.T + biases, one row per character id
    bw_input: Float
    fw_hidden: Float  # W_hh.T
    bw_hidden: Float
    fc0_w: Float
    fc0_b: Float
    fc1_w: Float
    fc1_b: Float


def _load_pickle(name: str) -> Any:
    with resources.files("g2pM").joinpath(name).open("rb") as handle:
        return pickle.load(handle)


@cache
def _weights() -> _Weights:
    state = _load_pickle("np_ckpt.pkl")
    class_ids: dict[str, int] = _load_pickle("class2idx.pkl")
    classes = [""] * len(class_ids)
    for reading, index in class_ids.items():
        classes[index] = reading
    cedict: dict[str, list[str]] = _load_pickle("digest_cedict.pkl")
    embedding = state["embedding.weight"].astype(np.float32)
    size = state["lstm.weight_hh_l0"].shape[1]
    gate_order = np.r_[0 : 2 * size, 3 * size : 4 * size, 2 * size : 3 * size]

    def projection(suffix: str) -> Float:
        bias = state[f"lstm.bias_ih_l0{suffix}"] + state[f"lstm.bias_hh_l0{suffix}"]
        table = (embedding @ state[f"lstm.weight_ih_l0{suffix}"].T + bias).astype(np.float32)
        reordered: Float = np.ascontiguousarray(table[:, gate_order])
        return reordered

    def recurrent(suffix: str) -> Float:
        weight = state[f"lstm.weight_hh_l0{suffix}"].T[:, gate_order]
        return np.ascontiguousarray(weight, dtype=np.float32)

    return _Weights(
        char_ids=_load_pickle("char2idx.pkl"),
        readings={char: tuple(prons) for char, prons in cedict.items()},
        classes=tuple(classes),
        class_ids=class_ids,
        fw_input=projection(""),
        bw_input=projection("_reverse"),
        fw_hidden=recurrent(""),
        bw_hidden=recurrent("_reverse"),
        fc0_w=np.ascontiguousarray(state["logit_layer.0.weight"].T, dtype=np.float32),
        fc0_b=state["logit_layer.0.bias"].astype(np.float32),
        fc1_w=np.ascontiguousarray(state["logit_layer.2.weight"].T, dtype=np.float32),
        fc1_b=state["logit_layer.2.bias"].astype(np.float32),
    )


def cedict_readings(char: str) -> tuple[str, ...]:
    """The readings g2pM's CC-CEDICT digest lists for `char` (tone numbers, ü as "u:")."""
    return _weights().readings.get(char, ())


def is_polyphone(char: str) -> bool:
    """Whether g2pM's CC-CEDICT digest lists more than one reading for `char`."""
    return char in _polyphones()


@cache
def _polyphones() -> frozenset[str]:
    return frozenset(char for char, listed in _weights().readings.items() if len(listed) > 1)


def _run_direction(steps: Float, hidden_weight: Float) -> Float:
    """Run one LSTM direction over pre-projected inputs [time, batch, 4h]; return [t, b, h].

    In place where possible: the same float32 operations as the textbook cell, in the same
    order, with fewer temporary arrays (this loop is most of g2pM's time).
    """
    length, batch, width = steps.shape
    size = width // 4
    c = np.zeros((batch, size), dtype=np.float32)
    out = np.zeros((length + 1, batch, size), dtype=np.float32)  # out[-1]: the initial h
    h = out[-1]
    scratch = np.empty((batch, size), dtype=np.float32)
    for t in range(length):
        gates = h @ hidden_weight
        gates += steps[t]
        sigmoids = gates[:, : 3 * size]  # i, f, o: sigmoid(x) = (tanh(x / 2) + 1) / 2
        sigmoids *= 0.5
        np.tanh(sigmoids, out=sigmoids)
        sigmoids += 1.0
        sigmoids *= 0.5
        g = np.tanh(gates[:, 3 * size :], out=gates[:, 3 * size :])
        c *= sigmoids[:, size : 2 * size]
        np.multiply(sigmoids[:, :size], g, out=scratch)
        c += scratch
        h = np.multiply(sigmoids[:, 2 * size :], np.tanh(c, out=scratch), out=out[t])
    return out[:length]


@dataclass(frozen=True)
class Query:
    """Score the readings of the characters at `positions` of `text`."""

    text: str
    positions: tuple[int, ...]


def _score_batch(weights: _Weights, queries: Sequence[Query]) -> list[list[dict[str, float]]]:
    """Score a batch; every query has at least one position (score() drops the others)."""
    # Row n: BOS, the ids of the text's characters, EOS, then 0 as padding; reversed rows
    # are the same tokens back to front, padded after.
    table = _id_table()
    codes = np.frombuffer(
        "".join(q.text for q in queries).encode("utf-32-le", "surrogatepass"), dtype=np.uint32
    )
    text_lengths = np.array([len(q.text) for q in queries])
    lengths = text_lengths + 2
    width = int(lengths.max())
    columns = np.arange(width)
    ids = np.zeros((len(queries), width), dtype=np.int64)
    ids[(columns >= 1) & (columns <= text_lengths[:, None])] = table[
        np.minimum(codes, len(table) - 1)
    ]
    ids[:, 0] = weights.char_ids[_BOS]
    ids[np.arange(len(queries)), lengths - 1] = weights.char_ids[_EOS]
    inside = columns < lengths[:, None]
    from_end = np.where(inside, lengths[:, None] - 1 - columns, 0)
    reverse_ids = np.where(inside, np.take_along_axis(ids, from_end, axis=1), 0)
    # Time-major, so each step reads and writes contiguous rows.
    forward = _run_direction(weights.fw_input[ids.T], weights.fw_hidden)
    backward = _run_direction(weights.bw_input[reverse_ids.T], weights.bw_hidden)

    # Gather the hidden states at every queried position (+1 for the BOS token).
    counts = [len(q.positions) for q in queries]
    sentence_index = np.repeat(np.arange(len(queries)), counts)
    position = np.fromiter((p + 1 for q in queries for p in q.positions), int, sum(counts))
    states = np.concatenate(
        [
            forward[position, sentence_index],
            backward[lengths[sentence_index] - 1 - position, sentence_index],
        ],
        axis=1,
    )
    hidden = np.maximum(states @ weights.fc0_w + weights.fc0_b, 0.0)
    logits = hidden @ weights.fc1_w + weights.fc1_b

    # Softmax over each character's own readings only: gather those few logits per row
    # rather than masking all 876 classes (most of the time went there).
    choices = _choices()
    slots = np.array(
        [choices.slots.get(query.text[p], 0) for query in queries for p in query.positions],
        dtype=np.int64,
    )
    picked = np.take_along_axis(logits, choices.classes[slots], axis=1)
    valid = choices.valid[slots]
    picked = np.where(valid, picked, -np.inf)
    top = picked.max(axis=1, keepdims=True)
    picked -= np.where(np.isfinite(top), top, 0.0)  # a row with no reading stays -inf
    probabilities = np.exp(picked)
    # Summed in place among all classes, as a full-width softmax sums them: the same float32
    # total to the last bit, so the probabilities are exactly those of the masked softmax.
    spread = np.zeros_like(logits)
    padded_as_first = np.where(valid, probabilities, probabilities[:, :1])
    np.put_along_axis(spread, choices.classes[slots], padded_as_first, axis=1)
    totals = spread.sum(axis=1, keepdims=True)
    probabilities /= np.where(totals > 0, totals, 1.0)

    rows = iter(probabilities.tolist())
    listed = iter(slots.tolist())
    # strict=False: each row runs on past the character's own readings (padding).
    return [
        [
            dict(zip(choices.readings[next(listed)], next(rows), strict=False))
            for _ in query.positions
        ]
        for query in queries
    ]


@dataclass(frozen=True)
class _Choices:
    """Each character's scoreable readings as padded tables (row 0: a character with none)."""

    slots: dict[str, int]  # char -> its row
    classes: Int  # [rows, most readings]: class ids, padded with the row's first one
    valid: npt.NDArray[np.bool_]  # [rows, most readings]: False where padded
    readings: tuple[tuple[str, ...], ...]  # row -> readings, in CC-CEDICT's order


@cache
def _choices() -> _Choices:
    weights = _weights()
    listed = {char: _candidates(char) for char in weights.readings}
    listed = {char: options for char, options in listed.items() if options}
    width = max(len(options) for options in listed.values())
    classes = np.zeros((len(listed) + 1, width), dtype=np.int64)
    valid = np.zeros((len(listed) + 1, width), dtype=bool)
    for row, options in enumerate(listed.values(), start=1):
        classes[row] = options[0][1]
        classes[row, : len(options)] = [index for _, index in options]
        valid[row, : len(options)] = True
    readings = ((), *(tuple(r for r, _ in options) for options in listed.values()))
    return _Choices(
        slots={char: row for row, char in enumerate(listed, start=1)},
        classes=classes,
        valid=valid,
        readings=readings,
    )


@cache
def _id_table() -> Int:
    """g2pM's id of every character by code point; the last entry (past all): unknown."""
    char_ids = _weights().char_ids
    singles = {ord(char): index for char, index in char_ids.items() if len(char) == 1}
    table = np.full(max(singles) + 2, char_ids[_UNK], dtype=np.int64)
    table[list(singles)] = list(singles.values())
    return table


def _candidates(char: str) -> tuple[tuple[str, int], ...]:
    weights = _weights()
    return tuple(
        (reading, weights.class_ids[reading])
        for reading in weights.readings.get(char, ())
        if reading in weights.class_ids
    )


def score(queries: Sequence[Query]) -> list[list[dict[str, float]]]:
    """For each query, one {reading: probability} per queried position, in order.

    Readings are g2pM's classes: tone numbers 1-5 with ü written "u:" ("lu:4").
    """
    from threadpoolctl import threadpool_limits

    weights = _weights()
    results: list[list[dict[str, float]]] = [[] for _ in queries]
    # Sort by length so each batch pads little.
    order = sorted(
        (n for n, q in enumerate(queries) if q.positions), key=lambda n: len(queries[n].text)
    )
    # The matrices are small: BLAS threads only contend for the cores (several times slower
    # on a busy machine), so run on one.
    with threadpool_limits(limits=1, user_api="blas"):
        for start in range(0, len(order), _BATCH):
            chunk = order[start : start + _BATCH]
            batch = _score_batch(weights, [queries[n] for n in chunk])
            for n, scores in zip(chunk, batch, strict=True):
                results[n] = scores
    return results
