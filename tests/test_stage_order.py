"""Stages only look back: a pipeline stage imports shared modules and earlier stages, never a
later one (the pronounce stage does not render HTML, speech does not reach into builds)."""

from __future__ import annotations

import ast
from pathlib import Path

import reader

PACKAGE = Path(reader.__file__).parent
# What every stage may use: the document model, the manifest (the contract between build and
# feed) and small shared utilities.
SHARED = {
    *("reader", "model", "manifest", "errors", "han", "fsutil", "locking", "audio", "transcript"),
    *("cache_root", "table_cache", "mp3", "crc"),
}
# Pipeline order; a stage may import stages of a lower rank. Units not listed are not checked.
RANKS = {
    "normalize": 1,
    "pronounce": 2,
    "sections": 3,
    "speech": 4,
    "package": 5,
    "page": 5,
    "epub": 5,
    "builder": 6,
    "feed": 7,
    "serve": 8,
    "commands": 9,
    "cli": 10,
    "__main__": 11,
}


def _unit(path: Path) -> str:
    return path.relative_to(PACKAGE).with_suffix("").parts[0]


def _imported_units(path: Path) -> set[str]:
    units = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "reader":
                units.add(parts[1] if len(parts) > 1 else "reader")
    return units


def test_no_stage_imports_a_later_one() -> None:
    backward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        unit = _unit(path)
        if unit not in RANKS:
            continue
        for used in _imported_units(path) - SHARED - {unit}:
            if RANKS.get(used, 0) >= RANKS[unit]:
                backward.append(f"{path.relative_to(PACKAGE.parent)} imports reader.{used}")
    assert backward == []
