"""An article's talking book: its content document, overlay and section MP3s as one EPUB."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.epub.content import CONTENT_NAME, OVERLAY_NAME, article_document, overlay
from reader.epub.markup import chinese_date
from reader.epub.package import BookFile, BookInfo, Chapter, book_bytes, book_identifier
from reader.errors import InputError
from reader.fsutil import write_bytes_atomic
from reader.manifest import EpubFile
from reader.model import Article, SectionAudio


@dataclass(frozen=True)
class ArticleFacts:
    slug: str
    date: str  # YYYY-MM-DD
    publication: str
    modified: str  # the build time, CCYY-MM-DDThh:mm:ssZ
    description: str | None = None


def article_chapter(
    article: Article, sections: Sequence[SectionAudio], folder: Path, facts: ArticleFacts
) -> Chapter:
    """The article as a chapter: its XHTML, its SMIL and the section MP3s read from `folder`."""
    document = article_document(
        article, sections, dateline=f"{facts.publication} {chinese_date(facts.date)}"
    )
    files = [BookFile(CONTENT_NAME, document.xhtml.encode())]
    if document.clips:
        files.append(BookFile(OVERLAY_NAME, overlay(document.clips).encode()))
    for name in dict.fromkeys(audio.file for audio in sections):
        try:
            files.append(BookFile(name, (folder / name).read_bytes()))
        except OSError as error:
            raise InputError(f"{folder / name}: cannot read section audio ({error})") from error
    return Chapter(
        folder=facts.slug,
        content=CONTENT_NAME,
        overlay=OVERLAY_NAME if document.clips else None,
        duration_ms=document.duration_ms,
        nav=document.nav,
        files=tuple(files),
    )


def article_epub(
    article: Article, sections: Sequence[SectionAudio], folder: Path, facts: ArticleFacts
) -> bytes:
    """The EPUB 3 bytes of one article with its media overlay (section MP3s from `folder`)."""
    chapter = article_chapter(article, sections, folder, facts)
    title = chapter.nav.title
    info = BookInfo(
        identifier=book_identifier(f"article:{facts.slug}"),
        title=title,
        date=facts.date,
        publisher=facts.publication,
        modified=facts.modified,
        creators=(article.byline,) if article.byline else (),
        description=facts.description,
        cover_lines=tuple(p.text.strip() for p in (article.subtitle,) if p is not None),
    )
    return book_bytes(info, [chapter])


def write_article_epub(
    folder: Path,
    article: Article,
    sections: Sequence[SectionAudio],
    facts: ArticleFacts,
) -> EpubFile:
    """Write `<slug>.epub` into the article folder (atomically); its manifest entry."""
    data = article_epub(article, sections, folder, facts)
    name = f"{facts.slug}.epub"
    write_bytes_atomic(folder / name, data)
    return EpubFile(file=name, bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
