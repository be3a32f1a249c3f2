"""The day's paper as one talking book, from the EPUBs `reader build` wrote.

Each article's EPUB keeps all its files under a folder named by its slug, so the day's book
copies those folders as they are (content document, overlay, the very same MP3 bytes) and
writes a new package document, navigation and cover around them. The book's key (the
articles' EPUB checksums) is kept in the zip comment: an unchanged day is not written again.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from reader import __version__
from reader.epub.content import NavPoint
from reader.epub.markup import DC_NS, EPUB_NS, OPF_NS, XHTML_NS, chinese_date, parse_clock
from reader.epub.package import (
    NAV_NAME,
    PACKAGE_PATH,
    BookFile,
    BookInfo,
    Chapter,
    book_bytes,
    book_identifier,
)
from reader.errors import InputError
from reader.manifest import MANIFEST_NAME, Manifest

DAY_FORMAT = 1
_KEY_PREFIX = b"reader-day-book "


@dataclass(frozen=True)
class DayPlan:
    """One date's built articles in an output folder, and the key of their book."""

    date: str
    articles: tuple[tuple[Path, Manifest], ...]  # in chapter order
    key: bytes  # goes in the zip comment; equal keys mean an equal book

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(manifest.slug for _, manifest in self.articles)


def _articles(output_dir: Path) -> list[tuple[Path, Manifest]]:
    try:
        folders = sorted(path for path in output_dir.iterdir() if path.is_dir())
    except OSError as error:
        raise InputError(f"{output_dir}: cannot read the output folder ({error})") from error
    return [
        (folder, Manifest.load(folder)) for folder in folders if (folder / MANIFEST_NAME).is_file()
    ]


def pick_date(output_dir: Path, date: str | None) -> list[tuple[Path, Manifest]]:
    """The articles of `date` (default: the newest date in the folder), in build order."""
    articles = _articles(output_dir)
    if not articles:
        raise InputError(f"{output_dir}: no built articles (run 'reader build' first)")
    day = date or max(manifest.date for _, manifest in articles)
    chosen = [(folder, m) for folder, m in articles if m.date == day]
    if not chosen:
        raise InputError(f"{output_dir}: no article dated {day}")
    # The order they were built in (a day's files are usually built in page order).
    return sorted(chosen, key=lambda pair: (pair[1].built_at, pair[1].slug))


def _epub_path(folder: Path, manifest: Manifest) -> Path:
    if manifest.epub is None:
        raise InputError(
            f"{folder}: built without an EPUB (run 'reader build' again without --no-epub)"
        )
    return folder / manifest.epub.file


def day_key(date: str, articles: Sequence[tuple[Path, Manifest]]) -> bytes:
    parts = {
        "reader": __version__,
        "format": DAY_FORMAT,
        "date": date,
        "articles": [[m.slug, m.epub.sha256 if m.epub is not None else None] for _, m in articles],
    }
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return _KEY_PREFIX + digest.encode()


