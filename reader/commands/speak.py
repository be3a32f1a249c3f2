"""`reader speak`: read a text aloud into an MP3 with a WebVTT transcript beside it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reader.commands.options import (
    engine_option,
    lexicon_option,
    source_argument,
    strict_option,
    voice_option,
)
from reader.errors import InputError
from reader.model import Article, Paragraph, Sentence

if TYPE_CHECKING:
    from reader.speech.base import SpeechOutcome

EPILOG = """\b
Examples:
  reader speak examples/000_be6178708a06076a.txt -o out/article.mp3
  echo 今天天气很好。 | reader speak - -o hello.mp3 --engine offline --rate 1.1
  reader speak news.txt -o news.mp3 --voice yunyang --strict
Writes OUT.mp3 and OUT.vtt (one cue per sentence). The offline voice needs no network;
its Databaker corpus is licensed for non-commercial use: use the edge voices for broadcast."""


def read_article(source: str) -> Article:
    """The article in `source` (a path, or "-" for standard input)."""
    from reader.normalize import DEFAULT_MAX_SIZE, load_normalized  # slow to import: lazily

    data, name = source_argument(source, DEFAULT_MAX_SIZE)
    return load_normalized(data, name=name).article


def spoken_paragraphs(article: Article) -> list[Paragraph]:
    """Reading order: headline, subtitle, then the body (photo captions are not read)."""
    blocks = [article.title, article.subtitle, *article.paragraphs]
    return [block for block in blocks if block is not None and block.text.strip()]


def pronounce(article: Article, lexicon: Path | None) -> Article:
    from reader.pronounce import Lexicon, Pronouncer

    words = Lexicon.load(lexicon) if lexicon else None
    return Pronouncer(lexicon=words).article(article)


@click.command("speak", epilog=EPILOG)
@click.argument("source", metavar="FILE|-")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="MP3 file to write; the WebVTT transcript goes beside it (.vtt).",
)
@engine_option
@voice_option
@click.option("--rate", help='Speaking rate: a ratio such as 1.2, or "+20%" / "-10%".')
@strict_option
@lexicon_option
@click.option("--cbr", is_flag=True, help="Constant-bitrate MP3 (for radio playout systems).")
@click.option("--no-cache", is_flag=True, help="Synthesize everything again.")
def command(
    source: str,
    output: Path,
    engine: str,
    voice: str | None,
    rate: str | None,
    strict: bool,
    lexicon: Path | None,
    cbr: bool,
    no_cache: bool,
) -> None:
    """Read FILE (or standard input) aloud into an MP3 with a WebVTT transcript."""
    from reader import audio, transcript
    from reader.fsutil import write_text_atomic
    from reader.speech import engines
    from reader.speech.cache import SpeechCache
    from reader.speech.clips import join_speech
    from reader.speech.presets import parse_rate, resolve_voice
    from reader.speech.service import plan, speak_many

    preset = resolve_voice(voice, engine) if voice or engine != engines.AUTO else None
    speaking_rate = parse_rate(rate) if rate is not None else None
    article = read_article(source)
    paragraphs = spoken_paragraphs(article)
    if not paragraphs:
        raise InputError(f"{source}: no text to speak")
    chosen = plan(engine, preset, strict=strict)  # probes once, before the slow pronouncing
    article = pronounce(article, lexicon)
    groups: list[tuple[Sentence, ...]] = [p.sentences for p in spoken_paragraphs(article)]
    outcomes = speak_many(
        groups,
        chosen=chosen,
        cache=None if no_cache else SpeechCache(),
        strict=strict,
        rate=speaking_rate,
    )
    _warn_latin(groups, outcomes)
    speech = join_speech([outcome.speech for outcome in outcomes])
    audio.encode_mp3(
        speech.samples,
        speech.sample_rate,
        output,
        bitrate_mode="CONSTANT" if cbr else "VARIABLE",
        through=True,
    )
    # Beside a file only: `-o /dev/null` or a pipe must not leave /dev/null.vtt behind.
    beside_a_file = output.is_file() or not output.exists()
    if beside_a_file:
        write_text_atomic(
            output.with_suffix(".vtt"), transcript.webvtt(speech.sentences), through=True
        )
    voices = sorted({f"{outcome.engine} ({outcome.voice})" for outcome in outcomes})
    click.echo(
        f"{output}: {speech.duration:.1f} s, {len(speech.sentences)} sentences, "
        f"voice {', '.join(voices)}; "
        + (f"transcript {output.with_suffix('.vtt')}" if beside_a_file else "no transcript")
    )


def _warn_latin(groups: Sequence[Sequence[Sentence]], outcomes: Sequence[SpeechOutcome]) -> None:
    """Name the English the offline voice spelled or left out (as `reader build` reports)."""
    from reader.pronounce.letters import offline_notes
    from reader.speech import engines

    said: list[str] = []
    for group, outcome in zip(groups, outcomes, strict=True):
        if outcome.engine == engines.OFFLINE:
            for sentence in group:
                if sentence.speech is not None:
                    said += offline_notes(sentence.speech.text)
    for note in dict.fromkeys(said):
        click.echo(f"reader: warning: {note}", err=True)
