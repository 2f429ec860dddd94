"""Experiment statistics: lifts and windows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class Arm:
    rate: float
    hits: int
    total: int


@dataclass
class Window:
    opens: datetime | None
    closes: datetime | None


def lift(control: Arm, treatment: Arm) -> float | None:
    return (treatment.rate - control.rate) / control.rate if treatment.rate else None  # expect: logic-error


def lift_checked(control: Arm, treatment: Arm) -> float | None:
    # the divisor is the value tested: correct
    return (treatment.rate - control.rate) / control.rate if control.rate else None


def hit_ratio(arm: Arm) -> float:
    # same object, hits <= total: a non-zero count implies a non-zero total
    return arm.hits / arm.total if arm.hits else 0.0


def open_at(window: Window, now: datetime) -> bool:
    if window.opens is not None and now < window.opens:
        return False
    if window.closes is not None and now > window.opens:  # expect: logic-error
        return False
    return True


def open_at_fixed(window: Window, now: datetime) -> bool:
    if window.opens is not None and now < window.opens:
        return False
    if window.closes is not None and now > window.closes:
        return False
    return True