def existing_key(path: Path) -> bytes | None:
    """The key in an earlier day's book at `path`, if there is one and it opens."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment
    except (OSError, zipfile.BadZipFile):
        return None


@dataclass(frozen=True)
class _ArticleBook:
    chapter: Chapter
    publisher: str
    title: str


def _nav_points(element: ElementTree.Element, folder: str) -> tuple[NavPoint, ...]:
    """The `<li>` entries of a nav `<ol>`, with hrefs made relative to the chapter folder."""
    points = []
    for item in element.findall(f"{{{XHTML_NS}}}li"):
        link = item.find(f"{{{XHTML_NS}}}a")
        if link is None:
            continue
        href = link.get("href", "").removeprefix(f"{folder}/")
        nested = item.find(f"{{{XHTML_NS}}}ol")
        children = _nav_points(nested, folder) if nested is not None else ()
        points.append(NavPoint("".join(link.itertext()).strip(), href, children))
    return tuple(points)


def read_article_book(path: Path, slug: str, sha256: str | None = None) -> _ArticleBook:
    """The chapter inside an article's EPUB, as `reader build` wrote it (and its manifest
    lists it, when `sha256` is given)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from error
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise InputError(f"{path}: not the EPUB its manifest lists (run 'reader build' again)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            package = ElementTree.fromstring(archive.read(PACKAGE_PATH))
            root = PACKAGE_PATH.rsplit("/", 1)[0]
            nav = ElementTree.fromstring(archive.read(f"{root}/{NAV_NAME}"))
            items = package.findall(f"{{{OPF_NS}}}manifest/{{{OPF_NS}}}item")
            prefix = f"{slug}/"
            files = tuple(
                BookFile(
                    item.get("href", "").removeprefix(prefix),
                    archive.read(f"{root}/{item.get('href')}"),
                )
                for item in items
                if item.get("href", "").startswith(prefix)
            )
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError) as error:
        raise InputError(f"{path}: not an EPUB written by reader ({error})") from error
    by_id = {item.get("id"): item for item in items}
    spine = package.findall(f"{{{OPF_NS}}}spine/{{{OPF_NS}}}itemref")
    content_item = next(
        (
            by_id[ref.get("idref")]
            for ref in spine
            if by_id.get(ref.get("idref"), ElementTree.Element("x"))
            .get("href", "")
            .startswith(prefix)
        ),
        None,
    )
    toc = next(
        (n for n in nav.iter(f"{{{XHTML_NS}}}nav") if n.get(f"{{{EPUB_NS}}}type") == "toc"), None
    )
    toc_list = toc.find(f"{{{XHTML_NS}}}ol") if toc is not None else None
    if content_item is None or toc_list is None or not files:
        raise InputError(f"{path}: not an EPUB written by reader (no chapter {slug})")
    overlay_item = by_id.get(content_item.get("media-overlay"))
    overlay = (
        overlay_item.get("href", "").removeprefix(prefix) if overlay_item is not None else None
    )
    duration_ms = 0
    refines = f"#{overlay_item.get('id')}" if overlay_item is not None else None
    for meta in package.iter(f"{{{OPF_NS}}}meta"):
        if meta.get("property") == "media:duration" and meta.get("refines") == refines:
            duration_ms = round(parse_clock((meta.text or "").strip()) * 1000)
    publisher = (package.findtext(f".//{{{DC_NS}}}publisher") or "").strip()
    points = _nav_points(toc_list, slug)
    if not points:
        raise InputError(f"{path}: not an EPUB written by reader (empty table of contents)")
    chapter = Chapter(
        folder=slug,
        content=content_item.get("href", "").removeprefix(prefix),
        overlay=overlay,
        duration_ms=duration_ms,
        nav=points[0],
        files=files,
    )
    return _ArticleBook(chapter, publisher, points[0].title)


def plan_day(output_dir: Path, date: str | None = None) -> DayPlan:
    """The articles of `date` (default: the newest date in the folder) and their book's key."""
    articles = pick_date(output_dir, date)
    day = articles[0][1].date
    for folder, manifest in articles:
        _epub_path(folder, manifest)  # each must have an EPUB
    return DayPlan(day, tuple(articles), day_key(day, articles))


def day_book(plan: DayPlan) -> bytes:
    """The EPUB of the day: each article's folder copied from its EPUB, one chapter each."""
    books = []
    for folder, manifest in plan.articles:
        path = _epub_path(folder, manifest)
        sha256 = manifest.epub.sha256 if manifest.epub is not None else None
        books.append(read_article_book(path, manifest.slug, sha256))
    publisher = next((book.publisher for book in books if book.publisher), "reader")
    info = BookInfo(
        identifier=book_identifier(f"day:{publisher}:{plan.date}"),
        title=f"{publisher} {chinese_date(plan.date)}",
        date=plan.date,
        publisher=publisher,
        modified=max(manifest.built_at for _, manifest in plan.articles),
        description="、".join(book.title for book in books),
        cover_lines=tuple(book.title for book in books),
    )
    return book_bytes(info, [book.chapter for book in books], comment=plan.key)
