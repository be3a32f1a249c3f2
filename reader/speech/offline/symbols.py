"""Our front end for the offline voice: spoken pinyin -> the model's phone symbols.

Input is `SpeechText.pinyin`: tone-number syllables with sandhi already applied and punctuation
tokens for pauses. The Databaker model was trained on: `sil`, per syllable its initial and its
final+tone (zero initial `^`, finals in full form such as `iii`, `uei`, `v`), `#0` between
syllables, `#1`-`#3` at prosodic breaks, `sil` at the end, then `eos`.

Speech is made clause by clause (as the model's authors did): a clause ends at ，。！？、；.
A clause too long for the model is cut into parts at its pauses or word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

# Clause-final punctuation and the silence inserted after it, in seconds. The model already
# ends every clause with its own short `sil`, so these are small.
CLAUSE_PAUSES: dict[str, float] = {
    "、": 0.0,
    "，": 0.05,
    ",": 0.05,
    "；": 0.1,
    ";": 0.1,
    "。": 0.2,
    "！": 0.2,
    "!": 0.2,
    "？": 0.2,
    "?": 0.2,
}
SENTENCE_PAUSE = 0.2  # at least this much between two sentences
PART_PAUSE = 0.05  # between the parts of a clause cut for length (like a comma)
# Breaks inside a clause: colons and dashes are intonational breaks (#3); quotes, brackets and
# title marks a prosodic-word break (#1); the middle dot in foreign names none (#0).
_BREAK_3 = set("：:—…")
_BREAK_0 = set("·・")
_SYLLABLE = re.compile(r"^([a-zü:]+)([1-5]?)$")
# Syllabic nasals (嗯 n2, 呣 m2, 哼 hng) are not in the corpus: the closest it has is `en`.
_NASALS = {"n": "en", "ng": "en", "m": "en", "hm": "en", "hng": "en"}


@dataclass(frozen=True)
class SyllableSpan:
    """One spoken syllable: its token and the symbols that say it (`first`..`last` inclusive)."""

    token: str
    first: int
    last: int
    tokens: int = 1  # input tokens it covers (2 when a separate "er5" joined it)


@dataclass(frozen=True)
class SymbolSequence:
    symbols: tuple[str, ...]
    syllables: tuple[SyllableSpan, ...]


@dataclass(frozen=True)
class Clause:
    """Tokens spoken in one model call, and the pause after them."""

    tokens: tuple[str, ...]
    pause_after: float


def split_clauses(tokens: Sequence[str]) -> list[Clause]:
    """Split a sentence's tokens after each clause-final punctuation token."""
    clauses: list[Clause] = []
    current: list[str] = []
    for token in tokens:
        if token in CLAUSE_PAUSES:
            if any(is_syllable(item) for item in current):
                clauses.append(Clause(tuple(current), CLAUSE_PAUSES[token]))
            elif clauses:  # punctuation run such as "？！": keep the longer pause
                last = clauses[-1]
                clauses[-1] = Clause(last.tokens, max(last.pause_after, CLAUSE_PAUSES[token]))
            current = []
        else:
            current.append(token)
    if any(is_syllable(item) for item in current):
        clauses.append(Clause(tuple(current), 0.0))
    return clauses


