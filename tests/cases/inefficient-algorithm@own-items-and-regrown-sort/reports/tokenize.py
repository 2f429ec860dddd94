from __future__ import annotations

import re

_WORD = re.compile(r"[a-z]+")


def split_words(text: str) -> list[str]:
    return _WORD.findall(text.lower())
