"""The pronunciation stage: fills `Sentence.syllables` and `Sentence.speech`."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import cache

from reader.model import Article, Paragraph, Sentence, SpeechText, Syllable
from reader.pronounce import forms, hard, readings, speech_text, spoken
from reader.pronounce.cycles import no_cycle_collection
from reader.pronounce.hard import DEFAULT_HARD_ZIPF, hard_flags
from reader.pronounce.lexicon import Lexicon
from reader.pronounce.speech_text import speech_pieces
from reader.pronounce.spoken import respell, spoken_pinyin


def clear_caches() -> None:
    """Forget everything remembered per word, window and syllable, so that the next pass
    runs cold (benchmarks); the models and dictionaries stay loaded."""
    readings.clear_caches()
    hard.clear_caches()
    speech_text.clear_caches()
    spoken.clear_caches()
    _han_syllable.cache_clear()


class Pronouncer:
    """Readings, hard terms and speech text for sentences, paragraphs and whole articles.

    `hard_zipf`: words rarer than this Zipf frequency (wordfreq) are annotated at the `hard`
    level; raise it to annotate more. The models load on first use, once per process.
    """

    def __init__(self, lexicon: Lexicon | None = None, hard_zipf: float = DEFAULT_HARD_ZIPF):
        self.lexicon = lexicon or Lexicon.empty()
        self.hard_zipf = hard_zipf

    def sentence(self, text: str) -> Sentence:
        return self.sentences([text])[0]

    def paragraph(self, paragraph: Paragraph) -> Paragraph:
        return Paragraph(tuple(self.sentences([s.text for s in paragraph.sentences])))

    def article(self, article: Article) -> Article:
        """Every block of `article` (title, subtitle, paragraphs, captions), in one batch."""
        blocks = list(article.blocks())
        texts = [sentence.text for block in blocks for sentence in block.sentences]
        done = iter(self.sentences(texts))
        pronounced = {
            id(block): Paragraph(tuple(next(done) for _ in block.sentences)) for block in blocks
        }

        def again(block: Paragraph | None) -> Paragraph | None:
            return None if block is None else pronounced[id(block)]

        return dataclasses.replace(
            article,
            title=again(article.title),
            subtitle=again(article.subtitle),
            paragraphs=tuple(pronounced[id(block)] for block in article.paragraphs),
            captions=tuple(pronounced[id(block)] for block in article.captions),
        )

    def sentences(self, texts: Sequence[str]) -> list[Sentence]:
        """Pronounce the sentences of one text at once (the polyphone model runs as one
        batch; unknown abbreviations follow the readings the text gives their characters)."""
        with no_cycle_collection():  # see cycles.py: the collector cost a tenth of the pass
            return self._sentences(texts)

    def _sentences(self, texts: Sequence[str]) -> list[Sentence]:
        shown = readings.read(texts, self.lexicon, one_text=True)
        pieces = [speech_pieces(text) for text in texts]
        rewritten = sorted({piece.said for cut in pieces for piece in cut if piece.changed})
        rewritten_readings = dict(
            zip(rewritten, readings.read(rewritten, self.lexicon), strict=True)
        )
        result = []
        for text, reading, cut in zip(texts, shown, pieces, strict=True):
            said = "".join(piece.said for piece in cut)
            result.append(
                Sentence(
                    text=text,
                    syllables=_syllables(text, reading, hard_flags(reading, self.hard_zipf)),
                    speech=SpeechText(
                        text=said,
                        respelled=respell(said, self.lexicon),
                        pinyin=spoken_pinyin(reading, cut, rewritten_readings),
                    ),
                )
            )
        return result


def _syllables(text: str, reading: readings.Reading, hard: Sequence[bool]) -> tuple[Syllable, ...]:
    """One Syllable per Han character; each run of other characters as one Syllable."""
    syllables: list[Syllable] = []
    other = ""
    for char, syllable, is_hard in zip(text, reading.syllables, hard, strict=True):
        if syllable is None and not forms.is_han(char):
            other += char
            continue
        if other:
            syllables.append(Syllable(other))
            other = ""
        syllables.append(_han_syllable(char, syllable, is_hard))
    if other:
        syllables.append(Syllable(other))
    return tuple(syllables)


@cache
def _han_syllable(char: str, reading: str | None, hard: bool) -> Syllable:
    """Syllables are immutable, so one object serves every occurrence (a whole article's
    worth of them is built in one pass)."""
    marks = forms.to_marks(reading) if reading is not None else None
    return Syllable(char, marks, hard and marks is not None)
