"""Article text made safe for XML and playlists: OCR leaves control characters behind."""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls other than tab/LF/CR, lone surrogates and U+FFFE/U+FFFF; DEL and
# the C1 controls are legal but are OCR debris that some feed readers reject, so they go too.
_NOT_XML_SAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE_RUN = re.compile(r"\s+")


def xml_safe(text: str) -> str:
    """`text` without the characters an XML 1.0 document cannot carry."""
    return _NOT_XML_SAFE.sub("", text)


def one_line(text: str) -> str:
    """`text` made XML-safe and folded onto one line (titles, playlist entries)."""
    return _WHITESPACE_RUN.sub(" ", xml_safe(text)).strip()
