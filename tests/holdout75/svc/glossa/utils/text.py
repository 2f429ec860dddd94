from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

_WS = re.compile(r"\s+")
_PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]+\}|%\([A-Za-z0-9_]+\)[sd]|%[sd]|\{\{[^}]+\}\}")


@functools.cache
def normalise(text: str) -> str:
    """Canonical form used for fuzzy comparison: NFKC, collapsed whitespace, case-folded."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


@functools.lru_cache(maxsize=4096)
def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = normalise(item) if len(item) < 256 else item
        if key in seen:
            continue
        seen.add(key)
        out.append(item)
    return out


def placeholders_match(source: str, target: str) -> bool:
    """A translation must keep every placeholder of its source, as often as the source has it."""
    return Counter(_PLACEHOLDER.findall(source)) == Counter(_PLACEHOLDER.findall(target))
