"""Imported thresholds are not resolved: no claim about values from another module."""
from __future__ import annotations

from .limits import SLOW_MS, VERY_SLOW_MS


def label(ms: int) -> str:
    if ms > VERY_SLOW_MS:
        return "very slow"
    elif ms > SLOW_MS:
        return "slow"
    return "ok"
