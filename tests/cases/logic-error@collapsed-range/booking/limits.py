"""Temperature limits of a cold-chain shipment."""
from __future__ import annotations


def breached(reading: float, limits) -> bool:
    return reading < limits.lowest or limits.lowest < reading  # expect: logic-error


def breached_ok(reading: float, limits) -> bool:
    return reading < limits.lowest or limits.highest < reading
