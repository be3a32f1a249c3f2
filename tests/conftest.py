from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Hermetic runs: the speech cache and the patched voice model go to a fresh folder per test
# process, never the user's cache, so a test cannot pass on audio made by an earlier run.
if "READER_CACHE_DIR" not in os.environ:
    _test_cache = tempfile.mkdtemp(prefix="reader-test-cache-")
    os.environ["READER_CACHE_DIR"] = _test_cache
    atexit.register(shutil.rmtree, _test_cache, ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PATH = ROOT / "examples" / "000_be6178708a06076a.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE_PATH


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE_PATH.read_text(encoding="utf-8")


# The read-along page's browser tests (two modules) share one built page and one Chromium.
@pytest.fixture(scope="session")
def page_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from browser_support import build_site

    return build_site(tmp_path_factory.mktemp("page"), voice=True)


@pytest.fixture(scope="session")
def page_base_url(page_site: Any) -> Iterator[str]:
    from browser_support import serve

    with serve(page_site.folder) as url:
        yield url


@pytest.fixture(scope="session")
def page_browser() -> Iterator[Any]:
    from browser_support import chromium

    with chromium() as context:
        yield context


@pytest.fixture
def page(page_browser: Any, page_base_url: str) -> Iterator[Any]:
    """A fresh tab on the shared page; the test fails if the page's script raised."""
    from browser_support import fresh_page

    opened = fresh_page(page_browser, page_base_url)
    yield opened
    errors = opened.errors
    opened.close()
    assert errors == []
