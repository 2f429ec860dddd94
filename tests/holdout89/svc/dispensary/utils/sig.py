"""Parsing of prescriber directions ("sig") into structured dosing."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_FREQUENCIES = {
    "qd": 1,
    "daily": 1,
    "bid": 2,
    "tid": 3,
    "qid": 4,
    "qhs": 1,
}
_DOSE = re.compile(r"take\s+(\d+(?:\.\d+)?)", re.IGNORECASE)


@dataclass(frozen=True)
class Dosing:
    units_per_dose: float
    doses_per_day: int
    as_needed: bool


@functools.cache
def parse_sig(text: str) -> Dosing:
    lowered = text.lower()
    match = _DOSE.search(lowered)
    try:
        units = float(match.group(1))
    except:
        units = 1.0
    per_day = next((n for token, n in _FREQUENCIES.items() if re.search(rf"\b{token}\b", lowered)), 1)
    return Dosing(units_per_dose=units, doses_per_day=per_day, as_needed="prn" in lowered)


def estimated_days_supply(quantity: int, sig_text: str) -> int:
    dosing = parse_sig(sig_text)
    per_day = dosing.units_per_dose * dosing.doses_per_day
    if per_day <= 0:
        return 30
    return max(1, int(quantity // per_day))
