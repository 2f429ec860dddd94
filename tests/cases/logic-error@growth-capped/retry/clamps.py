"""Values clamped to a range with two statements."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    min_fee: float
    max_fee: float


def wrong_ceiling(amount: float, limits: Limits) -> float:
    fee = amount * 0.015
    fee = max(fee, limits.max_fee)  # expect: logic-error
    fee = max(fee, limits.min_fee)
    return fee


def wrong_floor(amount: float, floor_minimum: float, cap: float) -> float:
    share = amount / 3
    share = min(share, cap)
    share = min(floor_minimum, share)  # expect: logic-error
    return share


def right_clamp(amount: float, limits: Limits) -> float:
    fee = amount * 0.015
    fee = min(fee, limits.max_fee)
    fee = max(fee, limits.min_fee)
    return fee


def running_extremes(values: list[float], max_seen: float, min_seen: float) -> float:
    peak = max(max_seen, values[0])
    peak = max(peak, min_seen)
    return peak
