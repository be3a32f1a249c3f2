"""The EPUB container: package document, navigation, cover, stylesheet, and the zip itself.

A book is made of chapters, each in its own folder (the article's slug) holding its content
document, media overlay and section MP3s, so an article's folder can be copied as it is from
its own EPUB into the day's book. The zip starts with the `mimetype` entry, stored.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reader.epub.content import NavPoint
from reader.epub.markup import (
    ACTIVE_CLASS,
    CSS,
    DC_NS,
    EPUB_NS,
    LANGUAGE,
    OPF_NS,
    STYLESHEET,
    XHTML_NS,
    XML_DECLARATION,
    attr,
    chinese_date,
    clock,
    text,
)

MEDIA_TYPE = "application/epub+zip"
PACKAGE_PATH = "EPUB/package.opf"
NAV_NAME = "nav.xhtml"
COVER_NAME = "cover.xhtml"
COVER_IMAGE_NAME = "cover.svg"
BOOK_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://reader.invalid/epub")
# Zip entries carry this time, so a book's bytes depend only on what is in it.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
MEDIA_TYPES = {
    ".xhtml": "application/xhtml+xml",
    ".smil": "application/smil+xml",
    ".mp3": "audio/mpeg",
    ".css": "text/css",
    ".svg": "image/svg+xml",
}
ACCESSIBILITY_SUMMARY = (
    "本书是有声读物：正文每一句都与朗读录音同步（媒体叠加），阅读软件可以边播放边高亮正在朗读的句子，"
    "并可调节语速。目录按标题和小节组织，可按标题导航；难读字词在上方标注拼音（注音标签）。"
    "图片说明以文字给出，不朗读；除文字封面外，书中没有图片。"
)
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


def book_identifier(name: str) -> str:
    """A stable `urn:uuid:` for a book: the same name (an article's slug) gives the same id."""
    return f"urn:uuid:{uuid.uuid5(BOOK_NAMESPACE, name)}"


@dataclass(frozen=True)
class BookFile:
    """A file of a chapter, by its path inside the chapter's folder."""

    path: str
    data: bytes


@dataclass(frozen=True)
class Chapter:
    folder: str  # the article's slug: every file of the chapter lives under it
    content: str  # the content document's path in the folder
    overlay: str | None  # the media overlay's path in the folder
    duration_ms: int  # of the overlay
    nav: NavPoint  # hrefs relative to the folder
    files: tuple[BookFile, ...]


@dataclass(frozen=True)
class BookInfo:
    identifier: str
    title: str
    date: str  # YYYY-MM-DD
    publisher: str
    modified: str  # CCYY-MM-DDThh:mm:ssZ
    creators: tuple[str, ...] = ()
    description: str | None = None
    cover_lines: tuple[str, ...] = ()  # under the title on the cover


def _item_id(chapter: Chapter, path: str) -> str:
    # Slugs start with a digit (the date); an XML id cannot.
    cleaned = "".join(c if c.isalnum() or c in "-_." else "-" for c in path)
    return f"c-{chapter.folder}-{cleaned}"


def _media_type(path: str) -> str:
    suffix = path[path.rfind(".") :].lower()
    return MEDIA_TYPES.get(suffix, "application/octet-stream")


def package_document(info: BookInfo, chapters: Sequence[Chapter]) -> str:
    meta = [
        f'<dc:identifier id="book-id">{text(info.identifier)}</dc:identifier>',
        f"<dc:title>{text(info.title)}</dc:title>",
        f"<dc:language>{LANGUAGE}</dc:language>",
        f"<dc:date>{text(info.date)}</dc:date>",
        f"<dc:publisher>{text(info.publisher)}</dc:publisher>",
        *(f"<dc:creator>{text(creator)}</dc:creator>" for creator in info.creators),
    ]
    if info.description:
        meta.append(f"<dc:description>{text(info.description)}</dc:description>")
    meta.append(f'<meta property="dcterms:modified">{text(info.modified)}</meta>')
    meta += _accessibility(info.publisher)
    overlays = [chapter for chapter in chapters if chapter.overlay is not None]
    for chapter in overlays:
        overlay_id = _item_id(chapter, chapter.overlay or "")
        meta.append(
            f'<meta property="media:duration" refines="#{overlay_id}">'
            f"{clock(chapter.duration_ms)}</meta>"
        )
    if overlays:
        total = sum(chapter.duration_ms for chapter in overlays)
        meta.append(f'<meta property="media:duration">{clock(total)}</meta>')
        meta.append(f'<meta property="media:active-class">{ACTIVE_CLASS}</meta>')
    items = [
        f'<item id="nav" href="{NAV_NAME}" media-type="application/xhtml+xml" properties="nav"/>',
        f'<item id="cover" href="{COVER_NAME}" media-type="application/xhtml+xml"/>',
        f'<item id="cover-image" href="{COVER_IMAGE_NAME}" media-type="image/svg+xml"'
        ' properties="cover-image"/>',
        f'<item id="css" href="{STYLESHEET}" media-type="text/css"/>',
    ]
    spine = ['<itemref idref="cover"/>']
    for chapter in chapters:
        for file in chapter.files:
            extra = ""
            if file.path == chapter.content and chapter.overlay is not None:
                extra = f' media-overlay="{_item_id(chapter, chapter.overlay)}"'
            items.append(
                f'<item id="{_item_id(chapter, file.path)}"'
                f" href={attr(f'{chapter.folder}/{file.path}')}"
                f' media-type="{_media_type(file.path)}"{extra}/>'
            )
        spine.append(f'<itemref idref="{_item_id(chapter, chapter.content)}"/>')
    spine.append('<itemref idref="nav" linear="no"/>')
    return "\n".join(
        [
            XML_DECLARATION,
            f'<package xmlns="{OPF_NS}" version="3.0" unique-identifier="book-id"'
            f' xml:lang="{LANGUAGE}">',
            f'<metadata xmlns:dc="{DC_NS}">',
            *meta,
            "</metadata>",
            "<manifest>",
            *items,
            "</manifest>",
            "<spine>",
            *spine,
            "</spine>",
            "</package>",
            "",
        ]
    )


def _accessibility(publisher: str) -> list[str]:
    """EPUB Accessibility 1.1 metadata (schema.org terms as the spec asks)."""
    lines = [
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessMode">auditory</meta>',
        '<meta property="schema:accessModeSufficient">textual</meta>',
        '<meta property="schema:accessModeSufficient">textual,auditory</meta>',
    ]
    for feature in (
        "synchronizedAudioText",
        "structuralNavigation",
        "readingOrder",
        "rubyAnnotations",
        "tableOfContents",
    ):
        lines.append(f'<meta property="schema:accessibilityFeature">{feature}</meta>')
    lines += [
        '<meta property="schema:accessibilityHazard">none</meta>',
        f'<meta property="schema:accessibilitySummary">{text(ACCESSIBILITY_SUMMARY)}</meta>',
        f'<meta property="dcterms:conformsTo">{text(CONFORMS_TO)}</meta>',
        # The publisher claims conformance; the claim is checked with EPUBCheck and DAISY Ace.
        f'<meta property="a11y:certifiedBy">{text(publisher)}</meta>',
    ]
    return lines


def _xhtml(title: str, body: Sequence[str], *, stylesheet: str = STYLESHEET) -> str:
    return "\n".join(
        [
            XML_DECLARATION,
            "<!DOCTYPE html>",
            f'<html xmlns="{XHTML_NS}" xmlns:epub="{EPUB_NS}" lang="{LANGUAGE}"'
            f' xml:lang="{LANGUAGE}">',
            "<head>",
            '<meta charset="utf-8"/>',
            f"<title>{text(title)}</title>",
            f'<link rel="stylesheet" type="text/css" href="{stylesheet}"/>',
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _nav_list(points: Sequence[NavPoint], folder: str | None) -> Iterator[str]:
    yield "<ol>"
    for point in points:
        href = f"{folder}/{point.href}" if folder else point.href
        yield f"<li><a href={attr(href)}>{text(point.title)}</a>"
        if point.children:
            yield from _nav_list(point.children, folder)
        yield "</li>"
    yield "</ol>"


def navigation_document(info: BookInfo, chapters: Sequence[Chapter]) -> str:
    body = ['<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">']
    body.append('<h1 id="toc-title">目录</h1>')
    body.append("<ol>")
    for chapter in chapters:
        body.extend(list(_nav_list([chapter.nav], chapter.folder))[1:-1])
    body.append("</ol>")
    body.append("</nav>")
    if chapters:
        first = f"{chapters[0].folder}/{chapters[0].content}"
        body += [
            '<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title"'
            ' hidden="">',
            '<h2 id="landmarks-title">导航</h2>',
            "<ol>",
            f'<li><a epub:type="cover" href="{COVER_NAME}">封面</a></li>',
            '<li><a epub:type="toc" href="#toc">目录</a></li>',
            f'<li><a epub:type="bodymatter" href={attr(first)}>正文</a></li>',
            "</ol>",
            "</nav>",
        ]
    return _xhtml(info.title, body)


def cover_document(info: BookInfo) -> str:
    """The cover as text: publisher, title, the lines below it (date, headlines)."""
    body = ['<section class="cover" aria-label="封面">']
    if not info.title.startswith(info.publisher):  # the day's book is titled by it already
        body.append(f'<p class="publisher">{text(info.publisher)}</p>')
    body.append(f"<h1>{text(info.title)}</h1>")
    lines = list(info.cover_lines)
    if len(lines) > 1:
        body.append("<ol>")
        body.extend(f"<li>{text(line)}</li>" for line in lines)
        body.append("</ol>")
    else:
        body.extend(f"<p>{text(line)}</p>" for line in lines)
    if chinese_date(info.date) not in info.title:
        body.append(f'<p class="dateline">{text(chinese_date(info.date))}</p>')
    body.append("</section>")
    return _xhtml(info.title, body)


def cover_image(info: BookInfo, *, per_line: int = 9) -> str:
    """An SVG cover for library shelves, drawn from the title text (no image to fetch)."""
    title = info.title
    # A headline's own spaces break lines first (筑牢安全屏障 / 护航高质量发展).
    rows = [
        part[i : i + per_line] for part in title.split() for i in range(0, len(part), per_line)
    ][:6]
    top = 380 - 60 * len(rows) // 2
    lines = [
        XML_DECLARATION,
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 600 800"'
        f' width="600" height="800" xml:lang="{LANGUAGE}" role="img"'
        f" aria-label={attr(title)}>",
        f"<title>{text(title)}</title>",
        '<rect width="600" height="800" fill="#f6f1e3"/>',
        '<rect x="30" y="30" width="540" height="740" fill="none" stroke="#7a1f1f"'
        ' stroke-width="6"/>',
        f'<text x="300" y="140" font-family="serif" font-size="34" fill="#7a1f1f"'
        f' text-anchor="middle">{text(info.publisher)}</text>',
    ]
    for number, row in enumerate(rows):
        lines.append(
            f'<text x="300" y="{top + 60 * number}" font-family="serif" font-size="52"'
            f' font-weight="bold" fill="#111" text-anchor="middle">{text(row)}</text>'
        )
    lines.append(
        f'<text x="300" y="700" font-family="serif" font-size="30" fill="#333"'
        f' text-anchor="middle">{text(chinese_date(info.date))}</text>'
    )
    lines += ["</svg>", ""]
    return "\n".join(lines)


CONTAINER = f"""\
{XML_DECLARATION}
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="{PACKAGE_PATH}" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""


def _entry(name: str, compress: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    return info


def book_bytes(info: BookInfo, chapters: Sequence[Chapter], *, comment: bytes = b"") -> bytes:
    """The whole EPUB as bytes. MP3s are stored as they are (they do not compress)."""
    root = PACKAGE_PATH.rsplit("/", 1)[0]
    files: list[tuple[str, bytes]] = [
        ("META-INF/container.xml", CONTAINER.encode()),
        (PACKAGE_PATH, package_document(info, chapters).encode()),
        (f"{root}/{NAV_NAME}", navigation_document(info, chapters).encode()),
        (f"{root}/{COVER_NAME}", cover_document(info).encode()),
        (f"{root}/{COVER_IMAGE_NAME}", cover_image(info).encode()),
        (f"{root}/{STYLESHEET}", CSS.encode()),
    ]
    for chapter in chapters:
        files += [(f"{root}/{chapter.folder}/{file.path}", file.data) for file in chapter.files]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry("mimetype", compress=False), MEDIA_TYPE.encode("ascii"))
        for name, data in files:
            archive.writestr(_entry(name, compress=not name.endswith(".mp3")), data)
        archive.comment = comment
    return buffer.getvalue()
