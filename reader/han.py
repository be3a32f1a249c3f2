"""Han characters: the one definition every stage uses to tell Chinese characters from the rest.

The CJK ideographs Unicode lists (the basic block, extension A, the compatibility ideographs,
extensions B and later) and 〇, the ideographic zero of dates like 二〇二四年. Not the Yijing
hexagram symbols between extension A and the basic block.
"""

from __future__ import annotations

import re

HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # a regex class body
HAN_RE = re.compile(f"[{HAN}]")


def is_han(char: str) -> bool:
    """One Han character (see the module docstring)."""
    return len(char) == 1 and HAN_RE.match(char) is not None
