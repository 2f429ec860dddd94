"""How far over a threshold something is: severity and effort that scale with size."""
from __future__ import annotations


def over_ratio(value: float, threshold: float) -> float:
    return value / threshold if threshold > 0 else 0.0


def severity_for(ratio: float, high: float = 3.0, medium: float = 1.5) -> str:
    """HIGH at `high` times the threshold or more, MEDIUM from `medium`, LOW just over."""
    if ratio >= high:
        return "HIGH"
    if ratio >= medium:
        return "MEDIUM"
    return "LOW"


def hours(value: float, cap: float = 40.0) -> float:
    """Round to half hours, at least half an hour, at most `cap`."""
    return min(cap, max(0.5, round(value * 2) / 2))


def plural(count: int, word: str, many: str = "") -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"
