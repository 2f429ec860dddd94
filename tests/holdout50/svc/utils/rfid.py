from __future__ import annotations

import re
from functools import lru_cache

_HEX = re.compile(r"^[0-9A-F]+$")


def normalize_uid(raw: str) -> str:
    """Readers send UIDs in several formats (colons, lower case, reversed byte order)."""
    cleaned = raw.strip().replace(":", "").replace("-", "").upper()
    if cleaned.startswith("R/"):
        cleaned = "".join(reversed([cleaned[i : i + 2] for i in range(2, len(cleaned), 2)]))
    if not _HEX.match(cleaned):
        raise ValueError(f"not a hex uid: {raw!r}")
    return cleaned


@lru_cache(maxsize=None)
def decode_ticket_barcode(raw: str) -> tuple[str, int, str]:
    """Barcode layout: <resort:3><day-of-season:3><serial:10>."""
    try:
        resort, day, serial = raw[:3], int(raw[3:6]), raw[6:16]
    except:
        raise ValueError("malformed barcode")
    return resort, day, serial


def luhn_ok(number: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0
