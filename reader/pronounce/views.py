"""`reader pinyin` outputs: JSON Lines (the checks' contract) and JSON. The standalone HTML
page is rendered by the page stage (`reader.page.pinyin_page`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from reader.model import Sentence

Line = Sequence[Sentence]  # the sentences of one input line


def jsonl(lines: Sequence[Line]) -> str:
    """One JSON array per input line: [character, pinyin with tone marks or null, is_hard]."""
    rows = []
    for line in lines:
        cells: list[list[Any]] = []
        for sentence in line:
            for syllable in sentence.syllables:
                if syllable.pinyin is None:
                    cells.extend([char, None, False] for char in syllable.text)
                else:
                    cells.append([syllable.text, syllable.pinyin, syllable.hard])
        rows.append(json.dumps(cells, ensure_ascii=False))
    return "".join(row + "\n" for row in rows)


def _sentence_json(sentence: Sentence) -> dict[str, Any]:
    speech = sentence.speech
    return {
        "text": sentence.text,
        "syllables": [
            {"text": s.text, "pinyin": s.pinyin, "hard": s.hard} for s in sentence.syllables
        ],
        "speech": None
        if speech is None
        else {"text": speech.text, "respelled": speech.respelled, "pinyin": list(speech.pinyin)},
    }


def as_json(lines: Sequence[Line]) -> str:
    """Every line's sentences with syllables and speech text (spoken pinyin with sandhi)."""
    document = {
        "lines": [
            {
                "text": "".join(sentence.text for sentence in line),
                "sentences": [_sentence_json(sentence) for sentence in line],
            }
            for line in lines
        ]
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
