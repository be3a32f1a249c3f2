"""What a build is asked to do (`BuildOptions`) and how it shows its progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from reader.package.profiles import DEFAULT_PROFILE
from reader.speech import engines

BUILD_FORMAT = 1  # bump when the files a build writes change shape


class Progress(Protocol):
    """The part of a tqdm bar a build uses."""

    def update(self, n: float = 1) -> Any: ...

    def set_postfix_str(self, text: str) -> Any: ...

    def close(self) -> Any: ...


ProgressFactory = Callable[[int, str], Progress]


@dataclass(frozen=True)
class BuildOptions:
    output_dir: Path
    engine: str = engines.AUTO  # auto or a registered engine (reader.speech.engines)
    voice: str | None = None  # preset name or voice id
    profile: str = DEFAULT_PROFILE.value  # a ProfileName
    slug: str | None = None  # validated by the caller
    date: str | None = None  # YYYY-MM-DD
    lexicon: Path | None = None
    strict: bool = False
    publication: str | None = None
    epub: bool = True  # also write `<slug>.epub`, the talking book (`reader.epub`)
