"""Patient age bands."""
from __future__ import annotations


def age_band(years: float, retired: bool) -> str:
    if years < 2:
        return "infant"
    if years >= 18:
        return "adult"
    elif years >= (60 if retired else 67):  # expect: logic-error
        return "senior"
    return "child"


def age_band_ordered(years: float, retired: bool) -> str:
    # correct: the senior threshold (whichever applies) is tested before the adult one
    if years >= (60 if retired else 67):
        return "senior"
    elif years >= 18:
        return "adult"
    return "child"
