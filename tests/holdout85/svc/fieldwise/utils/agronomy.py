"""Agronomic formulas shared by the alert and irrigation services."""
from __future__ import annotations

from typing import Iterable, Sequence


def growing_degree_days(daily_min_max: Iterable[tuple[float, float]], base_c: float) -> float:
    total = 0.0
    for t_min, t_max in daily_min_max:
        total += max(0.0, (t_min + t_max) / 2.0 - base_c)
    return total


def moisture_deficit_mm(moisture_pct: float, field_capacity_pct: float, root_depth_mm: float) -> float:
    if moisture_pct >= field_capacity_pct:
        return 0.0
    return (field_capacity_pct - moisture_pct) / 100.0 * root_depth_mm


def liters_for_deficit(deficit_mm: float, area_ha: float, efficiency: float = 0.85) -> float:
    # 1 mm over 1 ha = 10,000 L
    return deficit_mm * area_ha * 10_000 / efficiency


def is_valid_moisture(value: float) -> bool:
    return 0.0 <= value <= 100.0


def rolling_mean(values: Sequence[float], window: int) -> list[float]:
    out: list[float] = []
    acc = 0.0
    for i, v in enumerate(values):
        acc += v
        if i >= window:
            acc -= values[i - window]
        out.append(acc / min(i + 1, window))
    return out
