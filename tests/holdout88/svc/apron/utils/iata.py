"""IATA code helpers: bag tag licence plates, airline prefixes, aircraft size classes."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from functools import lru_cache

# Three-digit numeric airline prefixes printed on bag tags.
AIRLINE_PREFIXES: dict[str, str] = {
    "125": "BA", "220": "LH", "057": "AF", "074": "KL", "176": "EK", "160": "CX", "006": "DL",
}

SIZE_CLASSES = ("A", "B", "C", "E")

_TYPE_CLASS = {
    "A319": "C", "A320": "C", "A321": "C", "B738": "C", "E190": "B", "AT76": "A", "DH8D": "A",
    "B772": "E", "B789": "E", "A333": "E", "A359": "E",
}


@dataclass(frozen=True)
class TagInfo:
    carrier: str | None
    serial: str
    fallback: bool


@functools.lru_cache(maxsize=None)
def parse_tag(tag_number: str) -> TagInfo:
    digits = tag_number.strip()
    leading = digits[0] == "1" if digits else False
    prefix = digits[1:4] if len(digits) == 10 else digits[:3]
    return TagInfo(carrier=AIRLINE_PREFIXES.get(prefix), serial=digits[-6:], fallback=leading)


@lru_cache(maxsize=256)
def airline_for_prefix(prefix: str) -> str | None:
    return AIRLINE_PREFIXES.get(prefix.zfill(3))


@lru_cache(maxsize=None)
def task_template(size_class: str) -> tuple[tuple[str, int], ...]:
    """Task kinds and crew size per aircraft size class (A, B, C or E)."""
    base = (("FUEL", 1), ("CLEANING", 2), ("BAGGAGE_LOAD", 2), ("PUSHBACK", 1))
    if size_class == "E":
        return base + (("CATERING", 3),)
    if size_class in ("C", "B"):
        return base + (("CATERING", 1),)
    return base


def size_class_for(aircraft_type: str) -> str:
    return _TYPE_CLASS.get(aircraft_type.upper(), "C")
