"""Comparing built folders: every file's bytes, save what records when it was built."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

from reader.builder.state import STATE_NAME

_MODIFIED = re.compile(rb'<meta property="dcterms:modified">[^<]*</meta>')


def _epub_without_build_time(data: bytes) -> bytes:
    """The EPUB's members in order, its package's dcterms:modified (the build time) blanked."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        for info in book.infolist():
            member = _MODIFIED.sub(b"", book.read(info))
            parts.append(f"{info.filename} {info.compress_type}\n".encode() + member)
    return b"\n".join(parts)


def built_files(output: Path) -> dict[str, bytes]:
    """Every file of every article folder under `output`, by relative path: the manifest
    without `built_at` and the EPUB's checksum and size, the EPUB without its build time; the state
    file and the lock left out."""
    files = {}
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.name in (STATE_NAME, ".lock"):
            continue
        data = path.read_bytes()
        if path.name == "manifest.json":
            manifest = json.loads(data)
            del manifest["built_at"]
            if manifest.get("epub"):  # the EPUB's build time moves its checksum and its
                # compressed size
                manifest["epub"] = {
                    key: value
                    for key, value in manifest["epub"].items()
                    if key not in ("sha256", "bytes")
                }
            data = json.dumps(manifest, sort_keys=True).encode()
        elif path.suffix == ".epub":
            data = _epub_without_build_time(data)
        files[path.relative_to(output).as_posix()] = data
    return files
