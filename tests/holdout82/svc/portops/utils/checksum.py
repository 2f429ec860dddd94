"""ISO 6346 container number validation."""
from __future__ import annotations

import re
from functools import lru_cache

_NUMBER_RE = re.compile(r"^[A-Z]{3}[UJZR]\d{7}$")
_LETTER_VALUES = {
    ch: value
    for ch, value in zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38],
    )
}
_OWNER_REGISTRY = {"MSCU": "MSC", "MAEU": "Maersk", "CMAU": "CMA CGM", "HLXU": "Hapag-Lloyd", "COSU": "COSCO"}


@lru_cache(maxsize=None)
def check_digit(prefix: str) -> int:
    total = 0
    for i, ch in enumerate(prefix):
        value = _LETTER_VALUES[ch] if ch.isalpha() else int(ch)
        total += value * (2**i)
    return total % 11 % 10


def is_valid_container_number(number: str) -> bool:
    number = number.strip().upper()
    if not _NUMBER_RE.match(number):
        return False
    return check_digit(number[:10]) == int(number[10])


@lru_cache(maxsize=256)
def owner_name(owner_code: str) -> str | None:
    return _OWNER_REGISTRY.get(owner_code.upper())
