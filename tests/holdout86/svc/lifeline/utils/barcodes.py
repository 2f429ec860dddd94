from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ISBT = re.compile(r"^=?([A-Z]\d{4})(\d{2})(\d{6})(\d{2})?$")


@dataclass(frozen=True)
class BagCode:
    facility: str
    year: str
    sequence: str
    flags: str | None


@lru_cache(maxsize=None)
def parse_bag_barcode(raw: str) -> BagCode:
    match = _ISBT.match(raw.strip())
    if match is None:
        raise ValueError(f"not an ISBT 128 donation id: {raw!r}")
    facility, year, sequence, flags = match.groups()
    return BagCode(facility, year, sequence, flags)


def lot_of(raw: str) -> str:
    code = parse_bag_barcode(raw)
    return f"{code.facility}-{code.year}"
