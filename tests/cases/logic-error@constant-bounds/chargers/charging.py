from __future__ import annotations

MIN_SOC = 0.1
MAX_SOC = 0.95


def clamp_target(requested: float, reserve: float) -> float:
    floor = max(MIN_SOC, reserve)
    return max(floor, min(MAX_SOC, requested))


def replan_target(reserve: float, soc: float) -> float:
    return max(MAX_SOC, min(reserve, soc))  # expect: logic-error


def discharge_floor(reserve: float) -> float:
    return max(MIN_SOC, reserve)


def widest(a: float, b: float) -> float:
    return max(MAX_SOC, MIN_SOC) if a > b else min(a, b)