def split_long_clause(
    clause: Clause, most: int, word_starts: Set[int] = frozenset()
) -> list[Clause]:
    """`clause` cut into parts of at most `most` syllables each, as even as the text allows.

    Each cut falls before a pause token (a colon, dash, quote, bracket) when one lies near the
    even point, else before a word (`word_starts`: indexes of syllables that begin a word),
    else anywhere. The parts are joined by a comma-like pause; the last keeps the clause's.
    """
    syllable_at = [index for index, token in enumerate(clause.tokens) if is_syllable(token)]
    total = len(syllable_at)
    if total <= most:
        return [clause]
    parts = -(-total // max(most, 1))
    even = total / parts
    lowest = max(1, round(even * 0.6), total - (parts - 1) * most)  # the rest must still fit
    candidates = range(lowest, min(most, total - 1) + 1)  # syllables in the first part

    def pause_before(count: int) -> bool:  # tokens between the two syllables are pauses
        return syllable_at[count] - syllable_at[count - 1] > 1

    def score(count: int) -> tuple[int, float]:
        kind = 0 if pause_before(count) else 1 if count in word_starts else 2
        return kind, abs(count - even)

    count = min(candidates, key=score)
    cut = syllable_at[count - 1] + 1
    while cut < syllable_at[count] and not is_syllable(clause.tokens[cut]):
        cut += 1  # a pause token stays with the part it ends
    first = Clause(clause.tokens[:cut], PART_PAUSE)
    rest = Clause(clause.tokens[cut:], clause.pause_after)
    later_starts = frozenset(start - count for start in word_starts if start > count)
    return [first, *split_long_clause(rest, most, later_starts)]


def is_syllable(token: str) -> bool:
    """A tone-number syllable token (as opposed to punctuation or other text)."""
    return _SYLLABLE.match(token.lower()) is not None


def _split_syllable(token: str) -> tuple[str, str]:
    """'zhong1' -> ('zhong', '1'); no tone number means neutral tone (5)."""
    match = _SYLLABLE.match(token.lower())
    if match is None:
        raise ValueError(token)
    base = match.group(1).replace("ü", "v").replace("u:", "v")
    return base, match.group(2) or "5"


def _phones(
    base: str, tone: str, pinyin_dict: Mapping[str, tuple[str, str]]
) -> tuple[list[str], bool] | None:
    """Symbols of one syllable and whether it ends in erhua; None if the corpus lacks it."""
    base = _NASALS.get(base, base)
    if base in pinyin_dict:
        initial, final = pinyin_dict[base]
        return [initial, final + tone], False
    if base.endswith("r") and base[:-1] in pinyin_dict:  # erhua written as one token: "huar1"
        initial, final = pinyin_dict[base[:-1]]
        return [initial, final + tone, "er5"], True
    return None


def to_symbols(tokens: Sequence[str], pinyin_dict: Mapping[str, tuple[str, str]]) -> SymbolSequence:
    """Symbols for one clause, framed by `sil` and ending in `eos`.

    Erhua: a neutral "er5" (or "r5") right after a syllable is the retroflex ending of that
    syllable, spoken as the symbol `er5` with no initial and no break (as the corpus labels it).
    Tokens that are neither syllables nor known punctuation cannot be said by this voice and
    are skipped (the pronouncer sends Latin letters already spelled as syllables).
    """
    symbols: list[str] = ["sil"]
    spans: list[SyllableSpan] = []
    pending_break: str | None = None
    for token in tokens:
        if not is_syllable(token):
            if token in _BREAK_3:
                pending_break = "#3"
            elif token not in _BREAK_0 and spans and pending_break != "#3":
                pending_break = "#1"
            continue
        base, tone = _split_syllable(token)
        if base in ("er", "r") and tone == "5" and spans and pending_break is None:
            last = spans[-1]
            symbols.append("er5")
            spans[-1] = SyllableSpan(
                last.token + token, last.first, len(symbols) - 1, last.tokens + 1
            )
            continue
        phones = _phones(base, tone, pinyin_dict)
        if phones is None:
            continue
        if spans:
            symbols.append(pending_break or "#0")
        pending_break = None
        first = len(symbols)
        symbols.extend(phones[0])
        spans.append(SyllableSpan(token, first, len(symbols) - 1))
    symbols += ["sil", "eos"]
    return SymbolSequence(tuple(symbols), tuple(spans))


def to_ids(sequence: SymbolSequence, symbol_to_id: Mapping[str, int]) -> list[int]:
    return [symbol_to_id[symbol] for symbol in sequence.symbols]
