from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WIEGAND_26 = re.compile(r"^(?P<fc>\d{1,3}):(?P<card>\d{1,5})$")
_HEX_UID = re.compile(r"^[0-9A-Fa-f]{8,20}$")


@dataclass(frozen=True)
class BadgeFormat:
    kind: str
    facility_code: int | None
    card_number: str


@lru_cache(maxsize=None)
def parse_badge(raw: str) -> BadgeFormat:
    raw = raw.strip()
    match = _WIEGAND_26.match(raw)
    if match:
        return BadgeFormat("wiegand26", int(match["fc"]), match["card"])
    if _HEX_UID.match(raw):
        return BadgeFormat("uid", None, raw.upper())
    return BadgeFormat("opaque", None, raw)


@lru_cache(maxsize=256)
def facility_code_for_site(site_code: str) -> int:
    # Facility codes are derived from the site code so badges printed at
    # different campuses never collide on the 8-bit field.
    return sum(site_code.encode()) % 256


def visitor_badge_number(site_code: str, seq: int) -> str:
    return f"{facility_code_for_site(site_code)}:{seq:05d}"
