"""What the normalizer changed, for `reader normalize --explain`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One edit: which rule, at which input line (1-based), the text before and after."""

    rule: str
    line: int
    before: str
    after: str

    def explain(self) -> str:
        return f"line {self.line}: {self.rule}: {self.before!r} -> {self.after!r}"


class ChangeLog:
    """Collects changes in the order the rules make them."""

    def __init__(self) -> None:
        self.changes: list[Change] = []

    def add(self, rule: str, line: int, before: str, after: str) -> None:
        if before != after:
            self.changes.append(Change(rule, line, before, after))
