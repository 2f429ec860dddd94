"""Revenue uplift between a baseline period and a trial period."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Period:
    revenue: float
    orders: int


def uplift(baseline: Period, trial: Period) -> float | None:
    if trial.revenue != 0:
        return (trial.revenue - baseline.revenue) / baseline.revenue  # expect: logic-error
    return None


def uplift_ok(baseline: Period, trial: Period) -> float | None:
    if baseline.revenue != 0:
        return (trial.revenue - baseline.revenue) / baseline.revenue
    return None


def uplift_pct(baseline: Period, trial: Period) -> float:
    return round(100 * (trial.orders - baseline.orders) / baseline.orders, 1) if trial.orders else 0.0  # expect: logic-error


def uplift_pct_ok(baseline: Period, trial: Period) -> float:
    return round(100 * (trial.orders - baseline.orders) / baseline.orders, 1) if baseline.orders else 0.0


def share(baseline: Period, trial: Period) -> float | None:
    if trial.orders:
        return baseline.revenue / baseline.orders
    return None


def order_value(trial: Period) -> float:
    if trial.orders:
        return trial.revenue / trial.orders
    return 0.0


def uplift_checked_above(baseline: Period, trial: Period) -> float | None:
    if not baseline.revenue:
        return None
    if trial.revenue:
        return (trial.revenue - baseline.revenue) / baseline.revenue
    return 0.0
