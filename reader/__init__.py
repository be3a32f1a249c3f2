"""reader: OCR'd Chinese newspaper articles to clean text, pinyin HTML, audio and a feed."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reader")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0"
