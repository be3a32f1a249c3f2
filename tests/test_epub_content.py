"""The EPUB documents built from a small document model: structure, overlay, escaping, zip.

The validators and the real audio are checked on built books in test_epub_books.py; these
tests are fast and need no voice.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from reader.epub.article import ArticleFacts, article_epub
from reader.epub.content import article_document, overlay
from reader.epub.markup import clock, parse_clock
from reader.epub.package import book_identifier
from reader.errors import ReaderError
from reader.manifest import EpubFile, Manifest
from reader.model import Article, Cue, Paragraph, Section, SectionAudio, Sentence, Syllable

XHTML = "{http://www.w3.org/1999/xhtml}"
SMIL = "{http://www.w3.org/ns/SMIL}"
OPF = "{http://www.idpf.org/2007/opf}"


def _sentence(text: str, hard: str = "") -> Sentence:
    syllables = tuple(
        Syllable(char, pinyin="pīn" if char in hard else "yīn", hard=char in hard) for char in text
    )
    return Sentence(text, syllables)


TITLE = Paragraph((_sentence("未雨绸缪 <防> & 安"),))
SUBTITLE = Paragraph((_sentence("全力维护社会稳定"),))
BODY_1 = Paragraph((_sentence("第一句。"), _sentence("绸缪第二句。", hard="绸缪")))
BODY_2 = Paragraph((_sentence("第三句。"),))
CAPTION = Paragraph((_sentence("图为巡逻现场。"),))
ARTICLE = Article(
    title=TITLE,
    subtitle=SUBTITLE,
    series="（九）",
    byline="记者 张三",
    captions=(CAPTION,),
    paragraphs=(BODY_1, BODY_2),
)
SECTIONS = (
    SectionAudio(
        Section(0, "开头", (BODY_1,), intro=(TITLE, SUBTITLE)),
        "audio/01-kai-tou.mp3",
        0.0,
        10.0,
        (
            Cue(0.0, 2.5, "title"),
            Cue(3.1, 5.0, "subtitle"),
            Cue(5.6, 6.2, "1"),
            Cue(6.2, 6.2, "2"),  # a cue of no length
        ),
    ),
    SectionAudio(
        Section(1, "第二节", (BODY_2,)), "audio/02-di-er-jie.mp3", 11.0, 3.0, (Cue(0.0, 2.9, "3"),)
    ),
)


def test_every_spoken_sentence_is_a_span_with_one_par_in_order() -> None:
    document = article_document(ARTICLE, SECTIONS)
    root = ElementTree.fromstring(document.xhtml)  # well-formed XML despite <防> & in the text
    ids = [span.get("id") for span in root.iter(f"{XHTML}span") if span.get("id")]
    assert ids == ["s0-0", "s0-1", "s0-2", "s0-3", "s1-0"]
    smil = ElementTree.fromstring(overlay(document.clips))
    pars = smil.findall(f"{SMIL}body/{SMIL}par")
    targets = [par.find(f"{SMIL}text").get("src") for par in pars]  # type: ignore[union-attr]
    assert targets == [f"article.xhtml#{ident}" for ident in ids]
    audio = [par.find(f"{SMIL}audio") for par in pars]
    clips = [(a.get("src"), a.get("clipBegin"), a.get("clipEnd")) for a in audio if a is not None]
    assert clips[0] == ("audio/01-kai-tou.mp3", "0:00:00.000", "0:00:02.500")
    assert clips[3] == ("audio/01-kai-tou.mp3", "0:00:06.200", "0:00:06.201")  # never empty
    assert clips[4] == ("audio/02-di-er-jie.mp3", "0:00:00.000", "0:00:02.900")
    assert document.duration_ms == 2500 + 1900 + 600 + 1 + 2900


def test_headline_subtitle_sections_and_captions_have_their_places() -> None:
    root = ElementTree.fromstring(article_document(ARTICLE, SECTIONS).xhtml)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    body = root.find(f"{XHTML}body")
    assert body is not None
    header = body.find(f"{XHTML}header")
    assert header is not None
    h1 = header.find(f"{XHTML}h1")
    assert h1 is not None and h1.find(f"{XHTML}span").get("id") == "s0-0"  # type: ignore[union-attr]
    classes = [p.get("class") for p in header.findall(f"{XHTML}p")]
    assert classes == ["series", "subtitle", "byline"]
    sections = body.findall(f"{XHTML}section")
    assert ["".join(s.find(f"{XHTML}h2").itertext()) for s in sections] == ["开头", "第二节"]  # type: ignore[union-attr]
    aside = body.find(f"{XHTML}aside")
    assert aside is not None and "图为巡逻现场" in "".join(aside.itertext())
    assert not [span for span in aside.iter(f"{XHTML}span") if span.get("id")]  # not read


def test_ruby_pinyin_only_over_hard_terms() -> None:
    root = ElementTree.fromstring(article_document(ARTICLE, SECTIONS).xhtml)
    rubies = list(root.iter(f"{XHTML}ruby"))
    assert [ruby.text for ruby in rubies] == ["绸", "缪"]
    assert [ruby.findtext(f"{XHTML}rt") for ruby in rubies] == ["pīn", "pīn"]


def test_cues_that_do_not_match_the_sentences_are_an_error() -> None:
    broken = SectionAudio(SECTIONS[1].section, "audio/02.mp3", 0.0, 1.0, ())
    with pytest.raises(ReaderError, match="0 cues for 1 sentences"):
        article_document(ARTICLE, [SECTIONS[0], broken])


def test_clock_values_round_trip() -> None:
    assert clock(0) == "0:00:00.000"
    assert clock(3_723_456) == "1:02:03.456"
    assert parse_clock("1:02:03.456") == pytest.approx(3723.456)
    assert parse_clock("02:03.5") == pytest.approx(123.5)
    assert parse_clock("12.5s") == 12.5 and parse_clock("250ms") == 0.25


def _book(tmp_path: Path) -> bytes:
    for audio in SECTIONS:
        (tmp_path / audio.file).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / audio.file).write_bytes(b"ID3 not decoded here " + audio.file.encode())
    facts = ArticleFacts("2026-11-30-wei-yu", "2026-11-30", "晋中日报", "2026-11-30T01:02:03Z")
    return article_epub(ARTICLE, SECTIONS, tmp_path, facts)


def test_the_zip_starts_with_the_stored_mimetype_and_holds_every_item(tmp_path: Path) -> None:
    data = _book(tmp_path)
    assert data[30:38] == b"mimetype" and data[38:58] == b"application/epub+zip"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert not first.extra
        package = ElementTree.fromstring(archive.read("EPUB/package.opf"))
        hrefs = [item.get("href") for item in package.iter(f"{OPF}item")]
        for href in hrefs:
            archive.getinfo(f"EPUB/{href}")
        for audio in SECTIONS:
            stored = archive.read(f"EPUB/2026-11-30-wei-yu/{audio.file}")
            assert stored == (tmp_path / audio.file).read_bytes()
            info = archive.getinfo(f"EPUB/2026-11-30-wei-yu/{audio.file}")
            assert info.compress_type == zipfile.ZIP_STORED
        cover = archive.read("EPUB/cover.xhtml").decode()
        assert "晋中日报" in cover and "2026年11月30日" in cover and "未雨绸缪" in cover
    assert _book(tmp_path) == data  # same inputs, same bytes


def test_identifier_is_stable_and_per_slug() -> None:
    assert book_identifier("article:a") == book_identifier("article:a")
    assert book_identifier("article:a") != book_identifier("article:b")
    assert book_identifier("article:a").startswith("urn:uuid:")


def test_manifest_lists_the_epub_and_reads_older_manifests(tmp_path: Path) -> None:
    from dataclasses import replace

    from reader.manifest import AudioFile

    audio = AudioFile("a.mp3", 1.0, 10, "0" * 64, "a.vtt")
    manifest = Manifest(
        "slug", "t", None, None, None, None, "2026-11-30", "2026-11-30T00:00:00Z", "d",
        "index.html", "chapters.json", audio, (), "podcast", -16.0, -1.5, "0" * 64,
    )  # fmt: skip
    manifest.save(tmp_path)
    assert Manifest.load(tmp_path).epub is None
    with_book = replace(manifest, epub=EpubFile("slug.epub", 123, "f" * 64))
    with_book.save(tmp_path)
    assert Manifest.load(tmp_path) == with_book
