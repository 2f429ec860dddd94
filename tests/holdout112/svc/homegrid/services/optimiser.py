"""Tariff-aware charge scheduling.

Dynamic programme over half-hourly slots: the state is the battery state of charge on a
fine grid, the decision is the charging power in each slot. Costs include import price,
export credit for discharge and a small degradation penalty on throughput.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SOC_STEPS = 2001
SLOT_HOURS = 0.5


@dataclass(frozen=True)
class BatterySpec:
    capacity_kwh: float
    max_charge_kw: float
    max_discharge_kw: float
    efficiency: float = 0.92
    degradation_pence_per_kwh: float = 1.2


@dataclass(frozen=True)
class PlanResult:
    slots_kw: list[float]
    soc_trajectory: list[float]
    cost_pence: float


def _transition_cost(
    soc_grid: np.ndarray, spec: BatterySpec, price: float, export_price: float
) -> np.ndarray:
    delta_kwh = np.subtract.outer(soc_grid, soc_grid) * -spec.capacity_kwh
    power_kw = delta_kwh / SLOT_HOURS
    feasible = (power_kw <= spec.max_charge_kw + 1e-9) & (power_kw >= -spec.max_discharge_kw - 1e-9)
    grid_kwh = np.where(delta_kwh > 0, delta_kwh / spec.efficiency, delta_kwh * spec.efficiency)
    cost = np.where(grid_kwh > 0, grid_kwh * price, grid_kwh * export_price)
    cost = cost + np.abs(delta_kwh) * spec.degradation_pence_per_kwh
    return np.where(feasible, cost, np.inf)


def optimise_charge(
    prices: list[float],
    export_price: float,
    spec: BatterySpec,
    current_soc: float,
    target_soc: float,
    min_soc: float = 0.1,
) -> PlanResult:
    slots = len(prices)
    soc_grid = np.linspace(0.0, 1.0, SOC_STEPS)
    usable = soc_grid >= min_soc

    value = np.where(soc_grid >= target_soc, 0.0, np.inf)
    policy = np.zeros((slots, SOC_STEPS), dtype=np.int32)
    for t in range(slots - 1, -1, -1):
        cost = _transition_cost(soc_grid, spec, prices[t], export_price)
        total = cost + value[np.newaxis, :]
        total[:, ~usable] = np.inf
        policy[t] = np.argmin(total, axis=1)
        value = total[np.arange(SOC_STEPS), policy[t]]

    state = int(np.abs(soc_grid - current_soc).argmin())
    trajectory = [float(soc_grid[state])]
    slots_kw: list[float] = []
    for t in range(slots):
        nxt = int(policy[t, state])
        slots_kw.append(float((soc_grid[nxt] - soc_grid[state]) * spec.capacity_kwh / SLOT_HOURS))
        state = nxt
        trajectory.append(float(soc_grid[state]))
    start = int(np.abs(soc_grid - current_soc).argmin())
    total_cost = float(value[start]) if np.isfinite(value[start]) else float("nan")
    return PlanResult(slots_kw=slots_kw, soc_trajectory=trajectory, cost_pence=total_cost)


@dataclass(frozen=True)
class HeatPumpSpec:
    rated_kw: float
    cop: float = 3.2
    house_heat_loss_kw_per_c: float = 0.18
    thermal_mass_kwh_per_c: float = 2.5


def plan_preheat(
    prices: list[float],
    outdoor_c: list[float],
    spec: HeatPumpSpec,
    indoor_start_c: float,
    comfort_min_c: float,
    comfort_max_c: float,
) -> tuple[list[float], float]:
    """Greedy pre-heating: heat harder in cheap slots, coast through expensive ones.

    Returns the per-slot setpoints and the expected cost. The greedy pass is cheap
    enough to run inline (48 slots, a handful of candidate setpoints).
    """
    slots = len(prices)
    if len(outdoor_c) < slots:
        outdoor_c = list(outdoor_c) + [outdoor_c[-1] if outdoor_c else 8.0] * (slots - len(outdoor_c))
    order = np.argsort(prices)
    cheap = set(int(i) for i in order[: max(1, slots // 3)])
    setpoints: list[float] = []
    indoor = indoor_start_c
    cost = 0.0
    for t in range(slots):
        target = comfort_max_c if t in cheap else comfort_min_c
        loss_kwh = spec.house_heat_loss_kw_per_c * max(0.0, indoor - outdoor_c[t]) * SLOT_HOURS
        needed_kwh = max(0.0, (target - indoor) * spec.thermal_mass_kwh_per_c + loss_kwh)
        heat_kwh = min(needed_kwh, spec.rated_kw * spec.cop * SLOT_HOURS)
        indoor = indoor + (heat_kwh - loss_kwh) / spec.thermal_mass_kwh_per_c
        cost += heat_kwh / spec.cop * prices[t]
        setpoints.append(round(target, 1))
    return setpoints, round(cost, 2)
